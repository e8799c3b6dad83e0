package org.tidings.jms.consumer;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import org.tidings.jms.TidingsDestination;
import org.tidings.jms.session.TidingsSession;
import org.tidings.protocol.selector.Selector;
import org.tidings.protocol.selector.SelectorException;

/**
 * What a consumer is to receive: its destination, selector, noLocal flag and, for a topic subscription with a
 * name, whether it is durable and shared. Immutable; the factory methods validate as JMS requires.
 */
public record ConsumerSpec(TidingsDestination destination, String selector, boolean noLocal,
                           String subscriptionName, boolean durable, boolean shared) {

    /** A plain consumer of a queue, or a private non-durable subscription of a topic. */
    public static ConsumerSpec of(Destination destination, String selector, boolean noLocal) throws JMSException {
        return new ConsumerSpec(TidingsSession.tidingsDestination(destination), checkSelector(selector), noLocal,
                null, false, false);
    }

    /** A named subscription of a topic: durable and/or shared. */
    public static ConsumerSpec subscription(Topic topic, String name, String selector, boolean noLocal,
                                            boolean durable, boolean shared) throws JMSException {
        if (topic == null) {
            throw new InvalidDestinationException("topic must not be null");
        }
        if (name == null || name.isEmpty()) {
            throw new JMSException("subscription name must not be empty");
        }
        return new ConsumerSpec(TidingsSession.tidingsDestination(topic), checkSelector(selector), noLocal, name,
                durable, shared);
    }

    /**
     * Checks a selector here, so an invalid one fails when the consumer is created; blank means "all messages"
     * ({@code null}). The broker evaluates it, so non-matching messages never reach the client.
     */
    static String checkSelector(String selector) throws InvalidSelectorException {
        try {
            return Selector.parse(selector) == null ? null : selector;
        } catch (SelectorException e) {
            throw new InvalidSelectorException("invalid message selector '" + selector + "': " + e.getMessage());
        }
    }
}
