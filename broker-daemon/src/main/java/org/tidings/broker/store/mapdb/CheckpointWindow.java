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
    private long netBytes;
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
            netBytes += add.encoded().length;
            maxMessageId = Math.max(maxMessageId, add.messageId());
        } else if (op instanceof StoreOperation.DeleteMessage delete) {
            byte[] unwritten = addedMessages.remove(delete.messageId());
            if (unwritten != null) {
                netBytes -= unwritten.length;
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
            pendingIds.addAll(flush(Integer.MAX_VALUE, Long.MAX_VALUE));
            tables.apply(op);
        }
    }

    /**
     * Applies the net effect to the tables and empties the window; after every {@code chunkOps} operations or
     * {@code chunkBytes} of bodies it commits MapDB (without a new checkpoint position), so no MapDB transaction grows
     * large. A crash between those commits is harmless: the checkpoint position still points before this window, and
     * replaying the journal from there puts every key back to the value its last operation gives it. Returns the
     * ids of every message stored within the window, whether or not it outlived it.
     */
    List<Long> flush(int chunkOps, long chunkBytes) {
        Chunker chunker = new Chunker(chunkOps, chunkBytes);
        tables.raiseMessageHighWater(maxMessageId);
        addedMessages.forEach((id, encoded) -> {
            tables.putMessage(id, encoded);
            chunker.applied(encoded.length);
        });
        addedReferences.forEach((ref, count) -> {
            tables.putReference(ref.queueId(), ref.messageId(), count);
            chunker.applied(0);
        });
        updatedCounts.forEach((ref, count) -> {
            tables.apply(new StoreOperation.UpdateDeliveryCount(ref.queueId(), ref.messageId(), count));
            chunker.applied(0);
        });
        removedReferences.forEach(ref -> {
            tables.apply(new StoreOperation.RemoveReference(ref.queueId(), ref.messageId()));
            chunker.applied(0);
        });
        deletedMessages.forEach(id -> {
            tables.apply(new StoreOperation.DeleteMessage(id));
            chunker.applied(0);
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

    /** Commits the tables whenever a chunk is full. */
    private final class Chunker {
        private final int maxOps;
        private final long maxBytes;
        private int ops;
        private long chunkBytes;

        Chunker(int maxOps, long maxBytes) {
            this.maxOps = maxOps;
            this.maxBytes = maxBytes;
        }

        void applied(int bodyBytes) {
            ops++;
            chunkBytes += bodyBytes;
            if (ops >= maxOps || chunkBytes >= maxBytes) {
                tables.commit();
                ops = 0;
                chunkBytes = 0;
            }
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
