package org.tidings.protocol.message;

/** Which of the five JMS message types (or the plain header-only message) a body is. */
public enum BodyType {
    NONE, TEXT, BYTES, MAP, STREAM, OBJECT;

    private static final BodyType[] VALUES = values();

    /** The type for {@code code}, or {@code null} if none has that code. */
    public static BodyType of(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
