package org.tidings.broker.store.mapdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreOperation;
import org.tidings.broker.store.journal.Journal;
import org.tidings.broker.store.journal.JournalBodies;
import org.tidings.broker.store.journal.JournalCodec;
import org.tidings.broker.store.journal.JournalPosition;

/**
 * The durable half of the store: a group of batches is appended to the journal and forced once; only then are
 * their callbacks run (by the {@link GroupCommitter}), the places of the message bodies they wrote recorded in the
 * {@link BodyIndex} (the journal keeps the bodies), and the batches handed to the {@link Checkpointer}, which brings
 * the MapDB tables up to date in the background.
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
    private final BodyIndex bodies;
    private final List<StoreBatch> group = new ArrayList<>();
    private final BodyChanges changes = new BodyChanges();
    /** The group's records, encoded once into a reused direct buffer (no per-message garbage). */
    private ByteBuffer records = ByteBuffer.allocateDirect(1 << 20);
    private long groupBytes;
    /** Where the group being written began; {@code null} before its write started. */
    private JournalPosition groupStart;
    /** Why the journal can no longer be written, or {@code null}. */
    private IOException unusable;

    JournalTarget(Journal journal, Checkpointer checkpointer, BodyIndex bodies) {
        this.journal = journal;
        this.checkpointer = checkpointer;
        this.bodies = bodies;
    }

    @Override
    public void apply(StoreBatch batch) {
        int size = JournalCodec.recordSize(batch);
        if (records.remaining() < size) {
            grow(size);
        }
        JournalCodec.encode(batch, records, changes::placed);
        for (StoreOperation op : batch.operations()) {
            if (op instanceof StoreOperation.DeleteMessage delete) {
                changes.add(BodyChanges.DELETED, delete.messageId(), -1);
            }
        }
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
            journal.rollIfDue();
            groupStart = journal.position();
            records.flip();
            journal.append(records);
            journal.force();
        } catch (IOException e) {
            throw new UncheckedIOException("journal write failed", e);
        }
        changes.applyTo(bodies, groupStart);
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
        changes.clear();
        group.clear();
        records.clear();
        groupBytes = 0;
        groupStart = null;
    }

    /**
     * The group's body changes in operation order (a body added, rewritten or deleted), with the buffer index of each
     * body written, kept in reused arrays.
     */
    private static final class BodyChanges {
        static final byte ADDED = 0;
        static final byte REWRITTEN = 1;
        static final byte DELETED = 2;

        private byte[] kinds = new byte[256];
        private long[] messageIds = new long[256];
        private int[] indexes = new int[256];
        private int size;

        void placed(StoreOperation op, int lengthIndex) {
            if (op instanceof StoreOperation.AddMessage add) {
                add(ADDED, add.messageId(), lengthIndex);
            } else if (op instanceof StoreOperation.RewriteMessage rewrite) {
                add(REWRITTEN, rewrite.messageId(), lengthIndex);
            }
        }

        void add(byte kind, long messageId, int index) {
            if (size == kinds.length) {
                kinds = Arrays.copyOf(kinds, size * 2);
                messageIds = Arrays.copyOf(messageIds, size * 2);
                indexes = Arrays.copyOf(indexes, size * 2);
            }
            kinds[size] = kind;
            messageIds[size] = messageId;
            indexes[size] = index;
            size++;
        }

        /** Records the changes of a group written at {@code start}. */
        void applyTo(BodyIndex bodies, JournalPosition start) {
            for (int i = 0; i < size; i++) {
                switch (kinds[i]) {
                    case ADDED -> bodies.written(messageIds[i], position(start, i));
                    case REWRITTEN -> bodies.rewritten(messageIds[i], position(start, i));
                    default -> bodies.deleted(messageIds[i]);
                }
            }
        }

        private long position(JournalPosition start, int change) {
            return JournalBodies.position(start.segment(), start.offset() + indexes[change]);
        }

        void clear() {
            size = 0;
        }
    }
}
