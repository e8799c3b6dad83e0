package org.tidings.broker.store.memory;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

import org.tidings.broker.store.MessageStore;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.RecoveryListener;
import org.tidings.broker.store.RecoveryResult;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreCallback;
import org.tidings.broker.store.StoreOperation;

/**
 * A {@link MessageStore} on the heap, for fast broker tests: same semantics as the durable stores, nothing survives
 * the JVM.
 *
 * <p>Threading: thread-safe, and it owns no thread. Unlike the durable stores, {@link #submit} applies the batch and
 * runs its callback on the calling thread before it returns, so one submitter's callbacks run in its submission order
 * and a test needs no waiting. Callbacks run outside the store's lock, so they may submit again. {@link #recover}
 * replays the current contents and may be called at any time, so a test can replay what a restart would see.
 */
public final class InMemoryMessageStore implements MessageStore {

    private final NavigableMap<Long, QueueRecord> queues = new TreeMap<>();
    private final NavigableMap<Long, byte[]> messages = new TreeMap<>();
    /** Queue id → (message id → delivery count). */
    private final NavigableMap<Long, NavigableMap<Long, Integer>> references = new TreeMap<>();
    /** Destination → (slot → sequence and duplicate id). */
    private final Map<String, Map<Integer, StoreOperation.PutDuplicateId>> duplicateIds = new TreeMap<>();
    private long maxQueueId;
    private long maxMessageId;
    private boolean closed;

    @Override
    public synchronized RecoveryResult recover(RecoveryListener listener) {
        queues.values().forEach(listener::queue);
        messages.forEach((id, encoded) -> {
            if (isReferenced(id)) {
                listener.message(id, ByteBuffer.wrap(encoded).asReadOnlyBuffer());
            }
        });
        references.forEach((queueId, refs) ->
                refs.forEach((messageId, count) -> listener.reference(queueId, messageId, count)));
        duplicateIds.values().forEach(slots -> slots.values().forEach(put ->
                listener.duplicateId(put.destination(), put.sequence(), put.duplicateId())));
        return new RecoveryResult(maxQueueId, maxMessageId);
    }

    private boolean isReferenced(long messageId) {
        return references.values().stream().anyMatch(refs -> refs.containsKey(messageId));
    }

    /**
     * Applies {@code batch} and runs {@code callback} on the calling thread.
     *
     * @throws NullPointerException if an operation lacks its queue or message bytes; nothing is applied then
     */
    @Override
    public void submit(StoreBatch batch, StoreCallback callback) {
        Objects.requireNonNull(callback, "callback");
        requireComplete(batch);
        callback.completed(apply(batch) ? null : new IllegalStateException("the message store is closed"));
    }

    @Override
    public synchronized byte[] read(long messageId) {
        byte[] encoded = messages.get(messageId);
        return encoded == null ? null : encoded.clone();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private synchronized boolean apply(StoreBatch batch) {
        if (closed) {
            return false;
        }
        for (StoreOperation op : batch.operations()) {
            apply(op);
        }
        return true;
    }

    private void apply(StoreOperation op) {
        if (op instanceof StoreOperation.AddMessage add) {
            messages.put(add.messageId(), add.encoded().clone());
            maxMessageId = Math.max(maxMessageId, add.messageId());
        } else if (op instanceof StoreOperation.AddReference add) {
            references.computeIfAbsent(add.queueId(), id -> new TreeMap<>()).put(add.messageId(), 0);
        } else if (op instanceof StoreOperation.UpdateDeliveryCount update) {
            Map<Long, Integer> refs = references.get(update.queueId());
            if (refs != null) {
                refs.replace(update.messageId(), update.deliveryCount());
            }
        } else if (op instanceof StoreOperation.RemoveReference remove) {
            Map<Long, Integer> refs = references.get(remove.queueId());
            if (refs != null && refs.remove(remove.messageId()) != null && refs.isEmpty()) {
                references.remove(remove.queueId());
            }
        } else if (op instanceof StoreOperation.DeleteMessage delete) {
            messages.remove(delete.messageId());
        } else if (op instanceof StoreOperation.RewriteMessage) {
            // bodies never move on the heap
        } else if (op instanceof StoreOperation.AddQueue add) {
            queues.put(add.queue().id(), add.queue());
            maxQueueId = Math.max(maxQueueId, add.queue().id());
        } else if (op instanceof StoreOperation.DeleteQueue delete) {
            queues.remove(delete.queueId());
            references.remove(delete.queueId());
        } else if (op instanceof StoreOperation.PutDuplicateId put) {
            duplicateIds.computeIfAbsent(put.destination(), d -> new TreeMap<>()).put(put.slot(), put);
        } else {
            throw new IllegalArgumentException("unknown store operation " + op);
        }
    }

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
