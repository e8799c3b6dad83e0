package org.tidings.broker.store;

/** Receives the stored state during {@link MessageStore#recover}, on the calling thread. */
public interface RecoveryListener {

    void queue(QueueRecord queue);

    void message(long messageId, byte[] encoded);

    void reference(long queueId, long messageId, int deliveryCount);

    /** A remembered duplicate id of {@code destination}, the {@code sequence}th sent there. */
    void duplicateId(String destination, long sequence, String duplicateId);
}
