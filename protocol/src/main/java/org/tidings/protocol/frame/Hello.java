package org.tidings.protocol.frame;

/** First frame of a connection, client to broker. Answered by {@link HelloOk} or an error {@link Response} (id 0). */
public record Hello(int magic, int version, long features, String clientId, String username, String password,
                    int heartbeatMillis) implements Frame {

    /** "TDGS" in ASCII. */
    public static final int MAGIC = 0x54444753;
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;

    @Override
    public FrameType type() {
        return FrameType.HELLO;
    }

    @Override
    public String toString() {
        return "Hello[version=" + version + ", features=" + features + ", clientId=" + clientId + ", username="
                + username + ", heartbeatMillis=" + heartbeatMillis + "]";
    }
}
