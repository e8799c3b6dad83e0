package org.tidings.protocol.frame;

import org.tidings.protocol.message.DestinationKind;

/**
 * Creates a temporary queue or topic owned by this connection; the {@link Response} value is its name. It is deleted
 * when the connection closes.
 */
public record CreateTemporaryDestination(long requestId, DestinationKind kind) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.CREATE_TEMPORARY_DESTINATION;
    }
}
