package org.tidings.broker.store.mapdb;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.journal.Journal;
import org.tidings.broker.store.journal.JournalPosition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings the MapDB tables up to date with what the journal already made durable, checkpointing rarely: after
 * {@code maxOps} journal operations or {@code maxDelayMillis} since the first unapplied one. The net effect is then
 * applied in MapDB transactions of at most 2,000 operations or {@code maxTransactionBytes} of bodies (MapDB's
 * write-ahead log works in 1 MiB files; a kill -9 test corrupted a B-tree once when one transaction spanned
 * several), the last of which records the checkpoint position. What gathers in between is
 * folded into a {@link CheckpointWindow}, so only its net effect reaches MapDB. Each MapDB commit records the
 * journal position it covers, and the journal segments before it are then deleted; {@code checkpointed} then hears
 * which stored messages MapDB now answers for.
 *
 * <p>Threading: owns one thread ({@code tidings-checkpoint}), the only one that touches the tables after recovery.
 * {@link #enqueue} is called by the journal writer thread and blocks it while more than {@code maxPendingBytes}
 * wait to be merged; the window checkpoints once the bodies it still holds reach {@code maxWindowBytes}. So a
 * slow MapDB bounds the heap instead of filling it, while messages consumed as fast as they come never reach it. {@link #close} applies and commits all
 * that was enqueued, then stops the thread.
 */
final class Checkpointer {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    /** Most operations in one MapDB transaction. */
    private static final int TRANSACTION_OPS = 2_000;

    private record Group(List<StoreBatch> batches, long bytes, JournalPosition end) { }

    private final MapDbTables tables;
    private final CheckpointWindow window;
    private final Journal journal;
    private final int maxOps;
    private final long maxDelayNanos;
    private final long maxPendingBytes;
    private final long maxWindowBytes;
    private final long maxTransactionBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Group> queue = new ArrayDeque<>();
    private final Thread thread;
    private final Consumer<List<Long>> checkpointed;
    private long pendingBytes;
    private boolean closing;

    Checkpointer(MapDbTables tables, Journal journal, int maxOps, long maxTransactionBytes, long maxDelayMillis,
                 long maxWindowBytes, long maxPendingBytes, Consumer<List<Long>> checkpointed) {
        this.maxTransactionBytes = maxTransactionBytes;
        this.maxWindowBytes = maxWindowBytes;
        this.checkpointed = checkpointed;
        this.tables = tables;
        this.window = new CheckpointWindow(tables);
        this.journal = journal;
        this.maxOps = maxOps;
        this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxDelayMillis);
        this.maxPendingBytes = maxPendingBytes;
        this.thread = new Thread(this::run, "tidings-checkpoint");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void enqueue(List<StoreBatch> batches, long bytes, JournalPosition end) {
        lock.lock();
        try {
            while (pendingBytes > maxPendingBytes && !closing) {
                changed.awaitUninterruptibly();
            }
            queue.addLast(new Group(batches, bytes, end));
            pendingBytes += bytes;
            changed.signalAll();
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
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long windowStart = 0;
        JournalPosition applied = null;
        while (true) {
            Group group;
            boolean last;
            lock.lock();
            try {
                long wait = applied == null ? Long.MAX_VALUE : maxDelayNanos - (System.nanoTime() - windowStart);
                while (queue.isEmpty() && !closing && wait > 0) {
                    wait = wait == Long.MAX_VALUE ? waitForever() : changed.awaitNanos(wait);
                }
                group = queue.pollFirst();
                last = closing && group == null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (group != null) {
                if (applied == null) {
                    windowStart = System.nanoTime();
                }
                group.batches().forEach(window::merge);
                release(group.bytes());
                applied = group.end();
            }
            boolean due = window.operations() >= maxOps || window.netBytes() >= maxWindowBytes
                    || (applied != null && System.nanoTime() - windowStart >= maxDelayNanos);
            if (applied != null && (due || last)) {
                checkpoint(applied);
                applied = null;
            }
            if (last) {
                return;
            }
        }
    }

    private long waitForever() {
        changed.awaitUninterruptibly();
        return Long.MAX_VALUE;
    }

    private void checkpoint(JournalPosition position) {
        try {
            List<Long> messageIds = window.flush(TRANSACTION_OPS, maxTransactionBytes);
            tables.commitAt(position);
            checkpointed.accept(messageIds);
            journal.deleteSegmentsBefore(position);
        } catch (RuntimeException e) {
            LOG.error("TDS3004: checkpoint of the journal into MapDB failed; the journal keeps the data and a "
                    + "restart replays it", e);
        }
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
