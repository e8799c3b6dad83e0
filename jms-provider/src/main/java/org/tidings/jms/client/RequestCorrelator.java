package org.tidings.jms.client;

import org.tidings.protocol.frame.Frame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Matches answers to requests by request id. Thread-safe: requests are registered by application threads and
 * completed by the transport's I/O thread.
 */
final class RequestCorrelator {

    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, CompletableFuture<Frame>> pending = new ConcurrentHashMap<>();
    private volatile IOException failure;

    /** Registers a new request and returns its id (never 0); the answer completes {@code answer}. */
    long register(CompletableFuture<Frame> answer) {
        long id = nextId.incrementAndGet();
        pending.put(id, answer);
        IOException failed = failure;
        if (failed != null && pending.remove(id) != null) {
            answer.completeExceptionally(failed);
        }
        return id;
    }

    /** Forgets a request whose frame could not be sent. */
    void cancel(long id) {
        pending.remove(id);
    }

    /** Completes the request {@code id} with {@code answer}; returns false when no such request is waiting. */
    boolean complete(long id, Frame answer) {
        CompletableFuture<Frame> future = pending.remove(id);
        if (future == null) {
            return false;
        }
        future.complete(answer);
        return true;
    }

    /** Fails every waiting request and every later one: the connection is gone. */
    void failAll(IOException cause) {
        failure = cause;
        List<Long> ids = new ArrayList<>(pending.keySet());
        for (Long id : ids) {
            CompletableFuture<Frame> future = pending.remove(id);
            if (future != null) {
                future.completeExceptionally(cause);
            }
        }
    }
}
