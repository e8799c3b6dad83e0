package org.tidings.protocol.codec;

/**
 * Input that is not a valid frame or message encoding: bad lengths, unknown codes, limits exceeded. The receiving
 * connection logs the message and closes; nothing larger than the frame itself is ever allocated before this is
 * thrown.
 */
public class MalformedFrameException extends RuntimeException {

    public MalformedFrameException(String message) {
        super(message);
    }
}
