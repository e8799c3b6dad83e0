package org.tidings.protocol.frame;

/**
 * Asks for one message for a consumer without prefetch. Answered by exactly one of: a {@link Deliver} to that
 * consumer, or a {@link Response} with this request id once {@code timeoutMillis} passed with nothing to deliver
 * (0 = look once, -1 = wait until a message comes or the consumer closes).
 */
public record Pull(long requestId, long consumerId, long timeoutMillis) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.PULL;
    }
}
