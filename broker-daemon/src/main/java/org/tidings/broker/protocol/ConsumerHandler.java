package org.tidings.broker.protocol;

import org.tidings.broker.addressing.AddressRegistry;
import org.tidings.broker.addressing.MessageFilter;
import org.tidings.broker.addressing.QueueDispatcher;
import org.tidings.broker.addressing.RefusedException;
import org.tidings.broker.addressing.SubscriptionKey;
import org.tidings.broker.addressing.Topic;
import org.tidings.broker.addressing.TopicSubscription;
import org.tidings.protocol.frame.CloseConsumer;
import org.tidings.protocol.frame.CreateConsumer;
import org.tidings.protocol.frame.Credit;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.Pull;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.util.HashSet;
import java.util.Set;

/**
 * CREATE_CONSUMER, CLOSE_CONSUMER, CREDIT and PULL (PROTOCOL.md, "Consumers, credit and deliveries"). A selector
 * filters at dispatch for a queue consumer and at routing for a topic subscription. Core thread only.
 */
final class ConsumerHandler {

    private ConsumerHandler() {
    }

    static void create(Connection connection, CreateConsumer frame) {
        SessionState session = SessionHandler.require(connection, frame, frame.sessionId());
        if (session == null) {
            return;
        }
        if (connection.consumers().containsKey(frame.consumerId())) {
            connection.respondError(frame, ErrorCode.ILLEGAL_STATE,
                    "consumer " + frame.consumerId() + " is already open on this connection");
            return;
        }
        QueueDispatcher queue;
        TopicSubscription subscription = null;
        MessageFilter consumerFilter = null;
        try {
            MessageFilter filter = MessageFilter.parse(frame.selector());
            if (frame.destination().kind().isTopic()) {
                subscription = subscribe(connection, frame, filter);
                queue = subscription.queue();
            } else {
                queue = queueFor(connection, frame.destination());
                consumerFilter = filter;
            }
        } catch (RefusedException e) {
            connection.respondError(frame, e.code(), e.getMessage());
            return;
        }
        ConsumerState consumer = new ConsumerState(frame.consumerId(), connection, session, queue, subscription,
                consumerFilter, frame.credit());
        connection.consumers().put(consumer.id(), consumer);
        session.consumers().add(consumer);
        connection.respondOk(frame);
        queue.addSubscriber(consumer);
    }

    static void close(Connection connection, CloseConsumer frame) {
        ConsumerState consumer = connection.consumers().get(frame.consumerId());
        if (consumer != null) {
            Set<Long> retained = new HashSet<>();
            for (long deliveryId : frame.retainedDeliveryIds()) {
                retained.add(deliveryId);
            }
            connection.closeConsumer(consumer, retained, false);
        }
        connection.respondOk(frame);
    }

    /** Credit for an unknown (already closed) consumer is ignored. */
    static void credit(Connection connection, Credit frame) {
        ConsumerState consumer = connection.consumers().get(frame.consumerId());
        if (consumer != null) {
            consumer.addCredit(frame.credit());
        }
    }

    static void pull(Connection connection, Pull frame) {
        ConsumerState consumer = connection.consumers().get(frame.consumerId());
        if (consumer == null) {
            connection.respondError(frame, ErrorCode.ILLEGAL_STATE, "consumer " + frame.consumerId()
                    + " is not open");
            return;
        }
        consumer.pull(frame.requestId(), frame.timeoutMillis());
    }

    private static QueueDispatcher queueFor(Connection connection, DestinationRef destination)
            throws RefusedException {
        AddressRegistry registry = connection.context().registry();
        if (destination.kind() == DestinationKind.QUEUE) {
            return registry.queue(destination.name());
        }
        QueueDispatcher queue = registry.temporaryQueue(destination.name());
        requireOwner(connection, destination, "temporary queue");
        return queue;
    }

    /** Only the connection that created a temporary destination may consume from it (JMS 2.0, 4.1.5). */
    private static void requireOwner(Connection connection, DestinationRef destination, String what)
            throws RefusedException {
        if (connection.context().registry().temporaryOwner(destination.name()) != connection.id()) {
            throw new RefusedException(ErrorCode.INVALID_DESTINATION, what + " " + destination.name()
                    + " belongs to another connection; only its own connection may consume from it");
        }
    }

    private static TopicSubscription subscribe(Connection connection, CreateConsumer frame, MessageFilter filter)
            throws RefusedException {
        AddressRegistry registry = connection.context().registry();
        DestinationRef destination = frame.destination();
        boolean temporary = destination.kind() == DestinationKind.TEMPORARY_TOPIC;
        Topic topic = temporary ? registry.temporaryTopic(destination.name()) : registry.topic(destination.name());
        if (temporary) {
            requireOwner(connection, destination, "temporary topic");
        }
        String name = frame.subscriptionName();
        if (frame.durable()) {
            if (temporary) {
                throw new RefusedException(ErrorCode.INVALID_DESTINATION,
                        "a durable subscription cannot be made on temporary topic " + destination.name());
            }
            if (name == null || name.isEmpty()) {
                throw new RefusedException(ErrorCode.GENERAL, "a durable subscription needs a name");
            }
            if (connection.clientId() == null && !frame.shared()) {
                throw new RefusedException(ErrorCode.ILLEGAL_STATE, "durable subscription '" + name
                        + "' needs a client id: set one on the connection first");
            }
            SubscriptionKey key = new SubscriptionKey(connection.clientId(), name);
            TopicSubscription subscription = registry.subscribeDurable(key, topic.name(), filter,
                    frame.noLocal());
            if (!frame.shared() && subscription.queue().subscriberCount() > 0) {
                throw new RefusedException(ErrorCode.ILLEGAL_STATE,
                        "durable subscription " + key + " already has an active consumer");
            }
            return subscription;
        }
        if (name != null) {
            return registry.subscribeShared(new SubscriptionKey(connection.clientId(), name), topic,
                    filter, frame.noLocal(), connection.id());
        }
        return registry.subscribePrivate(topic, filter, frame.noLocal(), connection.id());
    }
}
