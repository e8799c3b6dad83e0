package org.tidings.broker.store.mapdb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * A {@link MessageStore} whose durable write is an append-only journal and whose indexed state is one MapDB file,
 * {@code tidings.mapdb}: once a callback reports success, the batch is in the forced journal and survives a process
 * kill or power loss. MapDB's own commit (about 1 ms here) is paid once per checkpoint, not once per group.
 *
 * <p>Threading: batches go to one thread, {@code tidings-store}, that appends whatever has gathered to the journal,
 * forces it once and runs the callbacks in submission order (see {@link GroupCommitter}); the
 * {@code tidings-checkpoint} thread then applies them to MapDB (see {@link Checkpointer}). The constructor replays
 * the journal written after the last checkpoint, on the calling thread. A batch submitted after {@link #close}
 * fails its callback, on the submitting thread, with an {@link IllegalStateException}.
 */
public final class MapDbMessageStore implements MessageStore {

    static final String THREAD_NAME = "tidings-store";
    /** Longest a group waits to fill as the last one did (see {@link GroupCommitter}): about two forces here. */
    private static final Duration GROUP_HOLD = Duration.ofMillis(2);

    private final MapDbTables tables;
    private final Journal journal;
    private final Checkpointer checkpointer;
    private final GroupCommitter committer;
    /**
     * Bodies submitted and not yet checkpointed into MapDB, so {@link #read} sees every durable message: the same
     * arrays the batches hold, not copies, and only until the checkpoint that covers them.
     */
    private final Map<Long, byte[]> uncheckpointed = new ConcurrentHashMap<>();

    /** Opens the store in {@code directory}, creating both if missing; only one store may use a directory. */
    public MapDbMessageStore(Path directory) {
        this(directory, CheckpointPolicy.DEFAULT);
    }

    MapDbMessageStore(Path directory, CheckpointPolicy policy) {
        this.tables = MapDbTables.open(directory);
        try {
            Path journalDirectory = directory.resolve("journal");
            JournalRecovery.replay(tables, journalDirectory, policy);
            this.journal = Journal.open(journalDirectory, policy.segmentBytes());
            journal.deleteSegmentsBefore(journal.position());
        } catch (RuntimeException e) {
            tables.close();
            throw e;
        }
        this.checkpointer = new Checkpointer(tables, journal, policy, ids -> ids.forEach(uncheckpointed::remove));
        this.committer = GroupCommitter.start(new JournalTarget(journal, checkpointer), THREAD_NAME, GROUP_HOLD);
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
        List<Long> added = null;
        for (StoreOperation op : batch.operations()) {
            if (op instanceof StoreOperation.AddMessage add) {
                uncheckpointed.put(add.messageId(), add.encoded());
                if (added == null) {
                    added = new ArrayList<>(1);
                }
                added.add(add.messageId());
            }
        }
        committer.submit(batch, added == null ? callback : forgetOnFailure(added, callback));
    }

    /** A failed batch never reaches a checkpoint, so its bodies are dropped here. */
    private StoreCallback forgetOnFailure(List<Long> messageIds, StoreCallback callback) {
        return failure -> {
            if (failure != null) {
                messageIds.forEach(uncheckpointed::remove);
            }
            callback.completed(failure);
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>A pending interrupt of the calling thread is held back during the MapDB read, which it would otherwise end
     * by closing MapDB's file channel under the whole store, and restored afterwards.
     */
    @Override
    public byte[] read(long messageId) {
        byte[] recent = uncheckpointed.get(messageId);
        if (recent != null) {
            return recent;
        }
        boolean interrupted = Thread.interrupted();
        try {
            return tables.readMessage(messageId);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
