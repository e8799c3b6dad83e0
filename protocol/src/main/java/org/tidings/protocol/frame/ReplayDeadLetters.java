package org.tidings.protocol.frame;

import org.tidings.protocol.message.DestinationRef;

/**
 * Moves the waiting messages of a dead-letter or expiry queue that match {@code selector} ({@code null}: all) back
 * to the destinations they were sent to, each as one durable move. The RESPONSE's value is how many moved.
 */
public record ReplayDeadLetters(long requestId, DestinationRef queue, String selector) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.REPLAY_DEAD_LETTERS;
    }
}
