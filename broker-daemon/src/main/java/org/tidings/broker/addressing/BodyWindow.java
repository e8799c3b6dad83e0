package org.tidings.broker.addressing;

/**
 * One queue's share of the message bodies kept in memory: the bytes of stored bodies charged to the queue, against
 * the queue's limit ({@code bodyWindowMiB} of its destination). A body landing on several queues is charged once,
 * to the first that keeps it. {@link MessageBodies} does the charging, within its global limit.
 *
 * <p>Confined to the broker core thread.
 */
final class BodyWindow {

    /**
     * Stands for "counted against the global limit only" while recovery does not yet know the message's queue;
     * never charged or credited, so it is shared by every broker in the JVM without being written.
     */
    static final BodyWindow UNASSIGNED = new BodyWindow(0);

    private final long limitBytes;
    private long residentBytes;

    BodyWindow(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    boolean fits(int bytes) {
        return residentBytes + bytes <= limitBytes;
    }

    void charge(int bytes) {
        residentBytes += bytes;
    }

    void credit(int bytes) {
        residentBytes -= bytes;
    }

    long residentBytes() {
        return residentBytes;
    }
}
