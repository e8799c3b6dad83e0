package org.tidings.protocol.frame;

/** Orderly close of the whole connection; the broker answers, then closes the socket. */
public record Close(long requestId) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.CLOSE;
    }
}
