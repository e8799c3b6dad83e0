package org.tidings.broker.addressing;

import org.tidings.broker.config.DestinationSettings;

/**
 * What one queue does with a message that cannot be delivered as it is, by its destination's
 * {@link DestinationSettings}: how long one whose delivery failed waits before it is delivered again, where it goes
 * once no attempt is left, and where an expired one goes; and how many stored bodies the queue keeps in memory.
 * Immutable.
 */
public final class DeliveryPolicy {

    private final String destination;
    private final DestinationSettings settings;
    private final DeadLetters deadLetters;

    /** For the queue of {@code destination} (a queue's name, or the topic of a subscription). */
    DeliveryPolicy(String destination, DestinationSettings settings, DeadLetters deadLetters) {
        this.destination = destination;
        this.settings = settings;
        this.deadLetters = deadLetters;
    }

    /** How many bytes of stored message bodies the queue keeps in memory at most. */
    long bodyWindowBytes() {
        return settings.bodyWindowMiB() * 1024L * 1024L;
    }

    /** How long a message shown {@code deliveryCount} times waits before it is delivered again. */
    long delayAfter(int deliveryCount) {
        return settings.redeliveryDelay(deliveryCount);
    }

    /**
     * Dead-letters {@code entry}, back from a failed delivery, if it has no attempt left and is not on its
     * dead-letter queue already.
     *
     * @param error what the consumer reported, or {@code null}
     * @return whether the entry left {@code queue}
     */
    boolean deadLetterIfExhausted(QueueDispatcher queue, QueueEntry entry, String error) {
        return settings.attemptsExhausted(entry.deliveryCount())
                && deadLetter(queue, entry, DeadLetters.Reason.MAX_DELIVERIES, error);
    }

    /**
     * Dead-letters {@code entry}, back from a delivery the application refused, unless {@code queue} is its
     * dead-letter queue already.
     *
     * @param reason what the application said, or {@code null}
     * @return whether the entry left {@code queue}
     */
    boolean deadLetterRejected(QueueDispatcher queue, QueueEntry entry, String reason) {
        return deadLetter(queue, entry, DeadLetters.Reason.REJECTED, reason);
    }

    private boolean deadLetter(QueueDispatcher queue, QueueEntry entry, DeadLetters.Reason reason, String error) {
        String target = settings.deadLetterQueueOf(destination);
        if (queue.name().equals(target)) {
            return false;
        }
        deadLetters.move(queue, entry, destination, target, reason, truncated(error));
        return true;
    }

    /** Moves {@code entry}, expired and no longer waiting, from {@code queue} to its expiry queue, or drops it. */
    void expire(QueueDispatcher queue, QueueEntry entry) {
        deadLetters.move(queue, entry, destination, settings.expiryQueueOf(destination), DeadLetters.Reason.EXPIRED,
                null);
    }

    private String truncated(String error) {
        if (error == null || error.length() <= settings.deadLetterErrorChars()) {
            return error;
        }
        return error.substring(0, settings.deadLetterErrorChars());
    }
}
