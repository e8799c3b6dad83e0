package org.tidings.broker.testing;

import org.tidings.broker.store.MessageStore;
import org.tidings.broker.store.RecoveryListener;
import org.tidings.broker.store.RecoveryResult;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreCallback;
import org.tidings.broker.store.StoreOperation;

import java.util.ArrayList;
import java.util.List;

/**
 * A store for unit tests that keeps every submitted batch and completes them only when the test says so, on the
 * test's thread. Not thread-safe: the test thread is the only caller.
 */
public final class ControlledStore implements MessageStore {

    private final List<StoreBatch> submitted = new ArrayList<>();
    private final List<StoreCallback> pending = new ArrayList<>();

    @Override
    public RecoveryResult recover(RecoveryListener listener) {
        return new RecoveryResult(0, 0);
    }

    @Override
    public void submit(StoreBatch batch, StoreCallback callback) {
        submitted.add(batch);
        pending.add(callback);
    }

    /** Makes every batch submitted so far durable, running the callbacks in order. */
    public void completeAll() {
        List<StoreCallback> callbacks = new ArrayList<>(pending);
        pending.clear();
        callbacks.forEach(callback -> callback.completed(null));
    }

    /** Every operation submitted so far, in order. */
    public List<StoreOperation> operations() {
        return submitted.stream().flatMap(b -> b.operations().stream()).toList();
    }

    /** Operations submitted so far of {@code type}. */
    public <T extends StoreOperation> List<T> operations(Class<T> type) {
        return operations().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The bytes of the last AddMessage submitted for {@code messageId}, durable or not. */
    @Override
    public byte[] read(long messageId) {
        byte[] found = null;
        for (StoreOperation.AddMessage add : operations(StoreOperation.AddMessage.class)) {
            if (add.messageId() == messageId) {
                found = add.encoded();
            }
        }
        return found;
    }

    @Override
    public void close() {
    }
}
