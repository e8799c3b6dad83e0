package org.tidings.jms;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.io.Serializable;
import java.util.Objects;

/**
 * A queue or topic of a Tidings broker, named by its physical name. Immutable, serializable and equal by kind and
 * name, so destinations can be bound in JNDI and compared across sessions.
 */
public abstract class TidingsDestination implements Destination, Serializable {

    private static final long serialVersionUID = 1L;

    private final DestinationKind kind;
    private final String name;

    TidingsDestination(DestinationKind kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("destination name must not be empty");
        }
        this.kind = kind;
        this.name = name;
    }

    /** The physical name at the broker. */
    public String getName() {
        return name;
    }

    /** This destination as named on the wire. */
    public DestinationRef toRef() {
        return new DestinationRef(kind, name);
    }

    /** The destination a wire reference names ({@code null} for {@code null}); temporary ones have no owner. */
    public static TidingsDestination fromRef(DestinationRef ref) {
        if (ref == null) {
            return null;
        }
        return switch (ref.kind()) {
            case QUEUE -> new TidingsQueue(ref.name());
            case TOPIC -> new TidingsTopic(ref.name());
            case TEMPORARY_QUEUE -> new TidingsTemporaryQueue(ref.name(), null);
            case TEMPORARY_TOPIC -> new TidingsTemporaryTopic(ref.name(), null);
        };
    }

    /**
     * The wire reference of any JMS destination: a Tidings one, or another provider's queue or topic by its name.
     *
     * @throws InvalidDestinationException for a destination that is neither a queue nor a topic
     */
    public static DestinationRef refOf(Destination destination) throws JMSException {
        if (destination == null) {
            return null;
        }
        if (destination instanceof TidingsDestination own) {
            return own.toRef();
        }
        if (destination instanceof TemporaryQueue queue) {
            return new DestinationRef(DestinationKind.TEMPORARY_QUEUE, queue.getQueueName());
        }
        if (destination instanceof TemporaryTopic topic) {
            return new DestinationRef(DestinationKind.TEMPORARY_TOPIC, topic.getTopicName());
        }
        if (destination instanceof Queue queue) {
            return DestinationRef.queue(queue.getQueueName());
        }
        if (destination instanceof Topic topic) {
            return DestinationRef.topic(topic.getTopicName());
        }
        throw new InvalidDestinationException("not a queue or topic: " + destination);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TidingsDestination d && d.kind == kind && d.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name);
    }

    @Override
    public String toString() {
        return toRef().toString();
    }
}
