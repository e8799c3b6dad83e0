package org.tidings.protocol.frame;

import java.util.Arrays;

/**
 * A message pushed to a consumer. {@code deliveryId} is unique within the connection and names the delivery in
 * {@link Settle}; {@code deliveryCount} starts at 1 and is greater for a redelivery.
 */
public record Deliver(long consumerId, long deliveryId, int deliveryCount, byte[] message) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.DELIVER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Deliver d && d.consumerId == consumerId && d.deliveryId == deliveryId
                && d.deliveryCount == deliveryCount && Arrays.equals(d.message, message);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(deliveryId) * 31 + Arrays.hashCode(message);
    }

    @Override
    public String toString() {
        return "Deliver[consumerId=" + consumerId + ", deliveryId=" + deliveryId + ", deliveryCount="
                + deliveryCount + ", bytes=" + message.length + "]";
    }
}
