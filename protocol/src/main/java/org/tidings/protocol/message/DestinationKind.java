package org.tidings.protocol.message;

/** The four kinds of destination; codes as in PROTOCOL.md. */
public enum DestinationKind {
    QUEUE(1, false, false), TOPIC(2, true, false), TEMPORARY_QUEUE(3, false, true), TEMPORARY_TOPIC(4, true, true);

    private final int code;
    private final boolean topic;
    private final boolean temporary;

    DestinationKind(int code, boolean topic, boolean temporary) {
        this.code = code;
        this.topic = topic;
        this.temporary = temporary;
    }

    public int code() {
        return code;
    }

    /** Whether every subscriber gets every message (topic) rather than one consumer each (queue). */
    public boolean isTopic() {
        return topic;
    }

    public boolean isTemporary() {
        return temporary;
    }

    /** The kind for {@code code}, or {@code null} if none has that code. */
    public static DestinationKind of(int code) {
        for (DestinationKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
