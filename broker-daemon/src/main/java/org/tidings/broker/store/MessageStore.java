package org.tidings.broker.store;

/**
 * The broker's durable state, spoken in domain verbs: messages, the queues that hold references to them, and
 * per-reference delivery counts.
 *
 * <p>Work is handed over as a {@link StoreBatch}; an implementation may merge many batches into one durable commit
 * (group commit). The {@link StoreCallback} of a batch runs only after everything in it is durable, so a producer's
 * persistent send or a consumer's acknowledgement is confirmed from that callback.
 *
 * <p>Threading: {@link #submit} may be called from any thread and never blocks on I/O. Callbacks run on the store's
 * own thread, in submission order; they must be short and must not call {@link #close}. {@link #recover} is called
 * once, before the first {@link #submit}.
 */
public interface MessageStore extends AutoCloseable {

    /**
     * Replays the stored state to {@code listener}: every queue first, then every message that some queue references
     * (the broker deletes a message with its last reference; one without references is the unfinished work of a
     * crash), then every reference in ascending message id order per queue, then every remembered duplicate id.
     *
     * @return the highest ids in use, so the broker continues numbering above them
     */
    RecoveryResult recover(RecoveryListener listener);

    /** Queues {@code batch}; {@code callback} runs once it is durable, or with the failure that prevented that. */
    void submit(StoreBatch batch, StoreCallback callback);

    /**
     * The encoded bytes of a stored message, or {@code null} if the store does not hold it. Sees every batch whose
     * callback reported success. Any thread; may block on I/O.
     */
    byte[] read(long messageId);

    /** Finishes the batches already submitted, then releases the files. */
    @Override
    void close();
}
