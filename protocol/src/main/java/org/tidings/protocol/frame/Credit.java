package org.tidings.protocol.frame;

/** Grants a consumer {@code credit} more deliveries. */
public record Credit(long consumerId, int credit) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.CREDIT;
    }
}
