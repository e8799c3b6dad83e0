package org.tidings.broker.store.mapdb;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.journal.JournalPosition;
import org.tidings.broker.store.journal.JournalReplayer;

/**
 * Brings the MapDB tables up to the end of the journal when the store opens: the records after the checkpoint
 * position MapDB holds are folded into a {@link CheckpointWindow}, as the {@link Checkpointer} would have done, and
 * committed window by window with the position each one reaches. A kill during this replay only means the next open
 * replays from a later position; replaying records MapDB already holds puts every key back to the value its last
 * operation gives it, since the window knows that MapDB may hold part of it (a checkpoint, or this replay, cut off
 * between its MapDB transactions).
 *
 * <p>Threading: runs on the thread that opens the store, before its other threads start.
 */
final class JournalRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    private JournalRecovery() {
    }

    /** Replays the journal in {@code journalDirectory} into {@code tables}; returns the position reached. */
    static JournalPosition replay(MapDbTables tables, Path journalDirectory, CheckpointPolicy policy) {
        long start = System.nanoTime();
        JournalPosition from = tables.checkpoint();
        CheckpointWindow window = new CheckpointWindow(tables, policy.transactionOps());
        window.mayOverlapTables();
        long[] records = new long[1];
        JournalPosition end = JournalReplayer.replay(journalDirectory, from, (batch, position) -> {
            window.merge(batch);
            records[0]++;
            if (window.operations() >= policy.windowOps()) {
                window.flush();
                tables.commitAt(position);
            }
        });
        window.flush();
        tables.commitAt(end);
        if (records[0] > 0) {
            LOG.info("Replayed {} journal records after checkpoint {} up to {} in {} ms", records[0], from, end,
                    (System.nanoTime() - start) / 1_000_000);
        }
        return end;
    }
}
