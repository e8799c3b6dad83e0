package org.tidings.broker.store.mapdb;

import java.nio.file.Path;
import java.util.Objects;

import org.tidings.broker.store.MessageStore;
import org.tidings.broker.store.RecoveryListener;
import org.tidings.broker.store.RecoveryResult;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreCallback;
import org.tidings.broker.store.StoreOperation;

/**
 * A {@link MessageStore} in one MapDB file, {@code tidings.mapdb}, with a write-ahead log: once a callback
 * reports success, the batch survives a process kill or power loss.
 *
 * <p>Threading: batches go to one thread, {@code tidings-store}, that group-commits whatever has gathered and runs
 * the callbacks in submission order; see {@link GroupCommitter} for the rules. A batch submitted after {@link #close}
 * fails its callback, on the submitting thread, with an {@link IllegalStateException}.
 */
public final class MapDbMessageStore implements MessageStore {

    static final String THREAD_NAME = "tidings-store";

    private final MapDbTables tables;
    private final GroupCommitter committer;

    /** Opens the store in {@code directory}, creating both if missing; only one store may use a directory. */
    public MapDbMessageStore(Path directory) {
        this.tables = MapDbTables.open(directory);
        this.committer = GroupCommitter.start(tables, THREAD_NAME);
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
        committer.submit(batch, callback);
    }

    /** Commits the batches already submitted, runs their callbacks, stops the store thread and closes the file. */
    @Override
    public void close() {
        committer.close();
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
