package org.tidings.protocol.frame;

/** Commits the session's transaction: its sends become visible, its accepts take effect, all durably. */
public record Commit(long requestId, int sessionId) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.COMMIT;
    }
}
