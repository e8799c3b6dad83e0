package org.tidings.broker.store.mapdb;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.tidings.broker.store.MessageStore;
import org.tidings.broker.store.RecoveryListener;
import org.tidings.broker.store.RecoveryResult;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreCallback;
import org.tidings.broker.store.StoreOperation;
import org.tidings.broker.store.journal.Journal;
import org.tidings.broker.store.journal.JournalPosition;

/**
 * A {@link MessageStore} whose durable write is an append-only journal and whose indexed state is one MapDB file,
 * {@code tidings.mapdb}: once a callback reports success, the batch is in the forced journal and survives a process
 * kill or power loss. MapDB's own commit (about 1 ms here) is paid once per checkpoint, not once per group.
 *
 * <p>Threading: batches go to one thread, {@code tidings-store}, that appends whatever has gathered to the journal,
 * forces it once and runs the callbacks in submission order (see {@link GroupCommitter}); the
 * {@code tidings-checkpoint} thread then applies them to MapDB (see {@link Checkpointer}). Opening replays the
 * journal written after the last checkpoint. A batch submitted after {@link #close} fails its callback, on the
 * submitting thread, with an {@link IllegalStateException}.
 */
public final class MapDbMessageStore implements MessageStore {

    static final String THREAD_NAME = "tidings-store";

    static final long SEGMENT_SIZE = 64L * 1024 * 1024;
    private static final int CHECKPOINT_OPS = 50_000;
    private static final long CHECKPOINT_TRANSACTION_BYTES = 512 * 1024;
    private static final long CHECKPOINT_DELAY_MILLIS = 250;
    private static final long CHECKPOINT_WINDOW_BYTES = 8L * 1024 * 1024;
    private static final long CHECKPOINT_BACKLOG_BYTES = 16L * 1024 * 1024;

    private final MapDbTables tables;
    private final Journal journal;
    private final Checkpointer checkpointer;
    private final GroupCommitter committer;
    /** Bodies submitted and not yet checkpointed into MapDB, so {@link #read} sees every durable message. */
    private final Map<Long, byte[]> uncheckpointed = new ConcurrentHashMap<>();

    /** Opens the store in {@code directory}, creating both if missing; only one store may use a directory. */
    public MapDbMessageStore(Path directory) {
        this.tables = MapDbTables.open(directory);
        Path journalDirectory = directory.resolve("journal");
        JournalPosition end = Journal.replay(journalDirectory, tables.checkpoint(), tables::apply);
        tables.commitAt(end);
        this.journal = Journal.open(journalDirectory, SEGMENT_SIZE);
        journal.deleteSegmentsBefore(journal.position());
        this.checkpointer = new Checkpointer(tables, journal, CHECKPOINT_OPS, CHECKPOINT_TRANSACTION_BYTES,
                CHECKPOINT_DELAY_MILLIS, CHECKPOINT_WINDOW_BYTES, CHECKPOINT_BACKLOG_BYTES,
                ids -> ids.forEach(uncheckpointed::remove));
        this.committer = GroupCommitter.start(new JournalTarget(journal, checkpointer), THREAD_NAME);
    }

    @Override
    public RecoveryResult recover(RecoveryListener listener) {
        return tables.recover(listener);
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if an operation lacks its queue or message bytes; nothing is submitted then
     */
    @Override
    public void submit(StoreBatch batch, StoreCallback callback) {
        Objects.requireNonNull(callback, "callback");
        requireComplete(batch);
        for (StoreOperation op : batch.operations()) {
            if (op instanceof StoreOperation.AddMessage add) {
                uncheckpointed.put(add.messageId(), add.encoded());
            }
        }
        committer.submit(batch, callback);
    }

    @Override
    public byte[] read(long messageId) {
        byte[] recent = uncheckpointed.get(messageId);
        return recent != null ? recent : tables.readMessage(messageId);
    }

    /**
     * Makes the batches already submitted durable and runs their callbacks, checkpoints everything into MapDB, then
     * stops both threads and closes the files.
     */
    @Override
    public void close() {
        committer.close();
        checkpointer.close();
        journal.close();
        tables.close();
    }

    /** The number of group commits so far. */
    long commits() {
        return committer.commits();
    }

    /** Rejects on the caller's thread what would otherwise fail a whole group on the store thread. */
    private static void requireComplete(StoreBatch batch) {
        for (StoreOperation op : batch.operations()) {
            if (op instanceof StoreOperation.AddMessage add) {
                Objects.requireNonNull(add.encoded(), "AddMessage.encoded");
            } else if (op instanceof StoreOperation.AddQueue add) {
                Objects.requireNonNull(add.queue(), "AddQueue.queue");
            }
        }
    }
}
