package org.tidings.broker.addressing;

import io.netty.util.concurrent.EventExecutor;
import org.tidings.broker.store.MessageStore;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreCallback;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The broker's single-threaded core: every queue, topic, subscription, connection and consumer state is read and
 * written only on {@link #executor()} — one thread, which is also the Netty event loop of every client channel, so a
 * frame is decoded, handled, routed and dispatched without a thread hop and without locks.
 *
 * <p>Rule for callers: from any other thread (store callbacks, shutdown) hand work over with {@link #execute}.
 * Store I/O happens on the store's own thread; {@link #submit} hops its callback back onto the core.
 */
public final class BrokerCore {

    private final EventExecutor executor;
    /** Stored message bodies kept in memory by default before the rest are read back from the store: 64 MiB. */
    public static final long DEFAULT_BODY_BUDGET = 64L * 1024 * 1024;

    private final MessageStore store;
    private final MessageBodies bodies;
    private final QueuedMemory memory;
    private long lastQueueId;
    private long lastMessageId;

    public BrokerCore(EventExecutor executor, MessageStore store) {
        this(executor, store, DEFAULT_BODY_BUDGET, Long.MAX_VALUE);
    }

    /**
     * A core that keeps at most {@code bodyBudget} bytes of stored message bodies in memory and is full once queued
     * messages take an estimated {@code queuedLimit} bytes.
     */
    public BrokerCore(EventExecutor executor, MessageStore store, long bodyBudget, long queuedLimit) {
        this.executor = executor;
        this.store = store;
        this.bodies = new MessageBodies(store, bodyBudget);
        this.memory = new QueuedMemory(queuedLimit);
    }

    /** The memory queued messages take, against its limit. */
    public QueuedMemory memory() {
        return memory;
    }

    /** Which stored message bodies are in memory. */
    public MessageBodies bodies() {
        return bodies;
    }

    public EventExecutor executor() {
        return executor;
    }

    public boolean inCore() {
        return executor.inEventLoop();
    }

    public void execute(Runnable task) {
        executor.execute(task);
    }

    public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return executor.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    public long now() {
        return System.currentTimeMillis();
    }

    /** Submits {@code batch}; {@code onDurable} runs on the core once it is durable (failure {@code null}). */
    public void submit(StoreBatch batch, StoreCallback onDurable) {
        store.submit(batch, failure -> {
            try {
                executor.execute(() -> onDurable.completed(failure));
            } catch (RejectedExecutionException stopping) {
                // the broker is shutting down: nobody is left to answer
            }
        });
    }

    /** Submits work whose completion nobody waits for. */
    public void submitUnobserved(StoreBatch batch) {
        if (!batch.isEmpty()) {
            store.submit(batch, StoreCallback.NONE);
        }
    }

    public MessageStore store() {
        return store;
    }

    public long nextQueueId() {
        return ++lastQueueId;
    }

    public long nextMessageId() {
        return ++lastMessageId;
    }

    /** Continues numbering above the ids found by recovery. */
    public void continueAbove(long maxQueueId, long maxMessageId) {
        lastQueueId = Math.max(lastQueueId, maxQueueId);
        lastMessageId = Math.max(lastMessageId, maxMessageId);
    }
}
