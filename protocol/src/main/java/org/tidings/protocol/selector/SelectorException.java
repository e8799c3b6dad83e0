package org.tidings.protocol.selector;

/** A message selector that is not valid JMS selector syntax; the message says what and where. */
public final class SelectorException extends Exception {

    public SelectorException(String message) {
        super(message);
    }
}
