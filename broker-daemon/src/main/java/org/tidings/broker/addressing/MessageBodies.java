package org.tidings.broker.addressing;

import org.tidings.broker.store.MessageStore;

/**
 * Keeps the heap bounded however many persistent messages are queued: the bodies of stored messages stay in memory
 * up to {@code budgetBytes} in all; beyond that a stored message keeps only the few header fields the broker needs,
 * and its body is read back from the store whenever it is delivered or browsed. Non-persistent messages are never
 * evicted (nothing else holds them).
 *
 * <p>Confined to the broker core thread, like the messages it accounts for.
 */
public final class MessageBodies {

    private final MessageStore store;
    private final long budgetBytes;
    private long residentBytes;

    public MessageBodies(MessageStore store, long budgetBytes) {
        this.store = store;
        this.budgetBytes = budgetBytes;
    }

    /**
     * Decides, once per message, whether the body of a stored message stays in memory: yes while the budget allows,
     * otherwise it is dropped (the store has it).
     */
    void admit(BrokerMessage message) {
        if (message.bodyAccounted()) {
            return;
        }
        int size = message.size();
        if (residentBytes + size <= budgetBytes) {
            residentBytes += size;
            message.accountBody();
        } else {
            message.evictBody();
        }
    }

    /** A stored message left the broker: its resident body, if any, no longer counts. */
    void release(BrokerMessage message) {
        if (message.releaseBody()) {
            residentBytes -= message.size();
        }
    }

    /** Reads an evicted body back from the store. */
    byte[] load(BrokerMessage message) {
        byte[] encoded = store.read(message.id());
        if (encoded == null) {
            throw new IllegalStateException("message " + message.id() + " is queued but the store does not hold it");
        }
        return encoded;
    }

    /** Bytes of stored message bodies held in memory now. */
    public long residentBytes() {
        return residentBytes;
    }
}
