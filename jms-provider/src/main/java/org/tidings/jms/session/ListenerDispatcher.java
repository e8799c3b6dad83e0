package org.tidings.jms.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Runs a session's message listeners, one message at a time, as JMS requires (a session is single-threaded).
 *
 * <p>Threading: owns the session's listener thread ({@code tidings-session-…}), started with the first listener.
 * {@link #schedule()} may be called from any thread (the I/O thread calls it when a message arrives) and only
 * queues a drain. A drain holds {@link #deliveryLock()} while it calls listeners, so {@code Connection.stop()},
 * {@code Session.close()} and {@code MessageConsumer.close()} wait for a running listener by taking that lock.
 */
final class ListenerDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final String threadName;
    private final BooleanSupplier deliverOneRound;
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private ExecutorService executor;
    private volatile Thread thread;
    private volatile boolean shutDown;

    /**
     * @param deliverOneRound gives each listening consumer of the session at most one message; returns whether any
     *                        was delivered
     */
    ListenerDispatcher(String threadName, BooleanSupplier deliverOneRound) {
        this.threadName = threadName;
        this.deliverOneRound = deliverOneRound;
    }

    ReentrantLock deliveryLock() {
        return deliveryLock;
    }

    /** Whether the calling thread is this session's listener thread. */
    boolean isListenerThread() {
        return Thread.currentThread() == thread;
    }

    /** Queues a drain unless one is queued already. */
    void schedule() {
        if (shutDown || !scheduled.compareAndSet(false, true)) {
            return;
        }
        executor().execute(this::drain);
    }

    private synchronized ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, threadName);
                t.setDaemon(true);
                thread = t;
                return t;
            });
        }
        return executor;
    }

    private void drain() {
        scheduled.set(false);
        deliveryLock.lock();
        try {
            while (!shutDown && deliverOneRound.getAsBoolean()) {
                // keep going while messages are there; a message arriving later schedules a new drain
            }
        } catch (RuntimeException e) {
            LOG.error("TDC2001: message delivery to a listener failed", e);
        } finally {
            deliveryLock.unlock();
        }
    }

    /** Stops the listener thread once the running listener (if any) returned. */
    void shutdown() {
        shutDown = true;
        ExecutorService running;
        synchronized (this) {
            running = executor;
        }
        if (running != null) {
            running.shutdown();
            if (!isListenerThread()) {
                try {
                    running.awaitTermination(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
