package org.tidings.protocol.frame;

/** The one-byte type code that follows a frame's length prefix. */
public enum FrameType {
    HELLO(1), HELLO_OK(2), HEARTBEAT(3), CLOSE(4), RESPONSE(5), SET_CLIENT_ID(6),
    CREATE_SESSION(10), CLOSE_SESSION(11), SEND(12), SETTLE(13), COMMIT(14), ROLLBACK(15), RECOVER(16),
    CREATE_CONSUMER(20), CLOSE_CONSUMER(21), CREDIT(22), PULL(23), DELIVER(24), BROWSE(25), BROWSE_PAGE(26),
    CREATE_TEMPORARY_DESTINATION(30), DELETE_TEMPORARY_DESTINATION(31), UNSUBSCRIBE(32),
    REPLAY_DEAD_LETTERS(40), SEND_CREDIT(41);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for {@code code}, or {@code null} if none has that code. */
    public static FrameType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
