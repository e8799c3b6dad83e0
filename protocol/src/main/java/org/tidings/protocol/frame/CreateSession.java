package org.tidings.protocol.frame;

/** Opens a session with a client-chosen id, unique within the connection. */
public record CreateSession(long requestId, int sessionId, SessionMode mode) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.CREATE_SESSION;
    }
}
