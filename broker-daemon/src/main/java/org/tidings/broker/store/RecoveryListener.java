package org.tidings.broker.store;

import java.nio.ByteBuffer;

/** Receives the stored state during {@link MessageStore#recover}, on the calling thread. */
public interface RecoveryListener {

    void queue(QueueRecord queue);

    /**
     * A stored message: its encoded bytes lie between position and limit of {@code encoded}, which is valid only
     * during the call and must be left unchanged; a listener copies what it keeps.
     */
    void message(long messageId, ByteBuffer encoded);

    void reference(long queueId, long messageId, int deliveryCount);

    /** A remembered duplicate id of {@code destination}, the {@code sequence}th sent there. */
    void duplicateId(String destination, long sequence, String duplicateId);
}
