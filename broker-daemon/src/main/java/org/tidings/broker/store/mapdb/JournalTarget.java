package org.tidings.broker.store.mapdb;

import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.journal.Journal;
import org.tidings.broker.store.journal.JournalCodec;
import org.tidings.broker.store.journal.JournalPosition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable half of the store: a group of batches is appended to the journal and forced once; only then are
 * their callbacks run (by the {@link GroupCommitter}) and the batches handed to the {@link Checkpointer}, which
 * brings the MapDB tables up to date in the background.
 *
 * <p>Threading: called only on the group committer's thread.
 */
final class JournalTarget implements GroupCommitter.Target {

    private final Journal journal;
    private final Checkpointer checkpointer;
    private final List<StoreBatch> group = new ArrayList<>();
    private final List<byte[]> records = new ArrayList<>();
    private long groupBytes;

    JournalTarget(Journal journal, Checkpointer checkpointer) {
        this.journal = journal;
        this.checkpointer = checkpointer;
    }

    @Override
    public void apply(StoreBatch batch) {
        byte[] record = JournalCodec.encode(batch);
        group.add(batch);
        records.add(record);
        groupBytes += record.length;
    }

    @Override
    public void commit() {
        try {
            journal.append(records);
            journal.force();
        } catch (IOException e) {
            throw new UncheckedIOException("journal write failed", e);
        }
        JournalPosition end = journal.position();
        checkpointer.enqueue(List.copyOf(group), groupBytes, end);
        clear();
    }

    @Override
    public void rollback() {
        try {
            journal.truncate(positionBeforeGroup());
        } catch (IOException e) {
            throw new UncheckedIOException("journal truncate after a failed write failed", e);
        } finally {
            clear();
        }
    }

    private JournalPosition positionBeforeGroup() {
        JournalPosition now = journal.position();
        return new JournalPosition(now.segment(), Math.max(0, now.offset() - groupBytes));
    }

    private void clear() {
        group.clear();
        records.clear();
        groupBytes = 0;
    }
}
