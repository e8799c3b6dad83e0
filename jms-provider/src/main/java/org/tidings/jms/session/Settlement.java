package org.tidings.jms.session;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import org.tidings.jms.client.ClientConnection;
import org.tidings.jms.client.ClientConsumer;
import org.tidings.jms.client.ClientDelivery;
import org.tidings.jms.support.JmsExceptions;
import org.tidings.protocol.frame.Outcome;
import org.tidings.protocol.frame.Recover;
import org.tidings.protocol.frame.Request;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.Settle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a session settles what its consumers hand to the application: one strategy per JMS session mode
 * ({@link AutoSettlement}, {@link ClientSettlement}, {@link TransactedSettlement}), chosen once when the session
 * opens, so no method of the session branches on its mode.
 *
 * <p>Threading: called by the session's thread of control (the application's thread, or the session's listener
 * thread); synchronized so that close from another thread sees a consistent list.
 */
public abstract class Settlement {

    private final ClientConnection core;
    private final int sessionId;
    /** Deliveries the application has seen and that are not settled yet, in the order it saw them. */
    private final List<ClientDelivery> unsettled = new ArrayList<>();
    private ClientDelivery inListener;
    /** The delivery in the listener, if the listener rejected it (sessions that settle on return only). */
    private ClientDelivery rejectedInListener;

    Settlement(ClientConnection core, int sessionId) {
        this.core = core;
        this.sessionId = sessionId;
    }

    /** The strategy for a JMS session mode (already validated). */
    static Settlement forMode(int sessionMode, ClientConnection core, int sessionId) {
        return switch (sessionMode) {
            case jakarta.jms.Session.SESSION_TRANSACTED -> new TransactedSettlement(core, sessionId);
            case jakarta.jms.Session.CLIENT_ACKNOWLEDGE -> new ClientSettlement(core, sessionId);
            default -> new AutoSettlement(core, sessionId);
        };
    }

    /** The application is about to see {@code delivery} (returned by receive, or passed to a listener). */
    public synchronized void showing(ClientDelivery delivery, boolean toListener) {
        delivery.markShown();
        if (toListener) {
            inListener = delivery;
        }
        if (keepsUnsettled()) {
            unsettled.add(delivery);
        }
    }

    /** The application has taken {@code delivery}: receive returned it or the listener returned normally. */
    public void consumed(ClientDelivery delivery) throws JMSException {
        synchronized (this) {
            if (inListener == delivery) {
                inListener = null;
            }
        }
    }

    /**
     * {@code receiveBody} refused {@code delivery} (its body does not fit): it was not consumed, so it goes back to
     * the front of its consumer's buffer, marked redelivered, in every session mode.
     */
    public void notTaken(ClientDelivery delivery) throws JMSException {
        synchronized (this) {
            unsettled.remove(delivery);
        }
        redeliverLocally(List.of(delivery));
    }

    /** The listener threw {@code failure} while handling {@code delivery}. */
    public void listenerFailed(ClientDelivery delivery, RuntimeException failure) throws JMSException {
        synchronized (this) {
            if (inListener == delivery) {
                inListener = null;
            }
        }
    }

    /**
     * {@code TidingsMessage.reject}: the broker dead-letters {@code delivery} at once, in every session mode; it
     * must not be settled yet.
     */
    public void reject(ClientDelivery delivery, String reason) throws JMSException {
        synchronized (this) {
            boolean inListenerUnsettled = !keepsUnsettled() && inListener == delivery
                    && rejectedInListener != delivery;
            if (!unsettled.remove(delivery) && !inListenerUnsettled) {
                throw new IllegalStateException("the message is settled already; only a message not yet "
                        + "acknowledged or committed can be rejected");
            }
            if (inListenerUnsettled) {
                rejectedInListener = delivery;
            }
        }
        settle(Outcome.REJECT, new long[] {delivery.deliveryId()}, true, fitted(reason));
    }

    /** {@code text} cut to what a SETTLE carries; {@code null} stays {@code null}. */
    static String fitted(String text) {
        return text == null || text.length() <= Settle.MAX_ERROR_CHARS ? text
                : text.substring(0, Settle.MAX_ERROR_CHARS);
    }

    /** Whether the listener rejected {@code delivery}, which is then settled; forgets that it did. */
    synchronized boolean rejectedInListener(ClientDelivery delivery) {
        boolean rejected = rejectedInListener == delivery;
        if (rejected) {
            rejectedInListener = null;
        }
        return rejected;
    }

    /** The delivery a listener is handling right now, or {@code null}. */
    synchronized ClientDelivery inListener() {
        return inListener;
    }

    /** A buffered message turned out to be expired: it is discarded without being shown. */
    public void discardExpired(ClientDelivery delivery) throws JMSException {
        settle(Outcome.ACCEPT, new long[] {delivery.deliveryId()}, false);
    }

    /** {@code Message.acknowledge()}: no effect unless the session acknowledges by client. */
    public void acknowledge() throws JMSException {
    }

    /** {@code Session.recover()}. */
    public void recover() throws JMSException {
    }

    public void commit() throws JMSException {
        throw new IllegalStateException("commit() called on a session that is not transacted");
    }

    public void rollback() throws JMSException {
        throw new IllegalStateException("rollback() called on a session that is not transacted");
    }

    /** Whether seen deliveries stay unsettled until acknowledge or commit. */
    abstract boolean keepsUnsettled();

    /** The ids of {@code consumer}'s deliveries the application has seen and that are not settled yet. */
    public synchronized long[] unsettledOf(ClientConsumer consumer) {
        List<Long> ids = new ArrayList<>();
        for (ClientDelivery delivery : unsettled) {
            if (delivery.consumer() == consumer) {
                ids.add(delivery.deliveryId());
            }
        }
        if (inListener != null && inListener.consumer() == consumer && !keepsUnsettled()) {
            ids.add(inListener.deliveryId());
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** Removes and returns every seen, unsettled delivery: the session is closing or rolling back. */
    synchronized List<ClientDelivery> takeUnsettled() {
        List<ClientDelivery> taken = new ArrayList<>(unsettled);
        unsettled.clear();
        return taken;
    }

    /**
     * Hands seen deliveries to their consumers again, marked redelivered; deliveries of consumers closed since are
     * returned to the broker as redelivered.
     */
    void redeliverLocally(List<ClientDelivery> deliveries) throws JMSException {
        Map<ClientConsumer, List<ClientDelivery>> byConsumer = new LinkedHashMap<>();
        for (ClientDelivery delivery : deliveries) {
            delivery.markRedelivered();
            byConsumer.computeIfAbsent(delivery.consumer(), c -> new ArrayList<>()).add(delivery);
        }
        List<ClientDelivery> orphans = new ArrayList<>();
        for (Map.Entry<ClientConsumer, List<ClientDelivery>> entry : byConsumer.entrySet()) {
            orphans.addAll(entry.getKey().pushBack(entry.getValue()));
        }
        if (!orphans.isEmpty()) {
            settle(Outcome.REDELIVER, ids(orphans), false);
        }
    }

    /**
     * Recover and rollback: the broker takes back every unsettled delivery of this session, {@code shown} counted
     * as failed deliveries (so they are redelivered after their destination's delay, or dead-lettered), and
     * delivers them again in their order; the deliveries buffered here that it took back are dropped.
     */
    void recoverAtBroker(List<ClientDelivery> shown) throws JMSException {
        Response answer = (Response) JmsExceptions.call(core, id -> new Recover(id, sessionId, ids(shown)));
        try {
            core.discardDeliveries(sessionId, Long.parseLong(answer.value()));
        } catch (IOException e) {
            throw JmsExceptions.from(e);
        }
    }

    /** Sends one SETTLE for {@code deliveryIds}; with {@code confirmed}, waits until the broker made it durable. */
    void settle(Outcome outcome, long[] deliveryIds, boolean confirmed) throws JMSException {
        settle(outcome, deliveryIds, confirmed, null);
    }

    /** As {@link #settle(Outcome, long[], boolean)}, telling the broker why the application failed. */
    void settle(Outcome outcome, long[] deliveryIds, boolean confirmed, String error) throws JMSException {
        if (deliveryIds.length == 0) {
            return;
        }
        if (confirmed) {
            JmsExceptions.call(core, id -> new Settle(id, sessionId, outcome, deliveryIds, error));
            return;
        }
        try {
            core.post(new Settle(Request.NO_RESPONSE, sessionId, outcome, deliveryIds, error));
        } catch (IOException e) {
            throw JmsExceptions.from(e);
        }
    }

    ClientConnection core() {
        return core;
    }

    int sessionId() {
        return sessionId;
    }

    static long[] ids(List<ClientDelivery> deliveries) {
        long[] ids = new long[deliveries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = deliveries.get(i).deliveryId();
        }
        return ids;
    }
}
