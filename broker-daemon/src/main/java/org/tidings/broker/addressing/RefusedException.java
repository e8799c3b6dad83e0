package org.tidings.broker.addressing;

import org.tidings.protocol.frame.ErrorCode;

/** A request the broker refuses, with the error code and a message the client shows to the user. */
public final class RefusedException extends Exception {

    private final ErrorCode code;

    public RefusedException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
