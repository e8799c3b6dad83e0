package org.tidings.broker.protocol;

import org.tidings.broker.addressing.MessageFilter;
import org.tidings.broker.addressing.QueueDispatcher;
import org.tidings.broker.addressing.QueueEntry;
import org.tidings.broker.addressing.Subscriber;
import org.tidings.broker.addressing.TopicSubscription;
import org.tidings.protocol.frame.Deliver;
import org.tidings.protocol.frame.Response;

import java.util.concurrent.ScheduledFuture;

/**
 * A consumer of a connection, as subscriber of one queue: its credit window and a waiting PULL, if any. A PULL is
 * answered by exactly one DELIVER, or by RESPONSE OK at its timeout or when the consumer closes. Core thread only.
 */
final class ConsumerState implements Subscriber {

    private final long id;
    private final Connection connection;
    private final SessionState session;
    private final QueueDispatcher queue;
    private final TopicSubscription subscription;
    private final MessageFilter filter;
    private int credit;
    private long pullRequestId;
    private ScheduledFuture<?> pullTimeout;
    private boolean closed;

    ConsumerState(long id, Connection connection, SessionState session, QueueDispatcher queue,
                  TopicSubscription subscription, MessageFilter filter, int credit) {
        this.id = id;
        this.connection = connection;
        this.session = session;
        this.queue = queue;
        this.subscription = subscription;
        this.filter = filter;
        this.credit = Math.max(0, credit);
    }

    long id() {
        return id;
    }

    SessionState session() {
        return session;
    }

    QueueDispatcher queue() {
        return queue;
    }

    /** The topic subscription it reads, or {@code null} on a queue. */
    TopicSubscription subscription() {
        return subscription;
    }

    @Override
    public boolean hasDemand() {
        return !closed && (credit > 0 || pullRequestId != 0);
    }

    @Override
    public boolean accepts(QueueEntry entry) {
        return filter == null || filter.accepts(entry.message(), entry.deliveryCount() + 1);
    }

    @Override
    public void deliver(QueueDispatcher from, QueueEntry entry) {
        long deliveryId = connection.nextDeliveryId();
        session.addDelivery(new Delivery(deliveryId, from, entry, this));
        if (pullRequestId != 0) {
            endPull();
        } else {
            credit--;
        }
        connection.send(new Deliver(id, deliveryId, entry.deliveryCount() + 1, entry.message().encoded()));
    }

    void addCredit(int more) {
        if (more > 0) {
            credit = (int) Math.min(Integer.MAX_VALUE, (long) credit + more);
            queue.dispatch();
        }
    }

    /** Starts a PULL: 0 looks once, -1 waits until a message comes or the consumer closes. */
    void pull(long requestId, long timeoutMillis) {
        if (pullRequestId != 0) {
            answerPullEmpty();
        }
        pullRequestId = requestId;
        queue.dispatch();
        if (pullRequestId != requestId) {
            return;
        }
        if (timeoutMillis == 0) {
            answerPullEmpty();
        } else if (timeoutMillis > 0) {
            pullTimeout = connection.context().core().schedule(() -> {
                if (pullRequestId == requestId) {
                    pullTimeout = null;
                    answerPullEmpty();
                }
            }, timeoutMillis);
        }
    }

    /** Stops deliveries; a waiting PULL is answered with RESPONSE OK. */
    void close() {
        closed = true;
        queue.removeSubscriber(this);
        if (pullRequestId != 0) {
            answerPullEmpty();
        }
    }

    private void answerPullEmpty() {
        long requestId = pullRequestId;
        endPull();
        connection.send(Response.ok(requestId));
    }

    private void endPull() {
        pullRequestId = 0;
        if (pullTimeout != null) {
            pullTimeout.cancel(false);
            pullTimeout = null;
        }
    }
}
