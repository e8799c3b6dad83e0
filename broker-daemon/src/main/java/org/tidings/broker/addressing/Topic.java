package org.tidings.broker.addressing;

import java.util.ArrayList;
import java.util.List;

/** A topic (or temporary topic): the subscriptions that each receive every message. Core thread only. */
public final class Topic {

    private final String name;
    private final List<TopicSubscription> subscriptions = new ArrayList<>();

    Topic(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    void add(TopicSubscription subscription) {
        subscriptions.add(subscription);
    }

    void remove(TopicSubscription subscription) {
        subscriptions.remove(subscription);
    }

    /** The queues of the subscriptions that take {@code message}. */
    /** The queues of the subscriptions that accept {@code message}. */
    List<QueueDispatcher> targets(BrokerMessage message) {
        List<QueueDispatcher> targets = new ArrayList<>(subscriptions.size());
        for (TopicSubscription subscription : subscriptions) {
            if (subscription.accepts(message)) {
                targets.add(subscription.queue());
            }
        }
        return targets;
    }

    List<TopicSubscription> subscriptions() {
        return subscriptions;
    }

    /** Whether any consumer is attached to one of its subscriptions. */
    boolean hasConsumers() {
        for (TopicSubscription subscription : subscriptions) {
            if (subscription.queue().subscriberCount() > 0) {
                return true;
            }
        }
        return false;
    }
}
