package org.tidings.broker.addressing;

/** A consumer as a {@link QueueDispatcher} sees it: it has demand or not, and takes deliveries. */
public interface Subscriber {

    /** Whether the subscriber can take one more message now (credit left, or a PULL waiting). */
    boolean hasDemand();

    /** Hands over {@code entry}, already marked as delivering; uses one unit of demand. */
    void deliver(QueueDispatcher queue, QueueEntry entry);
}
