package org.tidings.broker.config;

/**
 * How much memory queued messages may take before producers are held back, immutable.
 *
 * @param maxQueuedMiB  the estimated heap for queued messages (their bodies held in memory and about 150 bytes of
 *                      bookkeeping each); 0: 70 % of the broker's maximum heap
 * @param failWhenFull  refuse sends while full ({@code ResourceAllocationException} for the producer) instead of
 *                      making producers wait
 */
public record FlowControl(int maxQueuedMiB, boolean failWhenFull) {

    /** 70 % of the heap; producers wait. */
    public static final FlowControl DEFAULTS = new FlowControl(0, false);

    public FlowControl {
        if (maxQueuedMiB < 0) {
            throw new IllegalArgumentException("memory.maxQueuedMiB " + maxQueuedMiB + " is negative");
        }
    }

    /** The limit in bytes, for a JVM whose maximum heap is {@code maxHeapBytes}. */
    public long limitBytes(long maxHeapBytes) {
        return maxQueuedMiB > 0 ? maxQueuedMiB * 1024L * 1024L : maxHeapBytes / 10 * 7;
    }
}
