package org.tidings.broker.addressing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.RecoveryListener;
import org.tidings.broker.store.RecoveryResult;
import org.tidings.broker.store.StoreBatch;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.codec.MalformedFrameException;
import org.tidings.protocol.message.MessageCodec;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds queues, durable subscriptions and their messages (with delivery counts) from the store. Runs once on
 * the broker core thread, before the acceptor opens.
 */
public final class RecoveryLoader implements RecoveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryLoader.class);

    private static final byte[][] GROUP_ID = MessageCodec.propertyNames(BrokerMessage.GROUP_ID);

    private final BrokerCore core;
    private final AddressRegistry registry;
    private final FrameLimits limits;
    private final Map<Long, QueueDispatcher> queues = new HashMap<>();
    private final Map<Long, BrokerMessage> messages = new HashMap<>();
    private long references;

    public RecoveryLoader(BrokerCore core, AddressRegistry registry, FrameLimits limits) {
        this.core = core;
        this.registry = registry;
        this.limits = limits;
    }

    /** Replays the store into the registry and continues id numbering above what it found. */
    public void load() {
        RecoveryResult result = core.store().recover(this);
        core.continueAbove(result.maxQueueId(), result.maxMessageId());
        StoreBatch.Builder orphans = StoreBatch.builder();
        messages.values().stream().filter(m -> !m.hasStoredReferences()).forEach(m -> {
            orphans.deleteMessage(m.id());
            core.bodies().release(m);
        });
        core.submitUnobserved(orphans.build());
        LOG.info("Recovered {} queues and subscriptions, {} messages, {} queued references", queues.size(),
                messages.size(), references);
        messages.clear();
    }

    @Override
    public void queue(QueueRecord queue) {
        queues.put(queue.id(), registry.recovered(queue));
    }

    @Override
    public void message(long messageId, ByteBuffer encoded) {
        try {
            MessageCodec.HeadersAndProperties read = MessageCodec.decodeDeliveryHeadersAndProperties(encoded,
                    GROUP_ID, limits);
            BrokerMessage message = core.bodies().recovered(messageId, encoded, read.headers(),
                    read.properties()[0]);
            messages.put(messageId, message);
        } catch (MalformedFrameException | IllegalArgumentException e) {
            LOG.warn("TDB3001: dropping stored message {}: its headers cannot be read: {}", messageId,
                    e.getMessage());
            core.submitUnobserved(StoreBatch.builder().deleteMessage(messageId).build());
        }
    }

    @Override
    public void duplicateId(String destination, long sequence, String duplicateId) {
        registry.duplicateIds().recovered(destination, sequence, duplicateId);
    }

    @Override
    public void reference(long queueId, long messageId, int deliveryCount) {
        QueueDispatcher queue = queues.get(queueId);
        BrokerMessage message = messages.get(messageId);
        if (queue == null || message == null) {
            LOG.warn("TDB3002: dropping stored reference of message {} on queue {}: one of them is missing",
                    messageId, queueId);
            core.submitUnobserved(StoreBatch.builder().removeReference(queueId, messageId).build());
            return;
        }
        queue.enqueueRecovered(message, deliveryCount);
        references++;
    }
}
