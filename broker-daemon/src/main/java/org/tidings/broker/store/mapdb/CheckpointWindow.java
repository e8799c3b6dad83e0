package org.tidings.broker.store.mapdb;

import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreOperation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The net effect of the journal records since the last checkpoint, so MapDB only sees what outlives the window: a
 * reference added and removed within it never reaches MapDB at all, which in steady state — consumers keeping up
 * with producers — is nearly every reference. Message bodies never reach MapDB: the journal keeps them (see
 * {@link BodyIndex}); of a message, the window only keeps the highest id. Queue operations, which MapDB applies to
 * whole key ranges, first flush what gathered so that order is kept.
 *
 * <p>Applying the net effect yields the state that applying the records one by one would: every reference operation
 * but {@code UpdateDeliveryCount} sets or deletes one key, and a count update only applies to a reference that
 * exists.
 * That cancelling holds only while MapDB holds nothing of the window. A checkpoint cut off between its small MapDB
 * transactions (a kill, a failure) leaves part of a window in MapDB before the position moved, so a window that
 * {@linkplain #mayOverlapTables may overlap} the tables applies a removal even when it follows an addition within
 * the window.
 *
 * <p>Threading: used by one thread at a time: the {@link Checkpointer}'s, or the one opening the store.
 */
final class CheckpointWindow {

    /** A reference as a map key. */
    private record Ref(long queueId, long messageId) { }

    private final MapDbTables tables;
    private final int transactionOps;
    private final Map<Ref, Integer> addedReferences = new LinkedHashMap<>();
    private final Map<Ref, Integer> updatedCounts = new HashMap<>();
    private final Set<Ref> removedReferences = new HashSet<>();
    private int operations;
    private long maxMessageId;
    private boolean overlapsTables;

    /** A window over {@code tables} that commits MapDB after every {@code transactionOps} operations while it flushes. */
    CheckpointWindow(MapDbTables tables, int transactionOps) {
        this.tables = tables;
        this.transactionOps = transactionOps;
    }

    /**
     * From now on, MapDB may already hold part of what this window gathers: after a checkpoint that failed part way,
     * and while the journal is replayed after a restart.
     */
    void mayOverlapTables() {
        overlapsTables = true;
    }

    /** Folds {@code batch} into the window. */
    void merge(StoreBatch batch) {
        for (StoreOperation op : batch.operations()) {
            merge(op);
            operations++;
        }
    }

    private void merge(StoreOperation op) {
        if (op instanceof StoreOperation.AddMessage add) {
            maxMessageId = Math.max(maxMessageId, add.messageId());
        } else if (op instanceof StoreOperation.RewriteMessage || op instanceof StoreOperation.DeleteMessage) {
            // the body is the journal's: of a message, MapDB holds nothing but the highest id
        } else if (op instanceof StoreOperation.AddReference add) {
            Ref ref = new Ref(add.queueId(), add.messageId());
            removedReferences.remove(ref);
            updatedCounts.remove(ref);
            addedReferences.put(ref, 0);
        } else if (op instanceof StoreOperation.UpdateDeliveryCount update) {
            Ref ref = new Ref(update.queueId(), update.messageId());
            if (addedReferences.containsKey(ref)) {
                addedReferences.put(ref, update.deliveryCount());
            } else if (!removedReferences.contains(ref)) {
                updatedCounts.put(ref, update.deliveryCount());
            }
        } else if (op instanceof StoreOperation.RemoveReference remove) {
            Ref ref = new Ref(remove.queueId(), remove.messageId());
            updatedCounts.remove(ref);
            if (addedReferences.remove(ref) == null || overlapsTables) {
                removedReferences.add(ref);
            }
        } else {
            flush();
            tables.apply(op);
        }
    }

    /**
     * Applies the net effect to the tables and empties the window, committing MapDB (without a new checkpoint
     * position) whenever the transaction reached its size, so no MapDB transaction grows large. A crash between those
     * commits is harmless: the checkpoint position still points before this window, and replaying the journal from
     * there puts every key back to the value its last operation gives it.
     */
    void flush() {
        Chunker chunker = new Chunker();
        tables.raiseMessageHighWater(maxMessageId);
        addedReferences.forEach((ref, count) -> {
            chunker.next();
            tables.putReference(ref.queueId(), ref.messageId(), count);
        });
        updatedCounts.forEach((ref, count) -> {
            chunker.next();
            tables.apply(new StoreOperation.UpdateDeliveryCount(ref.queueId(), ref.messageId(), count));
        });
        removedReferences.forEach(ref -> {
            chunker.next();
            tables.apply(new StoreOperation.RemoveReference(ref.queueId(), ref.messageId()));
        });
        addedReferences.clear();
        updatedCounts.clear();
        removedReferences.clear();
        operations = 0;
    }

    /** Commits the tables before an operation that would take the transaction past its size. */
    private final class Chunker {
        private int ops;

        void next() {
            if (ops >= transactionOps) {
                tables.commit();
                ops = 0;
            }
            ops++;
        }
    }

    /** Operations merged since the last flush. */
    int operations() {
        return operations;
    }
}
