package org.tidings.broker.store;

/** One verb of a {@link StoreBatch}. */
public sealed interface StoreOperation {

    /** Stores a queue or durable subscription. */
    record AddQueue(QueueRecord queue) implements StoreOperation { }

    /** Deletes a queue and every reference it holds (messages are deleted by their own operation). */
    record DeleteQueue(long queueId) implements StoreOperation { }

    /** Stores the encoded bytes of a persistent message. */
    record AddMessage(long messageId, byte[] encoded) implements StoreOperation { }

    /**
     * Writes a stored message's bytes again where the store writes now, so the place that held them can be freed;
     * the store's own housekeeping (compaction), no effect if the message was deleted meanwhile.
     */
    record RewriteMessage(long messageId, byte[] encoded) implements StoreOperation { }

    /** Deletes a message once no queue references it. */
    record DeleteMessage(long messageId) implements StoreOperation { }

    /** Puts a stored message on a queue, with delivery count 0. */
    record AddReference(long queueId, long messageId) implements StoreOperation { }

    /** Takes a message off a queue: the durable form of an acknowledgement. */
    record RemoveReference(long queueId, long messageId) implements StoreOperation { }

    /**
     * Records how often a queued message has been delivered, so the count survives a restart. Ignored when the
     * reference no longer exists, so a late update never brings back an acknowledged message.
     */
    record UpdateDeliveryCount(long queueId, long messageId, int deliveryCount) implements StoreOperation { }

    /**
     * Remembers a duplicate id (TIDINGS_DUPLICATE_ID) sent to {@code destination}, the {@code sequence}th there, in
     * {@code slot}, replacing what the slot held: the broker keeps the last ids of a destination in a ring of
     * slots.
     */
    record PutDuplicateId(String destination, int slot, long sequence, String duplicateId)
            implements StoreOperation { }
}
