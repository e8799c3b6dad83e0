package org.tidings.jms.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The message bytes a connection may still send (producer flow control, PROTOCOL.md): granted by the broker with
 * SEND_CREDIT, taken by each SEND. A sender waits while the credit is zero or less; one message may take it below
 * zero, so a message larger than the window still goes. A broker whose memory for queued messages is full holds its
 * grants back, and senders wait here until consumers have made room.
 *
 * <p>Threading: thread-safe; application threads take, the I/O thread grants and fails.
 */
final class SendWindow {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition granted = lock.newCondition();
    private long credit;
    private IOException failure;

    void grant(long bytes) {
        lock.lock();
        try {
            credit += bytes;
            granted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code bytes}, waiting while there is no credit. */
    void take(int bytes) throws IOException {
        lock.lock();
        try {
            while (credit <= 0 && failure == null) {
                granted.await();
            }
            if (failure != null) {
                throw failure;
            }
            credit -= bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the broker to accept more messages");
        } finally {
            lock.unlock();
        }
    }

    /** The connection ended: waiting and later senders fail with {@code cause}. */
    void fail(IOException cause) {
        lock.lock();
        try {
            failure = cause;
            granted.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
