package org.tidings.protocol.frame;

/** Deletes the durable subscription {@code subscriptionName} of this connection's client id; refused while active. */
public record Unsubscribe(long requestId, String subscriptionName) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.UNSUBSCRIBE;
    }
}
