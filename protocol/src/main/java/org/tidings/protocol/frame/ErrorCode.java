package org.tidings.protocol.frame;

/** Outcome carried by a {@link Response}; the client maps each to a JMS exception type. */
public enum ErrorCode {
    OK, GENERAL, SECURITY, INVALID_DESTINATION, INVALID_SELECTOR, ILLEGAL_STATE, INVALID_CLIENT_ID,
    RESOURCE_ALLOCATION, MESSAGE_TOO_LARGE, TRANSACTION_ROLLED_BACK, PROTOCOL;

    private static final ErrorCode[] VALUES = values();

    public int code() {
        return ordinal();
    }

    /** The error for {@code code}; unknown codes from a newer peer read as {@link #GENERAL}. */
    public static ErrorCode of(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : GENERAL;
    }
}
