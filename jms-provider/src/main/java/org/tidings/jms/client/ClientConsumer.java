package org.tidings.jms.client;

import org.tidings.protocol.frame.CloseConsumer;
import org.tidings.protocol.frame.CreateConsumer;
import org.tidings.protocol.frame.Credit;
import org.tidings.protocol.frame.Deliver;
import org.tidings.protocol.frame.Frame;
import org.tidings.protocol.frame.Pull;
import org.tidings.protocol.message.DestinationRef;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client side of one broker consumer: a buffer of deliveries filled by the I/O thread, a credit window that
 * keeps the broker from sending more than {@code prefetch} unasked, and pull requests when the prefetch is 0.
 * The window opens when the connection first starts: a consumer of a connection that was never started takes no
 * messages away from the consumers that can deliver them.
 *
 * <p>Threading: {@link #onDeliver} runs on the I/O thread and never blocks; {@link #receive} and {@link #poll} run
 * on the thread of the owning session (the application's thread or the session's listener thread). All state is
 * guarded by one lock. The availability callback runs on the I/O thread and must only schedule work.
 */
public final class ClientConsumer {

    private final ClientConnection connection;
    private final int sessionId;
    private final long consumerId;
    private final int prefetch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<ClientDelivery> buffer = new ArrayDeque<>();
    private Runnable availability;
    private boolean pullPending;
    private long pullId;
    private int consumedSinceCredit;
    /** The broker knows this consumer. */
    private boolean created;
    /** The initial {@code prefetch} credit was granted. */
    private boolean windowOpen;
    private boolean closed;
    private boolean lost;

    private ClientConsumer(ClientConnection connection, int sessionId, long consumerId, int prefetch) {
        this.connection = connection;
        this.sessionId = sessionId;
        this.consumerId = consumerId;
        this.prefetch = prefetch;
    }

    /**
     * Opens a consumer at the broker.
     *
     * @throws BrokerErrorException when the broker refuses (unknown or foreign temporary destination, subscription
     *                              rules)
     */
    public static ClientConsumer open(ClientConnection connection, int sessionId, DestinationRef destination,
                                      String selector, boolean noLocal, String subscriptionName, boolean durable,
                                      boolean shared) throws BrokerErrorException, IOException {
        int prefetch = connection.settings().prefetch();
        ClientConsumer consumer = new ClientConsumer(connection, sessionId, connection.nextConsumerId(), prefetch);
        connection.register(consumer);
        boolean started = consumer.openWindowOnCreate();
        try {
            connection.call(id -> new CreateConsumer(id, sessionId, consumer.consumerId, destination, selector,
                    noLocal, subscriptionName, durable, shared, started ? prefetch : 0));
        } catch (BrokerErrorException | IOException e) {
            connection.unregister(consumer);
            throw e;
        }
        consumer.created();
        return consumer;
    }

    /** Decides whether the consumer is created with its window open: yes if the connection runs already. */
    private boolean openWindowOnCreate() {
        lock.lock();
        try {
            windowOpen = connection.isStarted();
            return windowOpen;
        } finally {
            lock.unlock();
        }
    }

    /** The broker knows the consumer now; a start that came meanwhile opens its window. */
    private void created() throws IOException {
        lock.lock();
        try {
            created = true;
        } finally {
            lock.unlock();
        }
        if (connection.isStarted()) {
            openWindow();
        }
    }

    /** Grants the initial {@code prefetch} credit once, after the broker knows the consumer. */
    void openWindow() throws IOException {
        lock.lock();
        try {
            if (!created || windowOpen || closed || prefetch == 0) {
                return;
            }
            windowOpen = true;
        } finally {
            lock.unlock();
        }
        connection.post(new Credit(consumerId, prefetch));
    }

    public long consumerId() {
        return consumerId;
    }

    public int sessionId() {
        return sessionId;
    }

    /**
     * Sets the callback run (on the I/O thread) whenever a delivery arrives or the connection starts, for
     * asynchronous delivery to a listener; {@code null} to stop. With a prefetch of 0, setting it asks the broker
     * for the first message.
     */
    public void setAvailabilityListener(Runnable listener) throws IOException {
        lock.lock();
        try {
            availability = listener;
        } finally {
            lock.unlock();
        }
        if (listener != null) {
            requestNextForListener();
            listener.run();
        }
    }

    void onDeliver(Deliver deliver) {
        Runnable notify;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            buffer.addLast(new ClientDelivery(this, deliver.deliveryId(), deliver.deliveryCount(), deliver.message()));
            if (prefetch == 0 && pullPending) {
                // a DELIVER is the whole answer to a pull: no RESPONSE will follow
                pullPending = false;
                connection.forgetRequest(pullId);
            }
            changed.signalAll();
            notify = availability;
        } finally {
            lock.unlock();
        }
        if (notify != null) {
            notify.run();
        }
    }

    void wakeUp() {
        Runnable notify;
        lock.lock();
        try {
            changed.signalAll();
            notify = buffer.isEmpty() ? null : availability;
        } finally {
            lock.unlock();
        }
        if (notify != null) {
            notify.run();
        }
    }

    void connectionLost() {
        lock.lock();
        try {
            lost = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next delivery for a synchronous receive.
     *
     * @param timeoutMillis -1 waits until a message comes or the consumer closes, 0 does not wait (with prefetch 0
     *                      it still asks the broker once), otherwise the most to wait
     * @return the delivery, or {@code null} when none came in time or the consumer was closed meanwhile
     * @throws IOException when the connection is lost
     */
    public ClientDelivery receive(long timeoutMillis) throws IOException {
        long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
        boolean askedBroker = false;
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return null;
                }
                if (lost) {
                    throw new IOException("connection to the broker lost");
                }
                boolean started = connection.isStarted();
                if (started && !buffer.isEmpty()) {
                    return take();
                }
                if (started && prefetch == 0) {
                    if (!askedBroker) {
                        long remaining = timeoutMillis <= 0 ? timeoutMillis
                                : Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                        if (!pullPending) {
                            startPull(remaining);
                        }
                        askedBroker = true;
                        continue;
                    }
                    if (!pullPending) {
                        return null;
                    }
                    // Wait for the broker's answer (a DELIVER, or OK when its timeout passed), not our own clock:
                    // returning before it would leave a message on its way to a consumer that gave up.
                    changed.awaitUninterruptibly();
                    continue;
                }
                if (timeoutMillis == 0) {
                    return null;
                }
                if (timeoutMillis < 0) {
                    changed.awaitUninterruptibly();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    changed.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the next delivery for a listener, or {@code null} when there is none or the connection is stopped. */
    public ClientDelivery poll() throws IOException {
        lock.lock();
        try {
            if (closed || !connection.isStarted() || buffer.isEmpty()) {
                return null;
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /** After a listener consumed a message with prefetch 0: asks the broker for the next one. */
    public void requestNextForListener() throws IOException {
        lock.lock();
        try {
            if (prefetch == 0 && availability != null && !pullPending && !closed) {
                startPull(-1);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void startPull(long timeoutMillis) throws IOException {
        long[] requestId = new long[1];
        pullPending = true;
        CompletableFuture<Frame> answer = connection.request(id -> {
            requestId[0] = id;
            return new Pull(id, consumerId, timeoutMillis);
        });
        pullId = requestId[0];
        answer.whenComplete((frame, failure) -> {
            lock.lock();
            try {
                if (pullId == requestId[0]) {
                    pullPending = false;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    private ClientDelivery take() throws IOException {
        ClientDelivery delivery = buffer.pollFirst();
        if (prefetch > 0 && delivery.takeCredit() && ++consumedSinceCredit >= Math.max(1, prefetch / 2)) {
            int grant = consumedSinceCredit;
            consumedSinceCredit = 0;
            connection.post(new Credit(consumerId, grant));
        }
        return delivery;
    }

    /**
     * Puts deliveries the application had seen back at the head of the buffer, in their original order, to be
     * handed out again (recover, rollback). Returns those that could not go back because the consumer is closed.
     */
    public List<ClientDelivery> pushBack(List<ClientDelivery> deliveries) {
        lock.lock();
        try {
            if (closed) {
                return deliveries;
            }
            for (int i = deliveries.size() - 1; i >= 0; i--) {
                buffer.addFirst(deliveries.get(i));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Runnable notify = availability;
        if (notify != null) {
            notify.run();
        }
        return List.of();
    }

    /**
     * Drops the buffered deliveries with ids up to {@code throughDeliveryId}, which the broker took back, granting
     * their credit again: the broker delivers the messages anew.
     */
    void discardThrough(long throughDeliveryId) throws IOException {
        int grant = 0;
        lock.lock();
        try {
            Iterator<ClientDelivery> it = buffer.iterator();
            while (it.hasNext()) {
                ClientDelivery delivery = it.next();
                if (delivery.deliveryId() <= throughDeliveryId) {
                    it.remove();
                    if (prefetch > 0 && delivery.takeCredit()) {
                        grant++;
                    }
                }
            }
            if (grant > 0 && !closed) {
                connection.post(new Credit(consumerId, grant));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking deliveries and hands back what is buffered, for the session to settle; no-op after the first
     * call (returns an empty list).
     */
    public List<ClientDelivery> stop() {
        lock.lock();
        try {
            if (closed) {
                return List.of();
            }
            closed = true;
            availability = null;
            List<ClientDelivery> buffered = new ArrayList<>(buffer);
            buffer.clear();
            changed.signalAll();
            return buffered;
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the consumer at the broker after {@link #stop()} and after its buffered deliveries were settled.
     * {@code retained} are the deliveries shown to the application and still unsettled, which stay with the
     * session.
     */
    public void closeAtBroker(long[] retained) throws BrokerErrorException, IOException {
        try {
            connection.call(id -> new CloseConsumer(id, consumerId, retained));
        } finally {
            connection.unregister(this);
        }
    }
}
