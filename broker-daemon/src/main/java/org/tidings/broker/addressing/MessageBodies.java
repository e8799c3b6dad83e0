package org.tidings.broker.addressing;

import org.tidings.broker.store.MessageStore;
import org.tidings.protocol.message.MessageHeaders;

import java.nio.ByteBuffer;

/**
 * Keeps the heap bounded however many persistent messages are queued: the bodies of stored messages stay in memory
 * up to {@code budgetBytes} in all, and up to each queue's {@link BodyWindow}; beyond that a stored message keeps
 * only the few header fields the broker needs, and its body is read back from the store whenever it is delivered or
 * browsed. So one queue's backlog cannot take the memory the bodies of the others need. Non-persistent messages are
 * never evicted (nothing else holds them).
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
     * Decides, once per message, whether the body of a stored message placed on a queue with {@code window} stays
     * in memory: yes while both the global budget and the window allow, otherwise it is dropped (the store has it).
     */
    void admit(BrokerMessage message, BodyWindow window) {
        BodyWindow current = message.bodyWindow();
        if (message.isEvicted() || (current != null && current != BodyWindow.UNASSIGNED)) {
            return;
        }
        int size = message.size();
        boolean counted = current == BodyWindow.UNASSIGNED;
        if ((counted || residentBytes + size <= budgetBytes) && window.fits(size)) {
            if (!counted) {
                residentBytes += size;
            }
            window.charge(size);
            message.chargeBody(window);
        } else {
            release(message);
            message.evictBody();
        }
    }

    /**
     * A stored message read back at start-up, whose queues are not known yet: its body (between position and limit
     * of {@code encoded}, left unchanged) is copied only if the global budget alone lets it stay in memory, and
     * {@link #admit} charges it to its first queue later; the others are made without their body, so a restart
     * with millions of stored messages copies no more bytes than the budget holds.
     */
    BrokerMessage recovered(long id, ByteBuffer encoded, MessageHeaders headers, String groupId) {
        int size = encoded.remaining();
        if (residentBytes + size > budgetBytes) {
            return new BrokerMessage(id, null, size, headers, groupId, 0, null, this);
        }
        byte[] body = new byte[size];
        encoded.duplicate().get(body);
        BrokerMessage message = new BrokerMessage(id, body, size, headers, groupId, 0, null, this);
        residentBytes += size;
        message.chargeBody(BodyWindow.UNASSIGNED);
        return message;
    }

    /** A stored message left the broker: its resident body, if any, no longer counts. */
    void release(BrokerMessage message) {
        BodyWindow window = message.releaseBody();
        if (window != null) {
            residentBytes -= message.size();
            if (window != BodyWindow.UNASSIGNED) {
                window.credit(message.size());
            }
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
