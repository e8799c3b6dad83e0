package org.tidings.broker.store.mapdb;

import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.journal.Journal;
import org.tidings.broker.store.journal.JournalCodec;
import org.tidings.broker.store.journal.JournalPosition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
    /** The group's records, encoded once into a reused direct buffer (no per-message garbage). */
    private ByteBuffer records = ByteBuffer.allocateDirect(1 << 20);
    private long groupBytes;

    JournalTarget(Journal journal, Checkpointer checkpointer) {
        this.journal = journal;
        this.checkpointer = checkpointer;
    }

    @Override
    public void apply(StoreBatch batch) {
        int size = JournalCodec.recordSize(batch);
        if (records.remaining() < size) {
            grow(size);
        }
        JournalCodec.encode(batch, records);
        group.add(batch);
        groupBytes += size;
    }

    private void grow(int needed) {
        ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(records.capacity() * 2, records.position() + needed));
        records.flip();
        larger.put(records);
        records = larger;
    }

    @Override
    public void commit() {
        try {
            records.flip();
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
