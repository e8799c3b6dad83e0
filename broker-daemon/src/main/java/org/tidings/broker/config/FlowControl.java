package org.tidings.broker.config;

/**
 * How much memory queued messages may take, and how little free disk the store may leave, before producers are
 * held back; immutable.
 *
 * @param maxQueuedMiB   the estimated heap for queued messages (their bodies held in memory and about 150 bytes of
 *                       bookkeeping each); 0: 70 % of the broker's maximum heap
 * @param failWhenFull   refuse sends while full ({@code ResourceAllocationException} for the producer) instead of
 *                       making producers wait
 * @param minFreeDiskMiB free space the store's disk keeps; 0: not watched
 */
public record FlowControl(int maxQueuedMiB, boolean failWhenFull, int minFreeDiskMiB) {

    /** 70 % of the heap, 256 MiB of free disk; producers wait. */
    public static final FlowControl DEFAULTS = new FlowControl(0, false, 256);

    public FlowControl {
        if (maxQueuedMiB < 0) {
            throw new IllegalArgumentException("memory.maxQueuedMiB " + maxQueuedMiB + " is negative");
        }
        if (minFreeDiskMiB < 0) {
            throw new IllegalArgumentException("store.minFreeDiskMiB " + minFreeDiskMiB + " is negative");
        }
    }

    public FlowControl withMaxQueuedMiB(int value) {
        return new FlowControl(value, failWhenFull, minFreeDiskMiB);
    }

    public FlowControl withFailWhenFull(boolean value) {
        return new FlowControl(maxQueuedMiB, value, minFreeDiskMiB);
    }

    public FlowControl withMinFreeDiskMiB(int value) {
        return new FlowControl(maxQueuedMiB, failWhenFull, value);
    }

    /** The limit in bytes, for a JVM whose maximum heap is {@code maxHeapBytes}. */
    public long limitBytes(long maxHeapBytes) {
        return maxQueuedMiB > 0 ? maxQueuedMiB * 1024L * 1024L : maxHeapBytes / 10 * 7;
    }
}
