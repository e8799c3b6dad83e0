package org.tidings.broker.store;

import java.util.Objects;

/**
 * A stored queue: a point-to-point queue, or the queue behind a durable topic subscription.
 *
 * @param id          broker-assigned, unique over the store's life
 * @param kind        what the queue is
 * @param name        the queue name, or for a subscription the topic name
 * @param clientId    for a subscription: the client id it belongs to ({@code null} for a shared one without client id)
 * @param subscriptionName for a subscription: its name; otherwise {@code null}
 * @param selector    for a subscription: its message selector, or {@code null}
 * @param noLocal     for a subscription: whether messages published on the owning connection are skipped
 */
public record QueueRecord(long id, Kind kind, String name, String clientId, String subscriptionName, String selector,
                          boolean noLocal) {

    /** What a stored queue is. */
    public enum Kind { QUEUE, DURABLE_SUBSCRIPTION }

    public QueueRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static QueueRecord queue(long id, String name) {
        return new QueueRecord(id, Kind.QUEUE, name, null, null, null, false);
    }
}
