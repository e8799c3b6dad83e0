package org.tidings.broker.addressing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;

/**
 * The entries of one queue whose message has an expiration, ordered by it, and one timer at the earliest time a
 * waiting entry expires: messages expire while they wait, not only when a consumer would get them. An entry is in
 * here from the moment it is placed until it leaves its queue; entries being delivered are passed over until they
 * come back.
 *
 * <p>Confined to the broker core thread ({@link BrokerCore}).
 */
final class ExpiringEntries {

    private final BrokerCore core;
    private final Runnable onDue;
    private final TreeSet<QueueEntry> byExpiration = new TreeSet<>(
            Comparator.comparingLong((QueueEntry e) -> e.message().expiration())
                    .thenComparingLong(QueueEntry::position));
    private ScheduledFuture<?> timer;
    private long timerAt;

    /** {@code onDue} runs on the core when waiting entries may have expired. */
    ExpiringEntries(BrokerCore core, Runnable onDue) {
        this.core = core;
        this.onDue = onDue;
    }

    void add(QueueEntry entry) {
        if (entry.message().expiration() != 0) {
            byExpiration.add(entry);
        }
    }

    void remove(QueueEntry entry) {
        if (entry.message().expiration() != 0) {
            byExpiration.remove(entry);
        }
    }

    /** {@code entry} waits (available or held) from now on: the timer fires no later than its expiration. */
    void waiting(QueueEntry entry) {
        long expiration = entry.message().expiration();
        if (expiration != 0 && (timer == null || expiration < timerAt)) {
            schedule(expiration);
        }
    }

    /**
     * The waiting entries expired at {@code now}, in expiration order; the timer is set for the next one to
     * expire.
     */
    List<QueueEntry> due(long now) {
        timer = null;
        List<QueueEntry> due = new ArrayList<>();
        for (QueueEntry entry : byExpiration) {
            if (entry.message().expiration() > now) {
                schedule(entry.message().expiration());
                break;
            }
            if (entry.state == QueueEntry.State.AVAILABLE || entry.state == QueueEntry.State.HELD) {
                due.add(entry);
            }
        }
        return due;
    }

    /** Stops the timer and forgets every entry: the queue is deleted. */
    void clear() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        byExpiration.clear();
    }

    private void schedule(long at) {
        if (timer != null) {
            timer.cancel(false);
        }
        timerAt = at;
        timer = core.schedule(onDue, at - core.now());
    }
}
