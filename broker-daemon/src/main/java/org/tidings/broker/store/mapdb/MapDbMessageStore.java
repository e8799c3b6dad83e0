package org.tidings.broker.store.mapdb;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.tidings.broker.store.MessageStore;
import org.tidings.broker.store.RecoveryListener;
import org.tidings.broker.store.RecoveryResult;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreCallback;
import org.tidings.broker.store.StoreOperation;
import org.tidings.broker.store.journal.Journal;
import org.tidings.broker.store.journal.JournalBodies;
import org.tidings.broker.store.journal.JournalCodec;
import org.tidings.broker.store.journal.JournalPosition;
import org.tidings.broker.store.journal.JournalScanner;

/**
 * A {@link MessageStore} whose durable write is an append-only journal and whose indexed state is one MapDB file,
 * {@code tidings.mapdb}: once a callback reports success, the batch is in the forced journal and survives a process
 * kill or power loss. MapDB's own commit (about 1 ms here) is paid once per checkpoint, not once per group, and MapDB
 * holds only queues and references: a message body is written once, into the journal, and read back from there by
 * one positioned read (see {@link BodyIndex}), so bodies never churn through MapDB's pages and caches. The journal
 * segments that still hold bodies in use are kept, and compacted when they grow sparse (see
 * {@link SegmentReclaimer}).
 *
 * <p>A message is recovered while some queue references it: the broker deletes a message with its last reference,
 * and one no reference holds after a crash is one whose sending transaction never completed.
 *
 * <p>Opening the store replays the journal written after the last checkpoint into MapDB. {@link #recover} then reads
 * the references once and scans the journal once, learning where the body of each referenced message lies while it
 * hands the bodies over in journal order; until it did, no journal segment is deleted.
 *
 * <p>Threading: batches go to one thread, {@code tidings-store}, that appends whatever has gathered to the journal,
 * forces it once and runs the callbacks in submission order (see {@link GroupCommitter}); the
 * {@code tidings-checkpoint} thread then applies them to MapDB (see {@link Checkpointer}) and frees segments. The
 * constructor replays the journal on the calling thread. A batch submitted after {@link #close} fails its
 * callback, on the submitting thread, with an {@link IllegalStateException}.
 */
public final class MapDbMessageStore implements MessageStore {

    static final String THREAD_NAME = "tidings-store";
    /** Longest a group waits to fill as the last one did (see {@link GroupCommitter}): about two forces here. */
    private static final Duration GROUP_HOLD = Duration.ofMillis(2);

    private final MapDbTables tables;
    private final Path journalDirectory;
    private final BodyIndex bodies = new BodyIndex();
    private final JournalBodies reader;
    private final Journal journal;
    private final SegmentReclaimer reclaimer;
    private final Checkpointer checkpointer;
    private final GroupCommitter committer;

    /** Opens the store in {@code directory}, creating both if missing; only one store may use a directory. */
    public MapDbMessageStore(Path directory) {
        this(directory, CheckpointPolicy.DEFAULT);
    }

    MapDbMessageStore(Path directory, CheckpointPolicy policy) {
        this.tables = MapDbTables.open(directory);
        this.journalDirectory = directory.resolve("journal");
        this.reader = new JournalBodies(journalDirectory);
        try {
            JournalRecovery.replay(tables, journalDirectory, policy);
            this.journal = Journal.open(journalDirectory, policy.segmentBytes());
            this.reclaimer = new SegmentReclaimer(journalDirectory, journal, reader, bodies, this::rewrite);
        } catch (RuntimeException e) {
            reader.close();
            tables.close();
            throw e;
        }
        this.checkpointer = new Checkpointer(tables, policy, reclaimer::checkpointed);
        this.committer = GroupCommitter.start(new JournalTarget(journal, checkpointer, bodies), THREAD_NAME,
                GROUP_HOLD);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A body compaction copied forward is in the journal twice, with the same bytes: the first copy is handed
     * over, the last one is where the body is read from.
     */
    @Override
    public RecoveryResult recover(RecoveryListener listener) {
        tables.recoverQueues(listener);
        MapDbTables.StoredReferences references = tables.loadReferences();
        new JournalScanner(journalDirectory).scan(JournalPosition.START, (segment, payload, payloadOffset, end) ->
                JournalCodec.forEachBody(payload, payloadOffset, (messageId, rewrite, lengthOffset, body) -> {
                    if (!references.references(messageId)) {
                        return;
                    }
                    boolean first = bodies.position(messageId) < 0;
                    bodies.written(messageId, JournalBodies.position(segment, lengthOffset));
                    if (first) {
                        listener.message(messageId, body);
                    }
                }));
        references.replay(listener);
        tables.recoverDuplicateIds(listener);
        reclaimer.recovered(journal.position());
        return tables.highestIds();
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
        boolean addsMessages = false;
        for (StoreOperation op : batch.operations()) {
            if (op instanceof StoreOperation.AddMessage add) {
                bodies.submitted(add.messageId(), add.encoded());
                addsMessages = true;
            }
        }
        committer.submit(batch, addsMessages ? forgetOnFailure(batch, callback) : callback);
    }

    /** A failed batch never reaches the journal, so its bodies are dropped here. */
    private StoreCallback forgetOnFailure(StoreBatch batch, StoreCallback callback) {
        return failure -> {
            if (failure != null) {
                for (StoreOperation op : batch.operations()) {
                    if (op instanceof StoreOperation.AddMessage add) {
                        bodies.abandoned(add.messageId());
                    }
                }
            }
            callback.completed(failure);
        };
    }

    /** Hands the bodies a compaction copies forward to the group commit; nobody waits for them. */
    private void rewrite(StoreBatch batch) {
        committer.submit(batch, StoreCallback.NONE);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A pending interrupt of the calling thread is held back during the journal read, which it would otherwise
     * end by closing the segment's file channel, and restored afterwards. A body that compaction moved while it was
     * read (its old segment deleted meanwhile) is read again where it is now.
     */
    @Override
    public byte[] read(long messageId) {
        byte[] recent = bodies.unwrittenBody(messageId);
        if (recent != null) {
            return recent;
        }
        long position = bodies.position(messageId);
        if (position < 0) {
            return null;
        }
        boolean interrupted = Thread.interrupted();
        try {
            return reader.read(position);
        } catch (UncheckedIOException e) {
            long moved = bodies.position(messageId);
            if (moved < 0 || moved == position) {
                throw e;
            }
            return reader.read(moved);
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
        reclaimer.close();
        committer.close();
        checkpointer.close();
        journal.close();
        reader.close();
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
