package org.tidings.broker.addressing;

import java.util.Objects;

/**
 * A subscription of a topic and the queue that holds its messages: private non-durable (one consumer), shared
 * non-durable, or durable (stored, survives restarts). Confined to the broker core thread.
 */
public final class TopicSubscription {

    private final Topic topic;
    private final QueueDispatcher queue;
    private final SubscriptionKey key;
    private final MessageFilter filter;
    private final boolean noLocal;
    private final long ownerConnectionId;
    private final boolean durable;

    TopicSubscription(Topic topic, QueueDispatcher queue, SubscriptionKey key, MessageFilter filter, boolean noLocal,
                      long ownerConnectionId, boolean durable) {
        this.topic = topic;
        this.queue = queue;
        this.key = key;
        this.filter = filter;
        this.noLocal = noLocal;
        this.ownerConnectionId = ownerConnectionId;
        this.durable = durable;
    }

    public QueueDispatcher queue() {
        return queue;
    }

    public Topic topic() {
        return topic;
    }

    /** Its name, or {@code null} for a private subscription. */
    public SubscriptionKey key() {
        return key;
    }

    public boolean isDurable() {
        return durable;
    }

    /** Whether the subscription was made with the same topic, selector and noLocal. */
    boolean matches(String topicName, MessageFilter otherFilter, boolean otherNoLocal) {
        return topic.name().equals(topicName)
                && Objects.equals(MessageFilter.textOf(filter), MessageFilter.textOf(otherFilter))
                && noLocal == otherNoLocal;
    }

    /**
     * The selector, then noLocal: skips messages sent by the owning connection (durable: by a connection with the
     * same client id).
     */
    boolean accepts(BrokerMessage message) {
        if (filter != null && !filter.accepts(message, 1)) {
            return false;
        }
        if (!noLocal) {
            return true;
        }
        if (durable) {
            return key.clientId() == null || !key.clientId().equals(message.originClientId());
        }
        return message.originConnectionId() != ownerConnectionId;
    }
}
