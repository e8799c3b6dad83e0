package org.tidings.protocol.selector;

/**
 * What a selector can see of a message: the value of an identifier — one of the JMS header names selectors may
 * use ({@code JMSDeliveryMode} as {@code "PERSISTENT"}/{@code "NON_PERSISTENT"}, {@code JMSPriority},
 * {@code JMSMessageID}, {@code JMSTimestamp}, {@code JMSCorrelationID}, {@code JMSType}), {@code JMSXDeliveryCount},
 * or a property — or {@code null} when the message has none.
 */
@FunctionalInterface
public interface SelectableMessage {

    Object valueOf(String identifier);
}
