package org.tidings.broker.addressing;

import java.util.Comparator;

/**
 * One message on one queue: its place in delivery order and how often it was shown to an application. Confined
 * to the broker core thread.
 */
public final class QueueEntry {

    /** Delivery order; no two entries of a queue share a position. */
    static final Comparator<QueueEntry> BY_POSITION = Comparator.comparingLong(QueueEntry::position);

    /** Where the entry is in its queue's life cycle. */
    enum State { HELD, AVAILABLE, DELIVERING, REMOVED }

    private final BrokerMessage message;
    private final long position;
    private int deliveryCount;
    State state;
    /** While {@link State#HELD}: the time it becomes available. */
    long notBefore;

    QueueEntry(BrokerMessage message, long sequence, int deliveryCount) {
        this.message = message;
        this.position = positionOf(message.priority(), sequence);
        this.deliveryCount = deliveryCount;
    }

    /** An entry that stands only for {@code position}: what a set ordered {@link #BY_POSITION} is searched with. */
    static QueueEntry probe(long position) {
        return new QueueEntry(position);
    }

    private QueueEntry(long position) {
        this.message = null;
        this.position = position;
    }

    /** Delivery order as one number: higher priority first, then arrival order; also the browse position. */
    static long positionOf(int priority, long sequence) {
        return ((long) (9 - priority) << 56) | sequence;
    }

    public BrokerMessage message() {
        return message;
    }

    public long position() {
        return position;
    }

    /** Deliveries shown to an application so far; the next DELIVER carries this plus one. */
    public int deliveryCount() {
        return deliveryCount;
    }

    void incrementDeliveryCount() {
        deliveryCount++;
    }

    long notBefore() {
        return notBefore;
    }

    public boolean isRemoved() {
        return state == State.REMOVED;
    }
}
