package org.tidings.protocol.frame;

import org.tidings.protocol.message.DestinationRef;

/**
 * Reads up to {@code maxMessages} messages of a queue after position {@code afterPosition} (0 for the start)
 * without consuming them. Answered by {@link BrowsePage}, or an error {@link Response}.
 */
public record Browse(long requestId, DestinationRef queue, String selector, long afterPosition, int maxMessages)
        implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.BROWSE;
    }
}
