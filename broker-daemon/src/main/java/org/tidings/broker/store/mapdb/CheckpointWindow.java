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
 * <p>Threading: used only by the {@link Checkpointer}'s thread.
 */
final class CheckpointWindow {

    /** A reference as a map key. */
    private record Ref(long queueId, long messageId) { }

    private final MapDbTables tables;
    private final Map<Long, byte[]> addedMessages = new LinkedHashMap<>();
    private final Set<Long> deletedMessages = new HashSet<>();
    private final Map<Ref, Integer> addedReferences = new LinkedHashMap<>();
    private final Map<Ref, Integer> updatedCounts = new HashMap<>();
    private final Set<Ref> removedReferences = new HashSet<>();
    private final List<Long> storedMessageIds = new ArrayList<>();
    /** Ids flushed early (before a queue operation) and not yet reported by {@link #flush}. */
    private final List<Long> pendingIds = new ArrayList<>();
    private int operations;
    private long bytes;
    private long maxMessageId;

    CheckpointWindow(MapDbTables tables) {
        this.tables = tables;
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
            addedMessages.put(add.messageId(), add.encoded());
            storedMessageIds.add(add.messageId());
            bytes += add.encoded().length;
            maxMessageId = Math.max(maxMessageId, add.messageId());
        } else if (op instanceof StoreOperation.DeleteMessage delete) {
            byte[] unwritten = addedMessages.remove(delete.messageId());
            if (unwritten != null) {
                bytes -= unwritten.length;
            } else {
                deletedMessages.add(delete.messageId());
            }
        } else if (op instanceof StoreOperation.AddReference add) {
            addedReferences.put(new Ref(add.queueId(), add.messageId()), 0);
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
            if (addedReferences.remove(ref) == null) {
                removedReferences.add(ref);
            }
        } else {
            pendingIds.addAll(flush());
            tables.apply(op);
        }
    }

    /**
     * Applies the net effect to the tables (uncommitted) and empties the window; returns the ids of every message
     * stored within it, whether or not it outlived the window.
     */
    List<Long> flush() {
        tables.raiseMessageHighWater(maxMessageId);
        addedMessages.forEach(tables::putMessage);
        addedReferences.forEach((ref, count) -> tables.putReference(ref.queueId(), ref.messageId(), count));
        updatedCounts.forEach((ref, count) -> tables.apply(
                new StoreOperation.UpdateDeliveryCount(ref.queueId(), ref.messageId(), count)));
        removedReferences.forEach(ref -> tables.apply(
                new StoreOperation.RemoveReference(ref.queueId(), ref.messageId())));
        deletedMessages.forEach(id -> tables.apply(new StoreOperation.DeleteMessage(id)));
        addedMessages.clear();
        addedReferences.clear();
        updatedCounts.clear();
        removedReferences.clear();
        deletedMessages.clear();
        operations = 0;
        bytes = 0;
        List<Long> stored = new ArrayList<>(pendingIds);
        stored.addAll(storedMessageIds);
        storedMessageIds.clear();
        pendingIds.clear();
        return stored;
    }

    /** Operations merged since the last flush. */
    int operations() {
        return operations;
    }

    /** Operations a flush would apply to MapDB now: the size of the next MapDB transaction. */
    int netOperations() {
        return addedMessages.size() + deletedMessages.size() + addedReferences.size() + updatedCounts.size()
                + removedReferences.size();
    }

    /** Message bytes held in the window. */
    long bytes() {
        return bytes;
    }
}
