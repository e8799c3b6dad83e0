package org.tidings.jms.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the {@code CompletionListener}s of a session's asynchronous sends, in the order of the sends, each once the
 * broker has confirmed (or refused) its send.
 *
 * <p>Threading: owns the session's completion thread ({@code tidings-completion-…}), started with the first
 * asynchronous send. {@link #submit} may be called from any thread; callbacks run only on the completion thread,
 * one after the other, so a later send's callback never runs before an earlier one's.
 */
final class CompletionDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionDispatcher.class);

    private final String threadName;
    private ExecutorService executor;
    private Future<?> last;
    private volatile Thread thread;

    CompletionDispatcher(String threadName) {
        this.threadName = threadName;
    }

    /** Runs {@code onSuccess} or {@code onFailure} once {@code sent} completes, after every earlier callback. */
    synchronized void submit(CompletableFuture<?> sent, Runnable onSuccess, Consumer<Throwable> onFailure) {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, threadName);
                t.setDaemon(true);
                thread = t;
                return t;
            });
        }
        last = executor.submit(() -> {
            try {
                sent.get();
                onSuccess.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                onFailure.accept(e);
            } catch (ExecutionException e) {
                onFailure.accept(e.getCause());
            } catch (RuntimeException e) {
                LOG.warn("TDC2004: a CompletionListener threw", e);
            }
        });
    }

    /** Whether the calling thread is running a completion callback of this session. */
    boolean isCompletionThread() {
        return Thread.currentThread() == thread;
    }

    /** Waits until the callbacks of every send so far have run (session close), then stops the thread. */
    void drainAndStop() {
        Future<?> pending;
        ExecutorService running;
        synchronized (this) {
            pending = last;
            running = executor;
        }
        if (running == null) {
            return;
        }
        try {
            pending.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("TDC2005: asynchronous sends did not complete before the session closed: {}", e.toString());
        }
        running.shutdown();
    }
}
