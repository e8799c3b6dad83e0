package org.tidings.broker.store;

/** Completion of a {@link StoreBatch}: {@code failure} is {@code null} once the batch is durable. */
@FunctionalInterface
public interface StoreCallback {

    /** A callback for work nobody waits on. */
    StoreCallback NONE = failure -> { };

    void completed(Throwable failure);
}
