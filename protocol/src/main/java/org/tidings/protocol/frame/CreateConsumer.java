package org.tidings.protocol.frame;

import org.tidings.protocol.message.DestinationRef;

/**
 * Opens a consumer with a client-chosen id, unique within the connection. On a topic, {@code subscriptionName}
 * names a durable ({@code durable}) or shared subscription; {@code credit} is the initial prefetch window (0 means
 * messages are only sent in answer to {@link Pull}).
 */
public record CreateConsumer(long requestId, int sessionId, long consumerId, DestinationRef destination,
                             String selector, boolean noLocal, String subscriptionName, boolean durable,
                             boolean shared, int credit) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.CREATE_CONSUMER;
    }
}
