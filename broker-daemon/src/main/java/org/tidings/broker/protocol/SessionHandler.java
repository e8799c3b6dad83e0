package org.tidings.broker.protocol;

import org.tidings.protocol.frame.CloseSession;
import org.tidings.protocol.frame.CreateSession;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.Request;

/** CREATE_SESSION and CLOSE_SESSION. Core thread only. */
final class SessionHandler {

    private SessionHandler() {
    }

    static void create(Connection connection, CreateSession frame) {
        if (connection.sessions().containsKey(frame.sessionId())) {
            connection.respondError(frame, ErrorCode.ILLEGAL_STATE,
                    "session " + frame.sessionId() + " is already open on this connection");
            return;
        }
        connection.addSession(new SessionState(frame.sessionId(), frame.mode(),
                connection.context().core().memory()));
        connection.respondOk(frame);
    }

    /** Rolls back, closes the consumers and releases what is unsettled; closing an unknown session is a no-op. */
    static void close(Connection connection, CloseSession frame) {
        SessionState session = connection.sessions().get(frame.sessionId());
        if (session != null) {
            connection.closeSession(session, false);
        }
        connection.respondOk(frame);
    }

    /** The open session {@code sessionId}, or {@code null} after answering ILLEGAL_STATE to {@code request}. */
    static SessionState require(Connection connection, Request request, int sessionId) {
        SessionState session = connection.sessions().get(sessionId);
        if (session == null) {
            connection.respondError(request, ErrorCode.ILLEGAL_STATE, "session " + sessionId + " is not open");
        }
        return session;
    }
}
