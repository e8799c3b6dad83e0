package org.tidings.broker.config;

/** Which {@code MessageStore} implementation keeps the broker's durable state. */
public enum StoreType {
    /** {@code MapDbMessageStore} under the data directory. */
    MAPDB,
    /** {@code InMemoryMessageStore}: nothing survives a restart; for tests. */
    MEMORY
}
