package org.tidings.broker.config;

import java.util.List;

/**
 * How the broker treats the messages of one destination when deliveries fail, and how many of their bodies it
 * keeps in memory; immutable. Resolved per destination
 * name by {@link DestinationPolicies}.
 *
 * @param maxDeliveryAttempts      deliveries after which a message goes to the dead-letter queue instead of being
 *                                 delivered again; 0: never
 * @param deadLetterQueue          name of the dead-letter queue; {@value #NAME_PLACEHOLDER} stands for the
 *                                 destination's name; empty: a message out of attempts is dropped
 * @param redeliveryDelayMillis    how long a message waits before its first redelivery; 0: at once
 * @param redeliveryMultiplier     each further redelivery waits this many times longer (at least 1)
 * @param maxRedeliveryDelayMillis the longest a message waits before a redelivery
 * @param deadLetterErrorChars     most characters of a consumer's error kept on a dead-lettered message
 * @param expiryQueue              where expired messages go ({@value #NAME_PLACEHOLDER} as above); empty: they are
 *                                 dropped
 * @param duplicateIdCapacity      duplicate ids (TIDINGS_DUPLICATE_ID) remembered per destination; 0: no check
 * @param bodyWindowMiB            stored message bodies each queue (or subscription) of the destination keeps in
 *                                 memory, within the broker's {@code memory.messageBodiesMiB}; the rest are read
 *                                 back from the store when delivered
 */
public record DestinationSettings(int maxDeliveryAttempts, String deadLetterQueue, long redeliveryDelayMillis,
                                  double redeliveryMultiplier, long maxRedeliveryDelayMillis,
                                  int deadLetterErrorChars, String expiryQueue, int duplicateIdCapacity,
                                  int bodyWindowMiB) {

    /** In {@link #deadLetterQueue}, stands for the destination's name. */
    public static final String NAME_PLACEHOLDER = "{name}";

    /**
     * Ten attempts, dead-letter queue {@code DLQ.<name>}, redelivery at once, 4,096 characters of error, expired
     * messages to {@code ExpiryQueue}, the last 100,000 duplicate ids remembered, 64 MiB of bodies per queue.
     */
    public static final DestinationSettings DEFAULTS = new DestinationSettings(10, "DLQ." + NAME_PLACEHOLDER, 0,
            2.0, 60_000, 4_096, "ExpiryQueue", 100_000, 64);

    public DestinationSettings {
        if (maxDeliveryAttempts < 0) {
            throw new IllegalArgumentException("maxDeliveryAttempts " + maxDeliveryAttempts + " is negative");
        }
        if (deadLetterQueue == null || expiryQueue == null) {
            throw new IllegalArgumentException("deadLetterQueue or expiryQueue is missing");
        }
        if (redeliveryDelayMillis < 0 || maxRedeliveryDelayMillis < 0) {
            throw new IllegalArgumentException("a redelivery delay is negative");
        }
        if (!(redeliveryMultiplier >= 1.0) || Double.isInfinite(redeliveryMultiplier)) {
            throw new IllegalArgumentException("redeliveryMultiplier " + redeliveryMultiplier + " is below 1");
        }
        if (duplicateIdCapacity < 0) {
            throw new IllegalArgumentException("duplicateIdCapacity " + duplicateIdCapacity + " is negative");
        }
        if (bodyWindowMiB < 0) {
            throw new IllegalArgumentException("bodyWindowMiB " + bodyWindowMiB + " is negative");
        }
        if (deadLetterErrorChars < 0) {
            throw new IllegalArgumentException("deadLetterErrorChars " + deadLetterErrorChars + " is negative");
        }
    }

    /** Whether a message shown {@code deliveryCount} times has no attempt left. */
    public boolean attemptsExhausted(int deliveryCount) {
        return maxDeliveryAttempts > 0 && deliveryCount >= maxDeliveryAttempts;
    }

    /**
     * How long a message shown {@code deliveryCount} times (at least once) waits before it is delivered again: the
     * delay, times the multiplier for every redelivery before this one, at most the maximum.
     */
    public long redeliveryDelay(int deliveryCount) {
        if (redeliveryDelayMillis == 0) {
            return 0;
        }
        double delay = redeliveryDelayMillis * Math.pow(redeliveryMultiplier, Math.max(0, deliveryCount - 1));
        return (long) Math.min(delay, maxRedeliveryDelayMillis);
    }

    /** The dead-letter queue of destination {@code name}, or {@code null} when its messages are dropped. */
    public String deadLetterQueueOf(String name) {
        return nameOf(deadLetterQueue, name);
    }

    /** The expiry queue of destination {@code name}, or {@code null} when its expired messages are dropped. */
    public String expiryQueueOf(String name) {
        return nameOf(expiryQueue, name);
    }

    private static String nameOf(String template, String name) {
        return template.isEmpty() ? null : template.replace(NAME_PLACEHOLDER, name);
    }

    /** These settings with {@code key} set to {@code value} (keys as in the configuration file). */
    DestinationSettings with(String key, String value) {
        Builder b = new Builder(this);
        switch (key) {
            case "maxDeliveryAttempts" -> b.maxDeliveryAttempts = Values.integer(key, value);
            case "deadLetterQueue" -> b.deadLetterQueue = value;
            case "redeliveryDelayMillis" -> b.redeliveryDelayMillis = Values.whole(key, value);
            case "redeliveryMultiplier" -> b.redeliveryMultiplier = Values.decimal(key, value);
            case "maxRedeliveryDelayMillis" -> b.maxRedeliveryDelayMillis = Values.whole(key, value);
            case "deadLetterErrorChars" -> b.deadLetterErrorChars = Values.integer(key, value);
            case "expiryQueue" -> b.expiryQueue = value;
            case "duplicateIdCapacity" -> b.duplicateIdCapacity = Values.integer(key, value);
            case "bodyWindowMiB" -> b.bodyWindowMiB = Values.integer(key, value);
            default -> throw new IllegalArgumentException("unknown destination setting '" + key + "'; known: "
                    + KEYS);
        }
        return b.build();
    }

    /** The fields, to change one. */
    private static final class Builder {
        int maxDeliveryAttempts;
        String deadLetterQueue;
        long redeliveryDelayMillis;
        double redeliveryMultiplier;
        long maxRedeliveryDelayMillis;
        int deadLetterErrorChars;
        String expiryQueue;
        int duplicateIdCapacity;
        int bodyWindowMiB;

        Builder(DestinationSettings s) {
            maxDeliveryAttempts = s.maxDeliveryAttempts;
            deadLetterQueue = s.deadLetterQueue;
            redeliveryDelayMillis = s.redeliveryDelayMillis;
            redeliveryMultiplier = s.redeliveryMultiplier;
            maxRedeliveryDelayMillis = s.maxRedeliveryDelayMillis;
            deadLetterErrorChars = s.deadLetterErrorChars;
            expiryQueue = s.expiryQueue;
            duplicateIdCapacity = s.duplicateIdCapacity;
            bodyWindowMiB = s.bodyWindowMiB;
        }

        DestinationSettings build() {
            return new DestinationSettings(maxDeliveryAttempts, deadLetterQueue, redeliveryDelayMillis,
                    redeliveryMultiplier, maxRedeliveryDelayMillis, deadLetterErrorChars, expiryQueue,
                    duplicateIdCapacity, bodyWindowMiB);
        }
    }

    /** The setting names of the configuration file. */
    static final List<String> KEYS = List.of("maxDeliveryAttempts", "deadLetterQueue",
            "redeliveryDelayMillis", "redeliveryMultiplier", "maxRedeliveryDelayMillis", "deadLetterErrorChars",
            "expiryQueue", "duplicateIdCapacity", "bodyWindowMiB");
}
