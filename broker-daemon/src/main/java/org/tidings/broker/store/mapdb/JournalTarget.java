package org.tidings.broker.store.mapdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.journal.Journal;
import org.tidings.broker.store.journal.JournalCodec;
import org.tidings.broker.store.journal.JournalPosition;

/**
 * The durable half of the store: a group of batches is appended to the journal and forced once; only then are
 * their callbacks run (by the {@link GroupCommitter}) and the batches handed to the {@link Checkpointer}, which
 * brings the MapDB tables up to date in the background.
 *
 * <p>A group whose write or force fails is cut off the journal again and writing continues in a new segment; its
 * callbacks get the failure. If even that fails, the journal is unusable and every later group fails at once.
 *
 * <p>Threading: called only on the group committer's thread.
 */
final class JournalTarget implements GroupCommitter.Target {

    private static final Logger LOG = LoggerFactory.getLogger(JournalTarget.class);

    private final Journal journal;
    private final Checkpointer checkpointer;
    private final List<StoreBatch> group = new ArrayList<>();
    /** The group's records, encoded once into a reused direct buffer (no per-message garbage). */
    private ByteBuffer records = ByteBuffer.allocateDirect(1 << 20);
    private long groupBytes;
    /** Where the group being written began; {@code null} before its write started. */
    private JournalPosition groupStart;
    /** Why the journal can no longer be written, or {@code null}. */
    private IOException unusable;

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
        if (unusable != null) {
            throw new UncheckedIOException("the journal is unusable since an earlier write failure", unusable);
        }
        try {
            journal.rollIfFull();
            groupStart = journal.position();
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
            if (groupStart != null && unusable == null) {
                journal.discardFrom(groupStart);
            }
        } catch (IOException e) {
            unusable = e;
            LOG.error("TDS3006: cannot cut a failed write off the journal; every later batch fails until the broker "
                    + "is restarted", e);
        } finally {
            clear();
        }
    }

    private void clear() {
        group.clear();
        records.clear();
        groupBytes = 0;
        groupStart = null;
    }
}
