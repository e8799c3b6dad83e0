package org.tidings.jms.client;

import org.tidings.protocol.frame.ErrorCode;

/** The broker refused a request: {@link #code()} says why, the message says it in words. */
public final class BrokerErrorException extends Exception {

    private final ErrorCode code;

    public BrokerErrorException(ErrorCode code, String message) {
        super(message == null ? code.name() : message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
