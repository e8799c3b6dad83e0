package org.tidings.broker.addressing;

/** A consumer as a {@link QueueDispatcher} sees it: it has demand or not, and takes deliveries. */
public interface Subscriber {

    /** Whether the subscriber can take one more message now (credit left, or a PULL waiting). */
    boolean hasDemand();

    /** Whether the subscriber takes {@code entry} at all (its selector); the queue offers it to others if not. */
    default boolean accepts(QueueEntry entry) {
        return true;
    }

    /** Hands over {@code entry}, already marked as delivering; uses one unit of demand. */
    void deliver(QueueDispatcher queue, QueueEntry entry);
}
