package org.tidings.broker.store.mapdb;

import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreOperation;

import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;

import java.util.ArrayList;
import java.util.List;

/**
 * The net effect of the journal records since the last checkpoint, so MapDB only sees what outlives the window: a
 * reference added and removed within it never reaches MapDB at all, which in steady state — consumers keeping up
 * with producers — is nearly every reference. Message bodies never reach MapDB: the journal keeps them (see
 * {@link BodyIndex}); of a message, the window only keeps the highest id. Queue operations, which MapDB applies to
 * whole key ranges, first flush what gathered so that order is kept.
 *
 * <p>Applying the net effect yields the state that applying the records one by one would: every reference operation
 * but {@code UpdateDeliveryCount} sets or clears one reference, and a count update only applies to a reference that
 * exists.
 * That cancelling holds only while MapDB holds nothing of the window. A checkpoint cut off between its small MapDB
 * transactions (a kill, a failure) leaves part of a window in MapDB before the position moved, so a window that
 * {@linkplain #mayOverlapTables may overlap} the tables applies a removal even when it follows an addition within
 * the window.
 *
 * <p>The changes are kept per queue in primitive maps, reused from window to window (a record and a boxed count
 * per reference were a sixth of what a broker with a backlog allocated), and flushed in ascending order, one
 * {@link ReferencePage} at a time.
 *
 * <p>Threading: used by one thread at a time: the {@link Checkpointer}'s, or the one opening the store.
 */
final class CheckpointWindow {

    /** What the window changes in one queue's references, by message id. */
    private static final class QueueChanges {
        final LongIntHashMap added = new LongIntHashMap();
        final LongIntHashMap updatedCounts = new LongIntHashMap();
        final LongHashSet removed = new LongHashSet();

        void clear() {
            added.clear();
            updatedCounts.clear();
            removed.clear();
        }
    }

    private final MapDbTables tables;
    private final int transactionOps;
    private final LongObjectHashMap<QueueChanges> queues = new LongObjectHashMap<>();
    /** Duplicate ids to remember, in order: a later one in the same slot replaces an earlier one. */
    private final List<StoreOperation.PutDuplicateId> duplicateIds = new ArrayList<>();
    private int operations;
    private long maxMessageId;
    private boolean overlapsTables;

    /** A window over {@code tables} that commits MapDB after about {@code transactionOps} operations while it flushes. */
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
        } else if (op instanceof StoreOperation.PutDuplicateId put) {
            duplicateIds.add(put);
        } else if (op instanceof StoreOperation.AddReference add) {
            QueueChanges changes = changesOf(add.queueId());
            changes.removed.remove(add.messageId());
            changes.updatedCounts.remove(add.messageId());
            changes.added.put(add.messageId(), 0);
        } else if (op instanceof StoreOperation.UpdateDeliveryCount update) {
            QueueChanges changes = changesOf(update.queueId());
            if (changes.added.containsKey(update.messageId())) {
                changes.added.put(update.messageId(), update.deliveryCount());
            } else if (!changes.removed.contains(update.messageId())) {
                changes.updatedCounts.put(update.messageId(), update.deliveryCount());
            }
        } else if (op instanceof StoreOperation.RemoveReference remove) {
            QueueChanges changes = changesOf(remove.queueId());
            changes.updatedCounts.remove(remove.messageId());
            boolean addedHere = changes.added.containsKey(remove.messageId());
            changes.added.remove(remove.messageId());
            if (!addedHere || overlapsTables) {
                changes.removed.add(remove.messageId());
            }
        } else {
            flush();
            if (op instanceof StoreOperation.DeleteQueue delete) {
                queues.remove(delete.queueId());
            }
            tables.apply(op);
        }
    }

    private QueueChanges changesOf(long queueId) {
        return queues.getIfAbsentPut(queueId, QueueChanges::new);
    }

    /**
     * Applies the net effect to the tables and empties the window, page by page ({@link ReferencePage}), committing
     * MapDB (without a new checkpoint position) before a page once the transaction holds enough operations, so no
     * MapDB transaction grows large. A crash between those commits is harmless: the checkpoint position still points
     * before this window, and replaying the journal from there puts every reference back to the state its last
     * operation gives it.
     */
    void flush() {
        Chunker chunker = new Chunker();
        tables.raiseMessageHighWater(maxMessageId);
        for (StoreOperation.PutDuplicateId put : duplicateIds) {
            chunker.page(1);
            tables.apply(put);
        }
        duplicateIds.clear();
        for (long queueId : queues.keysView().toSortedArray()) {
            QueueChanges changes = queues.get(queueId);
            long[] added = changes.added.keysView().toSortedArray();
            long[] updated = changes.updatedCounts.keysView().toSortedArray();
            long[] removed = changes.removed.toSortedArray();
            int a = 0;
            int u = 0;
            int r = 0;
            while (a < added.length || u < updated.length || r < removed.length) {
                long page = Math.min(pageAt(added, a), Math.min(pageAt(updated, u), pageAt(removed, r)));
                int start = a + u + r;
                ReferencePage refs = tables.referencePage(queueId, page);
                for (; a < added.length && ReferencePage.pageOf(added[a]) == page; a++) {
                    refs.put(ReferencePage.offsetOf(added[a]), changes.added.get(added[a]));
                }
                for (; u < updated.length && ReferencePage.pageOf(updated[u]) == page; u++) {
                    refs.updateCount(ReferencePage.offsetOf(updated[u]), changes.updatedCounts.get(updated[u]));
                }
                for (; r < removed.length && ReferencePage.pageOf(removed[r]) == page; r++) {
                    refs.remove(ReferencePage.offsetOf(removed[r]));
                }
                chunker.page(a + u + r - start);
                tables.storeReferencePage(queueId, page, refs);
            }
            changes.clear();
        }
        operations = 0;
    }

    /** The page of the id at {@code index}, or {@code Long.MAX_VALUE} past the end. */
    private static long pageAt(long[] messageIds, int index) {
        return index < messageIds.length ? ReferencePage.pageOf(messageIds[index]) : Long.MAX_VALUE;
    }

    /** Commits the tables before a page once the transaction holds its size in operations. */
    private final class Chunker {
        private int ops;

        void page(int pageOps) {
            if (ops >= transactionOps) {
                tables.commit();
                ops = 0;
            }
            ops += pageOps;
        }
    }

    /** Operations merged since the last flush. */
    int operations() {
        return operations;
    }
}
