package org.tidings.broker.protocol;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.addressing.IncomingMessage;
import org.tidings.broker.addressing.RefusedException;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.Send;
import org.tidings.protocol.message.MessageHeaders;

/**
 * SEND: grants the producer's send credit back ({@link ProducerFlowControl}); refuses messages over the size limit,
 * and every message while memory is full if so configured; holds a transacted session's sends in its transaction,
 * and routes the others, answering once routed (and, for a persistent message on a stored queue, once it is
 * durable). A message whose headers or properties cannot be read fails like a malformed frame. Core thread only.
 */
final class SendHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SendHandler.class);

    private SendHandler() {
    }

    static void send(Connection connection, Send frame) {
        BrokerContext context = connection.context();
        context.flowControl().took(connection, frame.message().length);
        SessionState session = SessionHandler.require(connection, frame, frame.sessionId());
        if (session == null) {
            return;
        }
        if (context.flowControl().refusesSends()) {
            refuse(connection, session, frame, ErrorCode.RESOURCE_ALLOCATION, context.flowControl().refusal());
            return;
        }
        int maxMessageSize = context.config().maxMessageSize();
        if (frame.message().length > maxMessageSize) {
            refuse(connection, session, frame, ErrorCode.MESSAGE_TOO_LARGE, "message of " + frame.message().length
                    + " bytes exceeds the broker's maximum message size of " + maxMessageSize + " bytes");
            return;
        }
        IncomingMessage message = IncomingMessage.read(frame.message(), context.limits(), connection.id(),
                connection.clientId());
        MessageHeaders headers = message.headers();
        if (headers.destination() == null) {
            refuse(connection, session, frame, ErrorCode.INVALID_DESTINATION, "the message names no destination");
            return;
        }
        if (session.isTransacted()) {
            session.transaction().send(message);
            connection.respondOk(frame);
            return;
        }
        try {
            context.router().route(message, failure -> {
                if (failure == null) {
                    connection.respondOk(frame);
                } else {
                    LOG.error("TDB3003: could not store a message sent to {}", headers.destination(), failure);
                    connection.respondError(frame, ErrorCode.RESOURCE_ALLOCATION,
                            "the broker could not store the message: " + failure.getMessage());
                }
            });
        } catch (RefusedException e) {
            connection.respondError(frame, e.code(), e.getMessage());
        }
    }

    /** Answers the refusal; in a transaction it is also remembered, so that COMMIT fails with it. */
    private static void refuse(Connection connection, SessionState session, Send frame, ErrorCode code,
                               String reason) {
        if (session.isTransacted()) {
            session.transaction().fail(reason);
        }
        connection.respondError(frame, code, reason);
    }
}
