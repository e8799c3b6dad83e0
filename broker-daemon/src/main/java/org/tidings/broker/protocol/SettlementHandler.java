package org.tidings.broker.protocol;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.addressing.MessageRouter;
import org.tidings.broker.addressing.RefusedException;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.tx.LocalTransaction;
import org.tidings.protocol.frame.Commit;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.Outcome;
import org.tidings.protocol.frame.Recover;
import org.tidings.protocol.frame.Request;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.Rollback;
import org.tidings.protocol.frame.Settle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SETTLE, RECOVER, COMMIT and ROLLBACK (PROTOCOL.md, "Settling deliveries"). An accept outside a transaction removes
 * the message at once, so it cannot be delivered again, and answers once the removal is durable. In a transacted
 * session accepts wait for COMMIT, which stores the transaction's sends and accepts as one batch. Core thread only.
 */
final class SettlementHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementHandler.class);

    private SettlementHandler() {
    }

    /** Unknown delivery ids, and settlements for a session that is no longer open, are ignored. */
    static void settle(Connection connection, Settle frame) {
        SessionState session = connection.sessions().get(frame.sessionId());
        if (session == null) {
            connection.respondOk(frame);
            return;
        }
        switch (frame.outcome()) {
            case ACCEPT -> accept(connection, session, frame);
            case RELEASE, REDELIVER -> {
                boolean shown = frame.outcome() == Outcome.REDELIVER;
                connection.respondOk(frame);
                Connection.giveBack(takeDeliveries(session, frame), delivery -> shown, frame.error());
            }
            case REJECT -> {
                for (Delivery delivery : takeDeliveries(session, frame)) {
                    delivery.queue().reject(delivery.entry(), frame.error());
                    delivery.queue().dispatch();
                }
                connection.respondOk(frame);
            }
            default -> throw new IllegalStateException("unknown outcome " + frame.outcome());
        }
    }

    /** Removes the session's deliveries that {@code frame} names, also from its transaction. */
    private static List<Delivery> takeDeliveries(SessionState session, Settle frame) {
        List<Delivery> taken = new ArrayList<>();
        for (long deliveryId : frame.deliveryIds()) {
            Delivery delivery = session.removeDelivery(deliveryId);
            if (delivery != null) {
                if (session.isTransacted()) {
                    session.transaction().forget(deliveryId);
                }
                taken.add(delivery);
            }
        }
        return taken;
    }

    /**
     * Takes back every unsettled delivery of the session, in queue order so they come again in it: the shown ones
     * as failed deliveries, the others unchanged. Answers with the last delivery id used before, so the client
     * knows which of its buffered deliveries the broker took back.
     */
    static void recover(Connection connection, Recover frame) {
        SessionState session = SessionHandler.require(connection, frame, frame.sessionId());
        if (session == null) {
            return;
        }
        long through = connection.lastDeliveryId();
        Set<Long> shown = new HashSet<>();
        for (long deliveryId : frame.shownDeliveryIds()) {
            shown.add(deliveryId);
        }
        List<Delivery> deliveries = session.removeAllDeliveries();
        if (session.isTransacted()) {
            deliveries.forEach(delivery -> session.transaction().forget(delivery.deliveryId()));
        }
        Connection.giveBack(deliveries, delivery -> shown.contains(delivery.deliveryId()), null);
        connection.send(Response.ok(frame.requestId(), Long.toString(through)));
    }

    static void commit(Connection connection, Commit frame) {
        SessionState session = transacted(connection, frame, frame.sessionId());
        if (session == null) {
            return;
        }
        LocalTransaction transaction = session.transaction();
        MessageRouter router = connection.context().router();
        MessageRouter.Plan plan;
        try {
            if (transaction.failure() != null) {
                throw new RefusedException(ErrorCode.TRANSACTION_ROLLED_BACK, transaction.failure());
            }
            plan = router.plan(transaction.sends());
        } catch (RefusedException e) {
            transaction.clear();
            connection.respondError(frame, ErrorCode.TRANSACTION_ROLLED_BACK,
                    "the transaction was rolled back: " + e.getMessage());
            return;
        }
        StoreBatch.Builder batch = StoreBatch.builder();
        for (long deliveryId : transaction.accepted()) {
            Delivery delivery = session.removeDelivery(deliveryId);
            if (delivery != null) {
                delivery.queue().acknowledge(delivery.entry(), batch);
            }
        }
        transaction.clear();
        router.execute(plan, batch, failure -> {
            if (failure == null) {
                connection.respondOk(frame);
            } else {
                LOG.error("TDB3004: could not store a committed transaction", failure);
                connection.respondError(frame, ErrorCode.TRANSACTION_ROLLED_BACK,
                        "the broker could not store the transaction: " + failure.getMessage());
            }
        });
    }

    static void rollback(Connection connection, Rollback frame) {
        SessionState session = transacted(connection, frame, frame.sessionId());
        if (session != null) {
            session.transaction().clear();
            connection.respondOk(frame);
        }
    }

    private static void accept(Connection connection, SessionState session, Settle frame) {
        if (session.isTransacted()) {
            for (long deliveryId : frame.deliveryIds()) {
                if (session.delivery(deliveryId) != null) {
                    session.transaction().accept(deliveryId);
                }
            }
            connection.respondOk(frame);
            return;
        }
        StoreBatch.Builder batch = StoreBatch.builder();
        for (long deliveryId : frame.deliveryIds()) {
            Delivery delivery = session.removeDelivery(deliveryId);
            if (delivery != null) {
                delivery.queue().acknowledge(delivery.entry(), batch);
            }
        }
        if (batch.isEmpty()) {
            connection.respondOk(frame);
        } else if (!frame.wantsResponse()) {
            connection.context().core().submitUnobserved(batch.build());
        } else {
            connection.context().core().submit(batch.build(), failure -> {
                if (failure == null) {
                    connection.respondOk(frame);
                } else {
                    LOG.error("TDB3005: could not store an acknowledgement", failure);
                    connection.respondError(frame, ErrorCode.RESOURCE_ALLOCATION,
                            "the broker could not store the acknowledgement: " + failure.getMessage());
                }
            });
        }
    }

    private static SessionState transacted(Connection connection, Request request, int sessionId) {
        SessionState session = SessionHandler.require(connection, request, sessionId);
        if (session != null && !session.isTransacted()) {
            connection.respondError(request, ErrorCode.ILLEGAL_STATE, "session " + sessionId + " is not transacted");
            return null;
        }
        return session;
    }
}
