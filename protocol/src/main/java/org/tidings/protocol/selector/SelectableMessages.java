package org.tidings.protocol.selector;

import org.tidings.protocol.message.MessageHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The selector's view of a decoded message: the header identifiers JMS allows, then the properties. */
public final class SelectableMessages {

    private SelectableMessages() {
    }

    /** A view of {@code headers} and {@code properties}; {@code deliveryCount} answers JMSXDeliveryCount. */
    public static SelectableMessage of(MessageHeaders headers, Map<String, Object> properties, int deliveryCount) {
        return identifier -> switch (identifier) {
            case "JMSDeliveryMode" -> headers.persistent() ? "PERSISTENT" : "NON_PERSISTENT";
            case "JMSPriority" -> headers.priority();
            case "JMSMessageID" -> headers.messageId();
            case "JMSTimestamp" -> headers.timestamp();
            case "JMSCorrelationID" -> headers.correlationIdBytes() != null
                    ? new String(headers.correlationIdBytes(), StandardCharsets.UTF_8) : headers.correlationId();
            case "JMSType" -> headers.type();
            case "JMSXDeliveryCount" -> deliveryCount;
            default -> properties.get(identifier);
        };
    }
}
