package org.tidings.broker.addressing;

import org.tidings.broker.config.DestinationPolicies;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.StoreBatch;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every destination the broker knows: queues and topics (created on first use), temporary destinations with their
 * owning connection, durable and shared subscriptions. Confined to the broker core thread ({@link BrokerCore}).
 */
public final class AddressRegistry {

    private final BrokerCore core;
    private final Map<String, QueueDispatcher> queues = new HashMap<>();
    private final Map<String, Topic> topics = new HashMap<>();
    private final Map<String, QueueDispatcher> temporaryQueues = new HashMap<>();
    private final Map<String, Topic> temporaryTopics = new HashMap<>();
    private final Map<String, Long> temporaryOwners = new HashMap<>();
    private final Map<SubscriptionKey, TopicSubscription> durableSubscriptions = new HashMap<>();
    private final Map<SubscriptionKey, TopicSubscription> sharedSubscriptions = new HashMap<>();
    private final DestinationPolicies policies;
    private final DeadLetters deadLetters;
    private final DuplicateIds duplicateIds;
    private long temporaryCounter;
    private long privateCounter;

    /** A registry whose destinations take their redelivery and dead-letter settings from {@code policies}. */
    public AddressRegistry(BrokerCore core, DestinationPolicies policies) {
        this.core = core;
        this.policies = policies;
        this.deadLetters = new DeadLetters(core, this);
        this.duplicateIds = new DuplicateIds(policies);
    }

    /** Where messages that cannot be delivered go, and how they come back. */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** The duplicate ids each destination remembers. */
    public DuplicateIds duplicateIds() {
        return duplicateIds;
    }

    /** How the queue of {@code destination} (a queue's name, or a subscription's topic) treats failed deliveries. */
    DeliveryPolicy deliveryPolicyOf(String destination) {
        return new DeliveryPolicy(destination, policies.settingsFor(destination), deadLetters);
    }

    /** The queue called {@code name}, created (and stored) on first use. */
    public QueueDispatcher queue(String name) {
        QueueDispatcher queue = queues.get(name);
        if (queue == null) {
            QueueRecord record = QueueRecord.queue(core.nextQueueId(), name);
            queue = new QueueDispatcher(core, name, record, deliveryPolicyOf(name));
            queues.put(name, queue);
            core.submitUnobserved(StoreBatch.builder().addQueue(record).build());
        }
        return queue;
    }

    /** The topic called {@code name}, created on first use. */
    public Topic topic(String name) {
        return topics.computeIfAbsent(name, Topic::new);
    }

    /** A queue or temporary queue that exists, or {@code null}; never creates one. */
    public QueueDispatcher existingQueue(DestinationRef destination) {
        return destination.kind() == DestinationKind.TEMPORARY_QUEUE
                ? temporaryQueues.get(destination.name()) : queues.get(destination.name());
    }

    /** The queues {@code message} sent to {@code destination} lands on. */
    public List<QueueDispatcher> targets(DestinationRef destination, BrokerMessage message) throws RefusedException {
        return switch (destination.kind()) {
            case QUEUE -> List.of(queue(destination.name()));
            case TOPIC -> topic(destination.name()).targets(message);
            case TEMPORARY_QUEUE -> List.of(temporaryQueue(destination.name()));
            case TEMPORARY_TOPIC -> temporaryTopic(destination.name()).targets(message);
        };
    }

    public QueueDispatcher temporaryQueue(String name) throws RefusedException {
        QueueDispatcher queue = temporaryQueues.get(name);
        if (queue == null) {
            throw new RefusedException(ErrorCode.INVALID_DESTINATION, "temporary queue " + name + " does not exist");
        }
        return queue;
    }

    public Topic temporaryTopic(String name) throws RefusedException {
        Topic topic = temporaryTopics.get(name);
        if (topic == null) {
            throw new RefusedException(ErrorCode.INVALID_DESTINATION, "temporary topic " + name + " does not exist");
        }
        return topic;
    }

    /** The connection that owns temporary destination {@code name}, or 0 if none. */
    public long temporaryOwner(String name) {
        return temporaryOwners.getOrDefault(name, 0L);
    }

    /** Creates a temporary queue or topic owned by {@code connectionId}; returns its name. */
    public String createTemporary(DestinationKind kind, long connectionId) {
        String name = (kind == DestinationKind.TEMPORARY_QUEUE ? "TQ." : "TT.") + connectionId + "."
                + (++temporaryCounter);
        if (kind == DestinationKind.TEMPORARY_QUEUE) {
            temporaryQueues.put(name, new QueueDispatcher(core, name, null, deliveryPolicyOf(name)));
        } else {
            temporaryTopics.put(name, new Topic(name));
        }
        temporaryOwners.put(name, connectionId);
        return name;
    }

    /** Deletes a temporary destination of {@code connectionId}; refused while it has consumers. */
    public void deleteTemporary(DestinationRef destination, long connectionId) throws RefusedException {
        String name = destination.name();
        if (!destination.kind().isTemporary() || temporaryOwner(name) != connectionId) {
            throw new RefusedException(ErrorCode.INVALID_DESTINATION,
                    "no temporary destination " + name + " owned by this connection");
        }
        boolean inUse = destination.kind() == DestinationKind.TEMPORARY_QUEUE
                ? temporaryQueues.get(name).subscriberCount() > 0 : temporaryTopics.get(name).hasConsumers();
        if (inUse) {
            throw new RefusedException(ErrorCode.ILLEGAL_STATE,
                    "temporary destination " + name + " still has consumers");
        }
        removeTemporary(name);
    }

    /** Deletes a temporary destination regardless of consumers (its connection ended). */
    public void removeTemporary(String name) {
        temporaryOwners.remove(name);
        QueueDispatcher queue = temporaryQueues.remove(name);
        if (queue != null) {
            queue.delete(StoreBatch.builder());
        }
        Topic topic = temporaryTopics.remove(name);
        if (topic != null) {
            for (TopicSubscription subscription : topic.subscriptions()) {
                subscription.queue().delete(StoreBatch.builder());
            }
        }
    }

    /** A private non-durable subscription for one consumer. */
    public TopicSubscription subscribePrivate(Topic topic, MessageFilter filter, boolean noLocal, long connectionId) {
        QueueDispatcher queue = new QueueDispatcher(core, topic.name() + "#" + (++privateCounter), null,
                deliveryPolicyOf(topic.name()));
        TopicSubscription subscription = new TopicSubscription(topic, queue, null, filter, noLocal, connectionId,
                false);
        topic.add(subscription);
        return subscription;
    }

    /** The shared non-durable subscription {@code key}, created if absent. */
    public TopicSubscription subscribeShared(SubscriptionKey key, Topic topic, MessageFilter filter, boolean noLocal,
                                             long connectionId) throws RefusedException {
        TopicSubscription existing = sharedSubscriptions.get(key);
        if (existing != null) {
            if (!existing.matches(topic.name(), filter, noLocal)) {
                throw new RefusedException(ErrorCode.ILLEGAL_STATE, "shared subscription " + key
                        + " is in use with a different topic or selector");
            }
            return existing;
        }
        QueueDispatcher queue = new QueueDispatcher(core, topic.name() + "#" + key.name(), null,
                deliveryPolicyOf(topic.name()));
        TopicSubscription subscription = new TopicSubscription(topic, queue, key, filter, noLocal, connectionId,
                false);
        topic.add(subscription);
        sharedSubscriptions.put(key, subscription);
        return subscription;
    }

    /**
     * The durable subscription {@code key}: created if absent, replaced (its messages discarded) if it was made with
     * another topic, selector or noLocal and has no consumer.
     */
    public TopicSubscription subscribeDurable(SubscriptionKey key, String topicName, MessageFilter filter,
                                              boolean noLocal) throws RefusedException {
        TopicSubscription existing = durableSubscriptions.get(key);
        if (existing != null) {
            if (existing.matches(topicName, filter, noLocal)) {
                return existing;
            }
            if (existing.queue().subscriberCount() > 0) {
                throw new RefusedException(ErrorCode.ILLEGAL_STATE, "durable subscription " + key
                        + " has an active consumer on a different topic or selector");
            }
            deleteDurable(existing);
        }
        QueueRecord record = new QueueRecord(core.nextQueueId(), QueueRecord.Kind.DURABLE_SUBSCRIPTION, topicName,
                key.clientId(), key.name(), MessageFilter.textOf(filter), noLocal);
        core.submitUnobserved(StoreBatch.builder().addQueue(record).build());
        return addDurable(record);
    }

    /** Deletes durable subscription {@code key}; refused while it has a consumer or if it does not exist. */
    public void unsubscribe(SubscriptionKey key) throws RefusedException {
        TopicSubscription existing = durableSubscriptions.get(key);
        if (existing == null) {
            throw new RefusedException(ErrorCode.INVALID_DESTINATION, "no durable subscription " + key);
        }
        if (existing.queue().subscriberCount() > 0) {
            throw new RefusedException(ErrorCode.ILLEGAL_STATE, "durable subscription " + key
                    + " has an active consumer");
        }
        deleteDurable(existing);
    }

    /** Drops a non-durable subscription once its last consumer is gone. */
    public void releaseSubscription(TopicSubscription subscription) {
        if (subscription.isDurable() || subscription.queue().subscriberCount() > 0) {
            return;
        }
        subscription.topic().remove(subscription);
        if (subscription.key() != null) {
            sharedSubscriptions.remove(subscription.key());
        }
        subscription.queue().delete(StoreBatch.builder());
    }

    /** Rebuilds a stored queue or durable subscription found by recovery. */
    public QueueDispatcher recovered(QueueRecord record) {
        if (record.kind() == QueueRecord.Kind.QUEUE) {
            QueueDispatcher queue = new QueueDispatcher(core, record.name(), record, deliveryPolicyOf(record.name()));
            queues.put(record.name(), queue);
            return queue;
        }
        return addDurable(record).queue();
    }

    private TopicSubscription addDurable(QueueRecord record) {
        SubscriptionKey key = new SubscriptionKey(record.clientId(), record.subscriptionName());
        Topic topic = topic(record.name());
        QueueDispatcher queue = new QueueDispatcher(core, record.name() + "#" + key, record,
                deliveryPolicyOf(record.name()));
        TopicSubscription subscription = new TopicSubscription(topic, queue, key,
                MessageFilter.stored(record.selector()), record.noLocal(), 0, true);
        topic.add(subscription);
        durableSubscriptions.put(key, subscription);
        return subscription;
    }

    private void deleteDurable(TopicSubscription subscription) {
        durableSubscriptions.remove(subscription.key());
        subscription.topic().remove(subscription);
        StoreBatch.Builder batch = StoreBatch.builder();
        subscription.queue().delete(batch);
        core.submitUnobserved(batch.build());
    }
}
