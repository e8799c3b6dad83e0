package org.tidings.protocol.frame;

import org.tidings.protocol.message.DestinationRef;

/** Deletes a temporary destination of this connection; refused while it has consumers. */
public record DeleteTemporaryDestination(long requestId, DestinationRef destination) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.DELETE_TEMPORARY_DESTINATION;
    }
}
