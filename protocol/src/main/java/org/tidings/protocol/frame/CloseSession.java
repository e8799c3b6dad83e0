package org.tidings.protocol.frame;

/**
 * Closes a session: its consumers close, an open transaction rolls back, and deliveries still unsettled are released
 * without counting a delivery (the client settles what it showed the application before sending this).
 */
public record CloseSession(long requestId, int sessionId) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.CLOSE_SESSION;
    }
}
