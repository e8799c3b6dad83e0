package org.tidings.protocol.frame;

/**
 * Rolls back the session's transaction: its sends are discarded, its accepts forgotten (the deliveries stay with the
 * session; the client redelivers them itself or settles them).
 */
public record Rollback(long requestId, int sessionId) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.ROLLBACK;
    }
}
