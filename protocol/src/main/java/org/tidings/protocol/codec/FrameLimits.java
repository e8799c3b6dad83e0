package org.tidings.protocol.codec;

/**
 * Hard limits enforced while decoding.
 *
 * @param maxFrameSize    largest frame body (after the 4-byte length prefix) accepted
 * @param maxStringLength largest encoded string (header values, names), in bytes
 * @param maxProperties   most message properties or map entries accepted in one message
 */
public record FrameLimits(int maxFrameSize, int maxStringLength, int maxProperties) {

    /** Room a frame needs besides the message it carries. */
    public static final int FRAME_OVERHEAD = 64 * 1024;

    public static final FrameLimits DEFAULT = forMaxMessageSize(10 * 1024 * 1024);

    public FrameLimits {
        if (maxFrameSize <= 0 || maxStringLength <= 0 || maxProperties < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Limits that admit messages up to {@code maxMessageSize} encoded bytes. */
    public static FrameLimits forMaxMessageSize(int maxMessageSize) {
        return new FrameLimits(maxMessageSize + FRAME_OVERHEAD, 64 * 1024, 4096);
    }
}
