package org.tidings.protocol.frame;

/**
 * A message from a producer; {@code message} is the encoding of {@code org.tidings.protocol.message.MessageCodec},
 * whose headers name the destination. With a request id the broker answers once the message is routed, and for a
 * persistent message outside a transaction only once it is durable.
 */
public record Send(long requestId, int sessionId, byte[] message) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.SEND;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Send s && s.requestId == requestId && s.sessionId == sessionId
                && java.util.Arrays.equals(s.message, message);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(requestId) * 31 + java.util.Arrays.hashCode(message);
    }

    @Override
    public String toString() {
        return "Send[requestId=" + requestId + ", sessionId=" + sessionId + ", bytes=" + message.length + "]";
    }
}
