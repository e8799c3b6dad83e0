package org.tidings.broker.store.mapdb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreThreads;
import org.tidings.broker.store.journal.JournalPosition;

/**
 * Brings the MapDB tables up to date with what the journal already made durable, checkpointing rarely: the forced
 * groups are folded into a {@link CheckpointWindow}, and its net effect goes to MapDB once the window is due (see
 * {@link CheckpointPolicy}: operations, time, journal growth). The net effect is applied in small MapDB
 * transactions, the last of which records the journal position MapDB is now complete up to; {@code checkpointed}
 * then hears that position, on this thread, and may free the journal segments before it.
 *
 * <p>Threading: owns one thread ({@code tidings-checkpoint}), the only one that writes the tables after recovery.
 * It does not wake for every group, which cost a context switch next to every force: queued groups are merged
 * together once {@link #GATHER_BYTES} of them gathered (or the backlog limit, if smaller), once the open window is
 * due, or, with no window open, {@link #GATHER_NANOS} after the first of them. {@link #enqueue} is called by the
 * journal writer thread and blocks it while more than {@link CheckpointPolicy#backlogBytes} of journal wait to be
 * merged, so a slow MapDB bounds the heap instead of filling it. {@link #close} applies and commits all that was
 * enqueued, then stops the thread; it must not be called from that thread. A failed checkpoint is logged and retried
 * with the next one: the journal keeps the data.
 */
final class Checkpointer {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private record Group(List<StoreBatch> batches, long bytes, JournalPosition end) { }

    private final MapDbTables tables;
    private final CheckpointWindow window;
    private final CheckpointPolicy policy;
    private final long windowNanos;
    private final Consumer<JournalPosition> checkpointed;
    /** How long enqueued groups gather before the thread wakes to merge them, at most. */
    static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** ... or how many journal bytes of them, at most. */
    static final long GATHER_BYTES = 1L << 20;
    private static final long NO_WINDOW = Long.MAX_VALUE;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final Deque<Group> queue = new ArrayDeque<>();
    /** Guarded by {@link #lock}. */
    private long pendingBytes;
    /** Guarded by {@link #lock}. */
    private boolean closing;
    /** Whether the thread waits with nothing queued and no window open; guarded by {@link #lock}. */
    private boolean idle;
    /** When the oldest queued group was enqueued; guarded by {@link #lock}. */
    private long firstQueuedNanos;
    private final long gatherNanos;
    /** No more than the backlog limit, so a writer held back by it is never left waiting for the gather time. */
    private final long gatherBytes;
    private final Thread thread;

    Checkpointer(MapDbTables tables, CheckpointPolicy policy, Consumer<JournalPosition> checkpointed) {
        this.tables = tables;
        this.window = new CheckpointWindow(tables, policy.transactionOps());
        this.policy = policy;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(policy.windowMillis());
        this.gatherNanos = Math.min(GATHER_NANOS, windowNanos);
        this.gatherBytes = Math.min(GATHER_BYTES, policy.backlogBytes());
        this.checkpointed = checkpointed;
        this.thread = new Thread(this::run, "tidings-checkpoint");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Hands over groups that are durable in the journal up to {@code end}; {@code bytes} is their journal size. */
    void enqueue(List<StoreBatch> batches, long bytes, JournalPosition end) {
        lock.lock();
        try {
            while (pendingBytes > policy.backlogBytes() && !closing) {
                changed.awaitUninterruptibly();
            }
            if (queue.isEmpty()) {
                firstQueuedNanos = System.nanoTime();
            }
            queue.addLast(new Group(batches, bytes, end));
            boolean crossed = pendingBytes < gatherBytes && pendingBytes + bytes >= gatherBytes;
            pendingBytes += bytes;
            if (idle || crossed) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        StoreThreads.joinUninterruptibly(thread);
    }

    private void run() {
        List<Group> taken = new ArrayList<>();
        long windowStart = 0;
        long windowJournalBytes = 0;
        JournalPosition applied = null;
        while (true) {
            boolean last;
            lock.lock();
            try {
                awaitWork(applied == null ? NO_WINDOW : windowStart + windowNanos);
                taken.addAll(queue);
                queue.clear();
                last = closing;
            } catch (InterruptedException e) {
                LOG.error("TDS3007: the checkpoint thread was interrupted; checkpoints stop until a restart, which "
                        + "replays the journal");
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (!taken.isEmpty()) {
                if (applied == null) {
                    windowStart = System.nanoTime();
                }
                long bytes = 0;
                for (Group group : taken) {
                    group.batches().forEach(window::merge);
                    bytes += group.bytes();
                    applied = group.end();
                }
                taken.clear();
                release(bytes);
                windowJournalBytes += bytes;
            }
            boolean due = window.operations() >= policy.windowOps()
                    || windowJournalBytes >= policy.windowJournalBytes()
                    || (applied != null && System.nanoTime() - windowStart >= windowNanos);
            if (applied != null && (due || last)) {
                checkpoint(applied);
                applied = null;
                windowJournalBytes = 0;
            }
            if (last) {
                return;
            }
        }
    }

    /**
     * With the lock held, waits until the queued groups gathered for {@link #gatherNanos} or
     * {@link #gatherBytes}, the open window is due at {@code windowDue} ({@link #NO_WINDOW} if none is open), or
     * the checkpointer closes.
     */
    private void awaitWork(long windowDue) throws InterruptedException {
        while (!closing) {
            if (queue.isEmpty() && windowDue == NO_WINDOW) {
                idle = true;
                try {
                    changed.await();
                } finally {
                    idle = false;
                }
                continue;
            }
            if (pendingBytes >= gatherBytes) {
                return;
            }
            long due = queue.isEmpty() ? windowDue : Math.min(windowDue, firstQueuedNanos + gatherNanos);
            long wait = due - System.nanoTime();
            if (wait <= 0) {
                return;
            }
            changed.awaitNanos(wait);
        }
    }

    private void checkpoint(JournalPosition position) {
        try {
            window.flush();
            tables.commitAt(position);
        } catch (RuntimeException e) {
            window.mayOverlapTables();
            LOG.error("TDS3004: checkpoint of the journal into MapDB failed; the journal keeps the data and a "
                    + "restart replays it", e);
            return;
        }
        checkpointed.accept(position);
    }

    private void release(long bytes) {
        lock.lock();
        try {
            pendingBytes -= bytes;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
