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
    private final String selector;
    private final boolean noLocal;
    private final long ownerConnectionId;
    private final boolean durable;

    TopicSubscription(Topic topic, QueueDispatcher queue, SubscriptionKey key, String selector, boolean noLocal,
                      long ownerConnectionId, boolean durable) {
        this.topic = topic;
        this.queue = queue;
        this.key = key;
        this.selector = selector;
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
    boolean matches(String topicName, String otherSelector, boolean otherNoLocal) {
        return topic.name().equals(topicName) && Objects.equals(selector, otherSelector) && noLocal == otherNoLocal;
    }

    /** noLocal: skips messages sent by the owning connection (durable: by a connection with the same client id). */
    boolean accepts(BrokerMessage message) {
        if (!noLocal) {
            return true;
        }
        if (durable) {
            return key.clientId() == null || !key.clientId().equals(message.originClientId());
        }
        return message.originConnectionId() != ownerConnectionId;
    }
}
