package org.tidings.protocol.frame;

/** How a session settles its deliveries; codes equal the JMS session mode constants. */
public enum SessionMode {
    TRANSACTED(0), AUTO_ACKNOWLEDGE(1), CLIENT_ACKNOWLEDGE(2), DUPS_OK_ACKNOWLEDGE(3);

    private final int code;

    SessionMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The mode for {@code code}, or {@code null} if none has that code. */
    public static SessionMode of(int code) {
        for (SessionMode mode : values()) {
            if (mode.code == code) {
                return mode;
            }
        }
        return null;
    }
}
