package org.tidings.broker.addressing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.StoreBatch;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.message.DecodedMessage;
import org.tidings.protocol.message.MessageCodec;
import org.tidings.protocol.message.MessageHeaders;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Moves a message that is not to be delivered again from its queue to a dead-letter queue (created on first use),
 * (or to an expiry queue), as one durable unit: the copy keeps the original's headers (its JMSMessageID among them;
 * an expired message's copy no longer expires), properties and body, and gains the {@code TIDINGS_DLQ_*} properties
 * that say where it came from and why.
 *
 * <p>Confined to the broker core thread ({@link BrokerCore}).
 */
public final class DeadLetters {

    /** What every property a dead letter gains begins with. */
    public static final String PROPERTY_PREFIX = "TIDINGS_DLQ_";
    public static final String ORIGINAL_DESTINATION = "TIDINGS_DLQ_ORIGINAL_DESTINATION";
    public static final String REASON = "TIDINGS_DLQ_REASON";
    public static final String DELIVERY_COUNT = "TIDINGS_DLQ_DELIVERY_COUNT";
    public static final String TIME = "TIDINGS_DLQ_TIME";
    public static final String ERROR = "TIDINGS_DLQ_ERROR";

    /** Why a message was dead-lettered, as {@value #REASON} says it. */
    public enum Reason { MAX_DELIVERIES, EXPIRED, REJECTED }

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final BrokerCore core;
    private final AddressRegistry registry;

    DeadLetters(BrokerCore core, AddressRegistry registry) {
        this.core = core;
        this.registry = registry;
    }

    /**
     * Takes {@code entry}, no longer delivering, off {@code from} and puts a copy on {@code target}, or drops it
     * when {@code target} is {@code null}.
     *
     * @param destination the name the copy names as its origin
     * @param error       what the consumer reported, already cut to length, or {@code null}
     */
    void move(QueueDispatcher from, QueueEntry entry, String destination, String target, Reason reason,
              String error) {
        StoreBatch.Builder batch = StoreBatch.builder();
        from.remove(entry, batch);
        if (target == null) {
            LOG.info("Dropped message {} of {} ({}): it has no dead-letter queue", entry.message().id(), from,
                    reason);
            core.submitUnobserved(batch.build());
            return;
        }
        QueueDispatcher deadLetterQueue = registry.queue(target);
        BrokerMessage copy = copyOf(entry, destination, reason, error);
        if (copy.isPersistent() && deadLetterQueue.isStored()) {
            batch.addMessage(copy.id(), copy.encoded()).addReference(deadLetterQueue.record().id(), copy.id());
        }
        if (batch.isEmpty()) {
            deadLetterQueue.enqueue(copy);
            return;
        }
        core.submit(batch.build(), failure -> {
            if (failure == null) {
                deadLetterQueue.enqueue(copy);
            } else {
                LOG.error("TDB3006: could not store the move of message {} from {} to {}", entry.message().id(),
                        from, deadLetterQueue, failure);
            }
        });
    }

    /**
     * Sends the waiting messages of {@code queue} that pass {@code filter} ({@code null}: all) back to their
     * JMSDestination, without the {@code TIDINGS_DLQ_*} properties and with a fresh delivery count; each message's
     * removal and its arrival are one durable batch. Messages for temporary destinations stay.
     *
     * @param done runs with the number moved once that is durable, or with the failure
     */
    public void replay(QueueDispatcher queue, MessageFilter filter, MessageRouter router,
                       BiConsumer<Integer, Throwable> done) {
        StoreBatch.Builder batch = StoreBatch.builder();
        Map<QueueEntry, DecodedMessage> picked = new IdentityHashMap<>();
        List<QueueEntry> taken = queue.takeAvailable(entry -> {
            if (filter != null && !filter.accepts(entry.message(), entry.deliveryCount() + 1)) {
                return false;
            }
            DecodedMessage decoded = decode(entry.message());
            if (decoded.headers().destination().kind().isTemporary()) {
                return false;
            }
            picked.put(entry, decoded);
            return true;
        }, batch);
        List<IncomingMessage> sends = new ArrayList<>(taken.size());
        for (QueueEntry entry : taken) {
            DecodedMessage decoded = picked.get(entry);
            Map<String, Object> properties = new LinkedHashMap<>(decoded.properties());
            properties.keySet().removeIf(name -> name.startsWith(PROPERTY_PREFIX));
            byte[] encoded = MessageCodec.encode(decoded.headers(), properties, decoded.bodyType(), decoded.body());
            sends.add(IncomingMessage.read(encoded, FrameLimits.forMaxMessageSize(encoded.length), 0, null));
        }
        try {
            router.execute(router.plan(sends, false), batch, failure -> done.accept(taken.size(), failure));
        } catch (RefusedException e) {
            done.accept(0, e);
        }
    }

    private static DecodedMessage decode(BrokerMessage message) {
        return MessageCodec.decode(message.encoded(), FrameLimits.forMaxMessageSize(message.size()));
    }

    private BrokerMessage copyOf(QueueEntry entry, String destination, Reason reason, String error) {
        BrokerMessage original = entry.message();
        DecodedMessage decoded = decode(original);
        Map<String, Object> properties = new LinkedHashMap<>(decoded.properties());
        properties.put(ORIGINAL_DESTINATION, destination);
        properties.put(REASON, reason.name());
        properties.put(DELIVERY_COUNT, entry.deliveryCount());
        properties.put(TIME, core.now());
        if (error != null) {
            properties.put(ERROR, error);
        }
        MessageHeaders headers = reason == Reason.EXPIRED ? neverExpiring(decoded.headers()) : decoded.headers();
        byte[] encoded = MessageCodec.encode(headers, properties, decoded.bodyType(), decoded.body());
        return new BrokerMessage(core.nextMessageId(), encoded, headers, original.groupId(),
                original.originConnectionId(), original.originClientId(), core.bodies());
    }

    /** The headers with JMSExpiration 0: an expired message's copy on the expiry queue stays there. */
    private static MessageHeaders neverExpiring(MessageHeaders h) {
        return new MessageHeaders(h.messageId(), h.timestamp(), h.correlationId(), h.correlationIdBytes(),
                h.destination(), h.replyTo(), h.persistent(), h.priority(), 0, h.deliveryTime(), h.type());
    }
}
