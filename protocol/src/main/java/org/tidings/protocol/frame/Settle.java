package org.tidings.protocol.frame;

import java.util.Arrays;

/**
 * Settles deliveries of one session. In a transacted session {@link Outcome#ACCEPT} takes effect at commit.
 * Unknown delivery ids are ignored. With a request id the broker answers once an accept is durable.
 */
public record Settle(long requestId, int sessionId, Outcome outcome, long[] deliveryIds) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.SETTLE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settle s && s.requestId == requestId && s.sessionId == sessionId && s.outcome == outcome
                && Arrays.equals(s.deliveryIds, deliveryIds);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(requestId) * 31 + Arrays.hashCode(deliveryIds);
    }

    @Override
    public String toString() {
        return "Settle[requestId=" + requestId + ", sessionId=" + sessionId + ", outcome=" + outcome
                + ", deliveryIds=" + Arrays.toString(deliveryIds) + "]";
    }
}
