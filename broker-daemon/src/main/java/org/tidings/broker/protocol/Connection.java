package org.tidings.broker.protocol;

import io.netty.channel.Channel;
import org.tidings.broker.addressing.QueueDispatcher;
import org.tidings.protocol.frame.Deliver;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.Frame;
import org.tidings.protocol.frame.Request;
import org.tidings.protocol.frame.Response;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The broker-side state of one client connection: client id, sessions, consumers, unsettled deliveries (held by
 * their session) and the temporary destinations it owns. Confined to the broker core thread, which is also this
 * connection's channel event loop.
 */
final class Connection {

    private final long id;
    private final Channel channel;
    private final BrokerContext context;
    private final Map<Integer, SessionState> sessions = new HashMap<>();
    private final Map<Long, ConsumerState> consumers = new HashMap<>();
    private final Set<String> temporaries = new HashSet<>();
    private String clientId;
    private boolean sessionCreated;
    private boolean handshakeDone;
    private long deliveryCounter;
    private long owedSendCredit;
    private boolean dirty;
    /** Whether the unflushed writes include more than deliveries. */
    private boolean dirtyUrgent;
    private boolean terminated;

    Connection(Channel channel, BrokerContext context) {
        this.id = context.nextConnectionId();
        this.channel = channel;
        this.context = context;
    }

    long id() {
        return id;
    }

    BrokerContext context() {
        return context;
    }

    Channel channel() {
        return channel;
    }

    String clientId() {
        return clientId;
    }

    void clientId(String value) {
        clientId = value;
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    void handshakeDone(boolean value) {
        handshakeDone = value;
    }

    boolean sessionCreated() {
        return sessionCreated;
    }

    Map<Integer, SessionState> sessions() {
        return sessions;
    }

    void addSession(SessionState session) {
        sessions.put(session.id(), session);
        sessionCreated = true;
    }

    Map<Long, ConsumerState> consumers() {
        return consumers;
    }

    Set<String> temporaries() {
        return temporaries;
    }

    long nextDeliveryId() {
        return ++deliveryCounter;
    }

    /** Adds {@code bytes} to the send credit owed to the client; returns what is owed now. */
    long oweSendCredit(int bytes) {
        owedSendCredit += bytes;
        return owedSendCredit;
    }

    /** The send credit owed to the client, which is now granted. */
    long takeOwedSendCredit() {
        long owed = owedSendCredit;
        owedSendCredit = 0;
        return owed;
    }

    /** The id of the last DELIVER sent, 0 before the first. */
    long lastDeliveryId() {
        return deliveryCounter;
    }

    /**
     * Writes {@code frame}; the flush follows once the core has finished its current batch of work, ahead of
     * connections that only got deliveries if {@code frame} is anything else.
     */
    void send(Frame frame) {
        if (terminated) {
            return;
        }
        channel.write(frame, channel.voidPromise());
        boolean urgent = !(frame instanceof Deliver);
        if (!dirty || urgent && !dirtyUrgent) {
            dirty = true;
            dirtyUrgent |= urgent;
            context.flusher().markDirty(this, urgent);
        }
    }

    /** Flushes what was written since the last flush, if anything. */
    void flush() {
        if (!dirty) {
            return;
        }
        dirty = false;
        dirtyUrgent = false;
        channel.flush();
    }

    void respondOk(Request request) {
        if (request.wantsResponse()) {
            send(Response.ok(request.requestId()));
        }
    }

    void respondError(Request request, ErrorCode code, String message) {
        if (request.wantsResponse()) {
            send(Response.error(request.requestId(), code, message));
        }
    }

    /**
     * Closes a consumer: stops its deliveries, gives back its unsettled deliveries except {@code retained} (counted
     * as shown when {@code shown}) and drops its non-durable subscription.
     */
    void closeConsumer(ConsumerState consumer, Set<Long> retained, boolean shown) {
        consumers.remove(consumer.id());
        consumer.session().consumers().remove(consumer);
        consumer.close();
        giveBack(consumer.session().removeDeliveriesOf(consumer, retained), delivery -> shown, null);
        if (consumer.subscription() != null) {
            context.registry().releaseSubscription(consumer.subscription());
        }
    }

    /** Closes a session: discards its transaction, closes its consumers, gives back every unsettled delivery. */
    void closeSession(SessionState session, boolean shown) {
        sessions.remove(session.id());
        if (session.isTransacted()) {
            session.transaction().clear();
        }
        for (ConsumerState consumer : new ArrayList<>(session.consumers())) {
            closeConsumer(consumer, Set.of(), shown);
        }
        giveBack(session.removeAllDeliveries(), delivery -> shown, null);
    }

    /**
     * Ends the connection's broker state. {@code lost}: the connection ended without CLOSE, so unsettled deliveries
     * count as shown. Temporary destinations are deleted and the client id becomes free.
     */
    void terminate(boolean lost) {
        if (terminated) {
            return;
        }
        terminated = true;
        context.flowControl().closed(this);
        for (SessionState session : new ArrayList<>(sessions.values())) {
            closeSession(session, lost);
        }
        for (String name : temporaries) {
            context.registry().removeTemporary(name);
        }
        temporaries.clear();
        if (handshakeDone) {
            context.clientIds().release(clientId);
        }
    }

    /**
     * Gives deliveries back to their queues, those {@code shown} as failed deliveries (with {@code error}), all
     * before any queue dispatches again, in queue order: so the messages come again in their order, and a message
     * group moves to its next consumer with its first message.
     */
    static void giveBack(List<Delivery> deliveries, Predicate<Delivery> shown, String error) {
        List<Delivery> inOrder = new ArrayList<>(deliveries);
        inOrder.sort(Comparator.comparingLong(delivery -> delivery.entry().position()));
        Set<QueueDispatcher> queues = new LinkedHashSet<>();
        for (Delivery delivery : inOrder) {
            boolean failed = shown.test(delivery);
            delivery.queue().returnEntry(delivery.entry(), failed, failed ? error : null);
            queues.add(delivery.queue());
        }
        queues.forEach(QueueDispatcher::dispatch);
    }

    @Override
    public String toString() {
        return String.valueOf(channel.remoteAddress());
    }
}
