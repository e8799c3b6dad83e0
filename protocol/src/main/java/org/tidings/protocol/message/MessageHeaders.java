package org.tidings.protocol.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * The JMS header fields of a message as the broker and client exchange them. Redelivery state is not here: it
 * travels in the {@code Deliver} frame, so the broker never re-encodes a stored message.
 *
 * @param messageId          JMSMessageID ({@code ID:...}) or {@code null} when disabled by the producer
 * @param timestamp          JMSTimestamp, 0 when disabled
 * @param correlationId      JMSCorrelationID as a string, or {@code null}
 * @param correlationIdBytes JMSCorrelationID as bytes, or {@code null}; at most one of the two is set
 * @param destination        where the message was sent
 * @param replyTo            JMSReplyTo or {@code null}
 * @param persistent         JMSDeliveryMode is PERSISTENT
 * @param priority           0..9
 * @param expiration         JMSExpiration in epoch millis, 0 for never
 * @param deliveryTime       JMSDeliveryTime in epoch millis: not delivered before
 * @param type               JMSType or {@code null}
 */
public record MessageHeaders(String messageId, long timestamp, String correlationId, byte[] correlationIdBytes,
                             DestinationRef destination, DestinationRef replyTo, boolean persistent, int priority,
                             long expiration, long deliveryTime, String type) {

    public MessageHeaders {
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority " + priority + " outside 0..9");
        }
        if (correlationId != null && correlationIdBytes != null) {
            throw new IllegalArgumentException("correlation id given both as string and as bytes");
        }
    }

    /** Whether the message has expired at {@code now} (epoch millis). */
    public boolean isExpired(long now) {
        return expiration != 0 && expiration <= now;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageHeaders h && Objects.equals(h.messageId, messageId) && h.timestamp == timestamp
                && Objects.equals(h.correlationId, correlationId)
                && Arrays.equals(h.correlationIdBytes, correlationIdBytes)
                && Objects.equals(h.destination, destination) && Objects.equals(h.replyTo, replyTo)
                && h.persistent == persistent && h.priority == priority && h.expiration == expiration
                && h.deliveryTime == deliveryTime && Objects.equals(h.type, type);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, timestamp, destination);
    }
}
