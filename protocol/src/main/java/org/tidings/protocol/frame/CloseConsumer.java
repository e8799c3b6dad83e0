package org.tidings.protocol.frame;

import java.util.Arrays;

/**
 * Closes a consumer. Its deliveries listed in {@code retainedDeliveryIds} (shown to the application, not yet
 * settled) stay with the session; every other unsettled delivery of the consumer is released.
 */
public record CloseConsumer(long requestId, long consumerId, long[] retainedDeliveryIds) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.CLOSE_CONSUMER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CloseConsumer c && c.requestId == requestId && c.consumerId == consumerId
                && Arrays.equals(c.retainedDeliveryIds, retainedDeliveryIds);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(requestId) * 31 + Long.hashCode(consumerId);
    }

    @Override
    public String toString() {
        return "CloseConsumer[requestId=" + requestId + ", consumerId=" + consumerId + ", retained="
                + Arrays.toString(retainedDeliveryIds) + "]";
    }
}
