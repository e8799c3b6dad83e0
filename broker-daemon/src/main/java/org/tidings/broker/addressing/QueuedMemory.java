package org.tidings.broker.addressing;

/**
 * An estimate of the heap that queued messages take — the bodies held in memory and a fixed amount of bookkeeping
 * per message and per queue entry — against a limit. While the estimate is at or above the limit the broker is
 * full and holds producers back; once it falls below nine tenths of the limit, {@code onRoom} runs.
 *
 * <p>Confined to the broker core thread ({@link BrokerCore}).
 */
public final class QueuedMemory {

    /** Bookkeeping of a message in memory, besides its body: the broker's objects and its store indexes. */
    static final int MESSAGE_BYTES = 80;
    /** Bookkeeping of each queue a message is on. */
    static final int ENTRY_BYTES = 64;

    private final long limit;
    private long used;
    private boolean wasFull;
    private Runnable onRoom = () -> { };

    /** A limit of {@code limitBytes}; {@link Long#MAX_VALUE}: none. */
    public QueuedMemory(long limitBytes) {
        this.limit = limitBytes;
    }

    public boolean isFull() {
        return used >= limit;
    }

    public long limitBytes() {
        return limit;
    }

    /** Runs {@code task} whenever the broker was full and has room again. */
    public void onRoom(Runnable task) {
        this.onRoom = task;
    }

    /** The memory a send of {@code encodedBytes} takes while a transaction holds it. */
    public static long heldSendBytes(int encodedBytes) {
        return MESSAGE_BYTES + encodedBytes;
    }

    /** Counts {@code bytes} (of queued messages, or of a transaction's sends) until they are {@link #release}d. */
    public void hold(long bytes) {
        used += bytes;
        if (used >= limit) {
            wasFull = true;
        }
    }

    /** Releases memory counted by {@link #hold}. */
    public void release(long bytes) {
        used -= bytes;
        if (wasFull && used < limit / 10 * 9) {
            wasFull = false;
            onRoom.run();
        }
    }
}
