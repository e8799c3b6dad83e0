package org.tidings.protocol.frame;

import java.util.Arrays;

/**
 * Takes back every unsettled delivery of a session (recover, rollback): those in {@code shownDeliveryIds} were shown
 * to the application and count as failed deliveries, the others go back unchanged. The RESPONSE's value is the last
 * delivery id the connection had used before; the client discards its buffered deliveries of the session up to it
 * and receives the messages again as the broker redelivers them.
 */
public record Recover(long requestId, int sessionId, long[] shownDeliveryIds) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.RECOVER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recover r && r.requestId == requestId && r.sessionId == sessionId
                && Arrays.equals(r.shownDeliveryIds, shownDeliveryIds);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(requestId) * 31 + Arrays.hashCode(shownDeliveryIds);
    }

    @Override
    public String toString() {
        return "Recover[requestId=" + requestId + ", sessionId=" + sessionId + ", shownDeliveryIds="
                + Arrays.toString(shownDeliveryIds) + "]";
    }
}
