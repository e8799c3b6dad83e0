package org.tidings.protocol.frame;

/** What a {@link Settle} does with deliveries. */
public enum Outcome {
    /** Consumed: the broker removes the message (at commit, in a transacted session). */
    ACCEPT,
    /** Never shown to the application: back on the queue, delivery count unchanged. */
    RELEASE,
    /** Shown to the application but not consumed: back on the queue, delivery count incremented. */
    REDELIVER,
    /**
     * Refused by the application: the delivery counts, and the broker moves the message to its dead-letter queue at
     * once (reason {@code REJECTED}), in every session mode.
     */
    REJECT;

    private static final Outcome[] VALUES = values();

    /** The outcome for {@code code}, or {@code null} if none has that code. */
    public static Outcome of(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
