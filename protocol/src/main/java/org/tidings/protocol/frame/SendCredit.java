package org.tidings.protocol.frame;

/**
 * Grants a connection {@code bytes} more message bytes to send: producer flow control. A client sends while its
 * credit is above zero (a message may take it below); the broker grants the bytes back as it takes messages, and
 * holds them back while its memory for queued messages is full, so producers wait instead of the broker running
 * out of memory.
 */
public record SendCredit(long bytes) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.SEND_CREDIT;
    }
}
