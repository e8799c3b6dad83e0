package org.tidings.broker.addressing;

import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.StoreBatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Predicate;

/**
 * One queue — a point-to-point queue, a temporary queue or the queue behind a topic subscription — and the
 * dispatch of its messages to its subscribers: higher priority first, FIFO within a priority, round-robin among
 * subscribers with demand; the messages of one group (JMSXGroupID) all go to the subscriber that took the group's
 * first one, in order, while it lives. Returned messages go back to their original place; one that was shown waits
 * out its redelivery delay first, and one out of delivery attempts goes to its dead-letter queue instead ({@link
 * DeliveryPolicy}). Expired messages are never delivered: they go to the expiry queue (or are dropped) as soon as
 * they expire ({@link ExpiringEntries}); messages with a future delivery time wait for a scheduled wake-up.
 *
 * <p>Confined to the broker core thread ({@link BrokerCore}); not thread-safe.
 */
public final class QueueDispatcher {

    private final BrokerCore core;
    private final String name;
    private final QueueRecord record;
    /** Entries waiting for a subscriber, by position: every message at rest, so this set is the large one. */
    private final TreeSet<QueueEntry> available = new TreeSet<>(QueueEntry.BY_POSITION);
    /** Entries handed to a subscriber and not yet settled, by position: as many as the consumers' windows hold. */
    private final TreeSet<QueueEntry> delivering = new TreeSet<>(QueueEntry.BY_POSITION);
    /** Entries not to be delivered before a time: a delivery delay, or a redelivery delay. */
    private final PriorityQueue<QueueEntry> held = new PriorityQueue<>(
            Comparator.comparingLong(QueueEntry::notBefore).thenComparingLong(QueueEntry::position));
    private final DeliveryPolicy policy;
    private final BodyWindow bodyWindow;
    private final ExpiringEntries expiring;
    private final List<Subscriber> subscribers = new ArrayList<>();
    /** Message groups (JMSXGroupID) and the subscriber each is bound to while it lives. */
    private final Map<String, Subscriber> groupOwners = new HashMap<>();
    private int nextSubscriber;
    private long sequence;
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt;
    private boolean deleted;

    /** A queue; {@code record} is its stored form, or {@code null} when it lives in memory only. */
    public QueueDispatcher(BrokerCore core, String name, QueueRecord record, DeliveryPolicy policy) {
        this.core = core;
        this.name = name;
        this.record = record;
        this.policy = policy;
        this.bodyWindow = new BodyWindow(policy.bodyWindowBytes());
        this.expiring = new ExpiringEntries(core, this::expireDue);
    }

    public String name() {
        return name;
    }

    /** Its stored form, or {@code null}. */
    public QueueRecord record() {
        return record;
    }

    /** Whether persistent messages on it are stored. */
    public boolean isStored() {
        return record != null;
    }

    public boolean isDeleted() {
        return deleted;
    }

    /** Messages waiting: available, held back, or delivered and not yet settled. */
    public int messageCount() {
        return available.size() + delivering.size() + held.size();
    }

    /** Puts a newly routed message at the end of its priority and dispatches. */
    public void enqueue(BrokerMessage message) {
        if (deleted) {
            return;
        }
        place(new QueueEntry(message, ++sequence, 0));
        dispatch();
    }

    /** Puts a message found by recovery back, with the delivery count it had. */
    public void enqueueRecovered(BrokerMessage message, int deliveryCount) {
        place(new QueueEntry(message, ++sequence, deliveryCount));
    }

    public void addSubscriber(Subscriber subscriber) {
        subscribers.add(subscriber);
        dispatch();
    }

    /** Removes a subscriber; the message groups bound to it go to whichever subscriber takes their next message. */
    public void removeSubscriber(Subscriber subscriber) {
        groupOwners.values().removeIf(owner -> owner == subscriber);
        int index = subscribers.indexOf(subscriber);
        if (index >= 0) {
            subscribers.remove(index);
            if (nextSubscriber > index) {
                nextSubscriber--;
            }
        }
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /**
     * Gives available messages to subscribers with demand, in turn, until no subscriber with demand accepts any
     * available message. A subscriber with a selector gets the first available message it accepts; the ones it
     * skips stay in place for others.
     */
    public void dispatch() {
        boolean delivered = true;
        while (delivered && !subscribers.isEmpty() && !available.isEmpty()) {
            delivered = false;
            int count = subscribers.size();
            for (int i = 0; i < count && !delivered; i++) {
                int index = (nextSubscriber + i) % count;
                Subscriber subscriber = subscribers.get(index);
                if (!subscriber.hasDemand()) {
                    continue;
                }
                QueueEntry entry = pollAvailableFor(subscriber);
                if (entry != null) {
                    if (entry.message().groupId() != null) {
                        groupOwners.putIfAbsent(entry.message().groupId(), subscriber);
                    }
                    nextSubscriber = (index + 1) % count;
                    entry.state = QueueEntry.State.DELIVERING;
                    delivering.add(entry);
                    subscriber.deliver(this, entry);
                    delivered = true;
                }
            }
        }
    }

    /**
     * Consumes a delivered entry, adding its durable removal to {@code batch}.
     *
     * @return {@code false} if the entry was no longer being delivered (already settled, or its queue deleted)
     */
    public boolean acknowledge(QueueEntry entry, StoreBatch.Builder batch) {
        if (entry.state != QueueEntry.State.DELIVERING) {
            return false;
        }
        delivering.remove(entry);
        remove(entry, batch);
        return true;
    }

    /**
     * Returns a delivered entry to its place, without dispatching: a caller returning several dispatches once
     * after the last. With {@code shown} the delivery counts (redeliver, connection lost): the entry waits out its
     * redelivery delay, or goes to the dead-letter queue when no attempt is left; without it the count stays
     * (release) and the entry is available at once.
     *
     * @param error why the application failed, or {@code null}
     */
    public void returnEntry(QueueEntry entry, boolean shown, String error) {
        if (entry.state != QueueEntry.State.DELIVERING) {
            return;
        }
        delivering.remove(entry);
        if (!shown) {
            makeAvailable(entry);
            return;
        }
        entry.incrementDeliveryCount();
        if (!policy.deadLetterIfExhausted(this, entry, error)) {
            redeliverLater(entry);
        }
    }

    /**
     * Moves a delivered entry the application refused to the dead-letter queue at once, without dispatching; on a
     * queue that is its own dead-letter queue it comes back as a failed delivery instead. The refusal counts as a
     * delivery.
     *
     * @param reason what the application said, or {@code null}
     */
    public void reject(QueueEntry entry, String reason) {
        if (entry.state != QueueEntry.State.DELIVERING) {
            return;
        }
        delivering.remove(entry);
        entry.incrementDeliveryCount();
        if (!policy.deadLetterRejected(this, entry, reason)) {
            redeliverLater(entry);
        }
    }

    /** Stores the entry's new delivery count and makes it available again after its redelivery delay. */
    private void redeliverLater(QueueEntry entry) {
        if (isStored() && entry.message().isPersistent()) {
            core.submitUnobserved(StoreBatch.builder()
                    .updateDeliveryCount(record.id(), entry.message().id(), entry.deliveryCount()).build());
        }
        long delay = policy.delayAfter(entry.deliveryCount());
        if (delay > 0) {
            hold(entry, core.now() + delay);
        } else {
            makeAvailable(entry);
        }
    }

    /**
     * Takes the available entries that {@code which} picks off the queue, in delivery order, adding their durable
     * removal to {@code batch}: to move them elsewhere in the same batch.
     */
    public List<QueueEntry> takeAvailable(Predicate<QueueEntry> which, StoreBatch.Builder batch) {
        List<QueueEntry> taken = new ArrayList<>();
        Iterator<QueueEntry> it = available.iterator();
        while (it.hasNext()) {
            QueueEntry entry = it.next();
            if (which.test(entry)) {
                it.remove();
                remove(entry, batch);
                taken.add(entry);
            }
        }
        return taken;
    }

    /** Takes an entry that is no longer delivering off the queue, adding its durable removal to {@code batch}. */
    void remove(QueueEntry entry, StoreBatch.Builder batch) {
        entry.state = QueueEntry.State.REMOVED;
        expiring.remove(entry);
        entry.message().left(core.memory());
        removeStored(entry, batch);
    }

    /**
     * Up to {@code max} live messages (available or being delivered) after {@code afterPosition}, in delivery order,
     * together at most {@code maxBytes} (but at least one message), that pass {@code filter} (if any); never changes
     * delivery.
     */
    public BrowseResult browse(long afterPosition, int max, int maxBytes, MessageFilter filter) {
        List<byte[]> page = new ArrayList<>();
        long last = afterPosition;
        long bytes = 0;
        long now = core.now();
        QueueEntry after = QueueEntry.probe(afterPosition);
        Iterator<QueueEntry> it = new MergedByPosition(available.tailSet(after, false).iterator(),
                delivering.tailSet(after, false).iterator());
        while (it.hasNext() && page.size() < max) {
            QueueEntry entry = it.next();
            byte[] encoded = entry.message().encoded();
            if (!page.isEmpty() && bytes + encoded.length > maxBytes) {
                return new BrowseResult(page, last, true);
            }
            last = entry.position();
            if (!entry.message().isExpired(now)
                    && (filter == null || filter.accepts(entry.message(), entry.deliveryCount() + 1))) {
                page.add(encoded);
                bytes += encoded.length;
            }
        }
        return new BrowseResult(page, last, it.hasNext());
    }

    /**
     * Deletes the queue: every message on it goes, deliveries in progress can no longer be settled against it.
     * Adds the durable deletion to {@code batch} when the queue is stored.
     */
    public void delete(StoreBatch.Builder batch) {
        deleted = true;
        if (wakeUp != null) {
            wakeUp.cancel(false);
            wakeUp = null;
        }
        expiring.clear();
        if (isStored()) {
            batch.deleteQueue(record.id());
        }
        List<QueueEntry> all = new ArrayList<>(available);
        all.addAll(delivering);
        all.addAll(held);
        for (QueueEntry entry : all) {
            entry.state = QueueEntry.State.REMOVED;
            entry.message().left(core.memory());
            if (isStored() && entry.message().isPersistent() && entry.message().removeStoredReference()) {
                batch.deleteMessage(entry.message().id());
                core.bodies().release(entry.message());
            }
        }
        available.clear();
        delivering.clear();
        held.clear();
        subscribers.clear();
        groupOwners.clear();
    }

    private void place(QueueEntry entry) {
        if (isStored() && entry.message().isPersistent()) {
            entry.message().addStoredReference();
            core.bodies().admit(entry.message(), bodyWindow);
        }
        entry.message().entered(core.memory());
        expiring.add(entry);
        if (entry.message().deliveryTime() > core.now()) {
            hold(entry, entry.message().deliveryTime());
        } else {
            makeAvailable(entry);
        }
    }

    private void hold(QueueEntry entry, long until) {
        entry.state = QueueEntry.State.HELD;
        entry.notBefore = until;
        held.add(entry);
        expiring.waiting(entry);
        scheduleWakeUp();
    }

    private void makeAvailable(QueueEntry entry) {
        entry.state = QueueEntry.State.AVAILABLE;
        available.add(entry);
        expiring.waiting(entry);
    }

    /** Moves the waiting entries that expired to the expiry queue (or drops them). */
    private void expireDue() {
        if (deleted) {
            return;
        }
        for (QueueEntry entry : expiring.due(core.now())) {
            if (entry.state == QueueEntry.State.HELD) {
                held.remove(entry);
            } else {
                available.remove(entry);
            }
            policy.expire(this, entry);
        }
    }

    private void scheduleWakeUp() {
        QueueEntry first = held.peek();
        if (first == null || (wakeUp != null && wakeUpAt <= first.notBefore())) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUpAt = first.notBefore();
        wakeUp = core.schedule(this::releaseDue, wakeUpAt - core.now());
    }

    private void releaseDue() {
        wakeUp = null;
        if (deleted) {
            return;
        }
        long now = core.now();
        while (!held.isEmpty() && held.peek().notBefore() <= now) {
            makeAvailable(held.poll());
        }
        scheduleWakeUp();
        dispatch();
    }

    /** The first available entry {@code subscriber} accepts, removed; expired entries met on the way are dropped. */
    private QueueEntry pollAvailableFor(Subscriber subscriber) {
        long now = core.now();
        Iterator<QueueEntry> it = available.iterator();
        while (it.hasNext()) {
            QueueEntry entry = it.next();
            if (entry.message().isExpired(now)) {
                it.remove();
                policy.expire(this, entry);
            } else if (subscriber.accepts(entry) && mayTake(subscriber, entry)) {
                it.remove();
                return entry;
            }
        }
        return null;
    }

    /** A message of a group bound to another subscriber waits for that one. */
    private boolean mayTake(Subscriber subscriber, QueueEntry entry) {
        String group = entry.message().groupId();
        if (group == null) {
            return true;
        }
        Subscriber owner = groupOwners.get(group);
        return owner == null || owner == subscriber;
    }

    private void removeStored(QueueEntry entry, StoreBatch.Builder batch) {
        BrokerMessage message = entry.message();
        if (isStored() && message.isPersistent()) {
            batch.removeReference(record.id(), message.id());
            if (message.removeStoredReference()) {
                batch.deleteMessage(message.id());
                core.bodies().release(message);
            }
        }
    }

    @Override
    public String toString() {
        return "queue " + name;
    }

    /** The entries of two iterators that each ascend by position, merged in ascending position. */
    private static final class MergedByPosition implements Iterator<QueueEntry> {
        private final Iterator<QueueEntry> first;
        private final Iterator<QueueEntry> second;
        private QueueEntry nextOfFirst;
        private QueueEntry nextOfSecond;

        MergedByPosition(Iterator<QueueEntry> first, Iterator<QueueEntry> second) {
            this.first = first;
            this.second = second;
            this.nextOfFirst = first.hasNext() ? first.next() : null;
            this.nextOfSecond = second.hasNext() ? second.next() : null;
        }

        @Override
        public boolean hasNext() {
            return nextOfFirst != null || nextOfSecond != null;
        }

        @Override
        public QueueEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            QueueEntry next;
            if (nextOfSecond == null || (nextOfFirst != null && nextOfFirst.position() < nextOfSecond.position())) {
                next = nextOfFirst;
                nextOfFirst = first.hasNext() ? first.next() : null;
            } else {
                next = nextOfSecond;
                nextOfSecond = second.hasNext() ? second.next() : null;
            }
            return next;
        }
    }
}
