package org.tidings.protocol.frame;

/** The broker accepts a {@link Hello}: agreed version and features, and the limits the client must respect. */
public record HelloOk(int version, long features, String connectionId, String brokerVersion, int heartbeatMillis,
                      int maxMessageSize) implements Frame {

    @Override
    public FrameType type() {
        return FrameType.HELLO_OK;
    }
}
