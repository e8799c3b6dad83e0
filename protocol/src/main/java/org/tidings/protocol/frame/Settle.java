package org.tidings.protocol.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * Settles deliveries of one session. In a transacted session {@link Outcome#ACCEPT} takes effect at commit.
 * Unknown delivery ids are ignored. With a request id the broker answers once an accept is durable. With
 * {@link Outcome#REDELIVER} or {@link Outcome#REJECT}, {@code error} may say why the application failed or refused
 * the message (kept on a dead-lettered message); otherwise it is {@code null}.
 */
public record Settle(long requestId, int sessionId, Outcome outcome, long[] deliveryIds, String error)
        implements Frame, Request {

    /** Most characters of {@code error} a client sends. */
    public static final int MAX_ERROR_CHARS = 16 * 1024;

    /** A settlement without an error. */
    public Settle(long requestId, int sessionId, Outcome outcome, long[] deliveryIds) {
        this(requestId, sessionId, outcome, deliveryIds, null);
    }

    @Override
    public FrameType type() {
        return FrameType.SETTLE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settle s && s.requestId == requestId && s.sessionId == sessionId && s.outcome == outcome
                && Arrays.equals(s.deliveryIds, deliveryIds) && Objects.equals(s.error, error);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(requestId) * 31 + Arrays.hashCode(deliveryIds);
    }

    @Override
    public String toString() {
        return "Settle[requestId=" + requestId + ", sessionId=" + sessionId + ", outcome=" + outcome
                + ", deliveryIds=" + Arrays.toString(deliveryIds) + (error == null ? "" : ", error=" + error) + "]";
    }
}
