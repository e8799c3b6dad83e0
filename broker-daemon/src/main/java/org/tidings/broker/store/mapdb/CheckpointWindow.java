package org.tidings.broker.store.mapdb;

import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreOperation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The net effect of the journal records since the last checkpoint, so MapDB only sees what outlives the window: a
 * message stored and deleted (a reference added and removed) within it never reaches MapDB at all, which in steady
 * state — consumers keeping up with producers — is nearly every message. Queue operations, which MapDB applies to
 * whole key ranges, first flush what gathered so that order is kept.
 *
 * <p>Applying the net effect yields the state that applying the records one by one would: every operation but
 * {@code UpdateDeliveryCount} sets or deletes one key, and a count update only applies to a reference that exists.
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
    private final long transactionBytes;
    private final Map<Long, byte[]> addedMessages = new LinkedHashMap<>();
    private final Set<Long> deletedMessages = new HashSet<>();
    private final Map<Ref, Integer> addedReferences = new LinkedHashMap<>();
    private final Map<Ref, Integer> updatedCounts = new HashMap<>();
    private final Set<Ref> removedReferences = new HashSet<>();
    private final List<Long> storedMessageIds = new ArrayList<>();
    /** Ids flushed early (before a queue operation) and not yet reported by {@link #flush}. */
    private final List<Long> pendingIds = new ArrayList<>();
    private int operations;
    private long netBytes;
    private long maxMessageId;
    private boolean overlapsTables;

    /**
     * A window over {@code tables} that commits MapDB after every {@code transactionOps} operations or
     * {@code transactionBytes} of bodies while it flushes.
     */
    CheckpointWindow(MapDbTables tables, int transactionOps, long transactionBytes) {
        this.tables = tables;
        this.transactionOps = transactionOps;
        this.transactionBytes = transactionBytes;
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
            deletedMessages.remove(add.messageId());
            byte[] replaced = addedMessages.put(add.messageId(), add.encoded());
            if (replaced != null) {
                netBytes -= replaced.length;
            }
            storedMessageIds.add(add.messageId());
            netBytes += add.encoded().length;
            maxMessageId = Math.max(maxMessageId, add.messageId());
        } else if (op instanceof StoreOperation.DeleteMessage delete) {
            byte[] unwritten = addedMessages.remove(delete.messageId());
            if (unwritten != null) {
                netBytes -= unwritten.length;
            }
            if (unwritten == null || overlapsTables) {
                deletedMessages.add(delete.messageId());
            }
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
            pendingIds.addAll(flush());
            tables.apply(op);
        }
    }

    /**
     * Applies the net effect to the tables and empties the window, committing MapDB (without a new checkpoint
     * position) whenever the next operation would take the transaction past its limits, so no MapDB transaction grows
     * large. A crash between those commits is harmless: the checkpoint position still points before this window, and
     * replaying the journal from there puts every key back to the value its last operation gives it. Returns the
     * ids of every message stored within the window, whether or not it outlived it.
     */
    List<Long> flush() {
        Chunker chunker = new Chunker();
        tables.raiseMessageHighWater(maxMessageId);
        addedMessages.forEach((id, encoded) -> {
            chunker.next(encoded.length);
            tables.putMessage(id, encoded);
        });
        addedReferences.forEach((ref, count) -> {
            chunker.next(0);
            tables.putReference(ref.queueId(), ref.messageId(), count);
        });
        updatedCounts.forEach((ref, count) -> {
            chunker.next(0);
            tables.apply(new StoreOperation.UpdateDeliveryCount(ref.queueId(), ref.messageId(), count));
        });
        removedReferences.forEach(ref -> {
            chunker.next(0);
            tables.apply(new StoreOperation.RemoveReference(ref.queueId(), ref.messageId()));
        });
        deletedMessages.forEach(id -> {
            chunker.next(0);
            tables.apply(new StoreOperation.DeleteMessage(id));
        });
        addedMessages.clear();
        addedReferences.clear();
        updatedCounts.clear();
        removedReferences.clear();
        deletedMessages.clear();
        operations = 0;
        netBytes = 0;
        List<Long> stored = new ArrayList<>(pendingIds);
        stored.addAll(storedMessageIds);
        storedMessageIds.clear();
        pendingIds.clear();
        return stored;
    }

    /** Commits the tables before an operation that would take the transaction past its limits. */
    private final class Chunker {
        private int ops;
        private long bytes;

        void next(int bodyBytes) {
            if (ops > 0 && (ops >= transactionOps || bytes + bodyBytes > transactionBytes)) {
                tables.commit();
                ops = 0;
                bytes = 0;
            }
            ops++;
            bytes += bodyBytes;
        }
    }

    /** Bytes of the message bodies the window still holds: those stored and not yet deleted within it. */
    long netBytes() {
        return netBytes;
    }

    /** Operations merged since the last flush. */
    int operations() {
        return operations;
    }
}
