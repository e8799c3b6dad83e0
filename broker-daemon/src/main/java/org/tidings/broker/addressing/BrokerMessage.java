package org.tidings.broker.addressing;

import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.message.DecodedMessage;
import org.tidings.protocol.message.MessageCodec;
import org.tidings.protocol.message.MessageHeaders;
import org.tidings.protocol.selector.SelectableMessage;
import org.tidings.protocol.selector.SelectableMessages;

/**
 * A message as the broker holds it: the encoded bytes, forwarded unchanged, and the few header fields routing and
 * ordering need. One instance is shared by every queue the message lands on.
 *
 * <p>Confined to the broker core thread (see {@link BrokerCore}).
 */
public final class BrokerMessage {

    private final long id;
    private final byte[] encoded;
    private final int priority;
    private final long expiration;
    private final long deliveryTime;
    private final boolean persistent;
    private final long originConnectionId;
    private final String originClientId;
    private int storedReferences;
    private DecodedMessage selectable;

    public BrokerMessage(long id, byte[] encoded, MessageHeaders headers, long originConnectionId,
                         String originClientId) {
        this.id = id;
        this.encoded = encoded;
        this.priority = headers.priority();
        this.expiration = headers.expiration();
        this.deliveryTime = headers.deliveryTime();
        this.persistent = headers.persistent();
        this.originConnectionId = originConnectionId;
        this.originClientId = originClientId;
    }

    public long id() {
        return id;
    }

    public byte[] encoded() {
        return encoded;
    }

    public int priority() {
        return priority;
    }

    public boolean isExpired(long now) {
        return expiration != 0 && expiration <= now;
    }

    public long deliveryTime() {
        return deliveryTime;
    }

    public boolean isPersistent() {
        return persistent;
    }

    /** The connection it was sent on, for noLocal; 0 when unknown (recovered from the store). */
    public long originConnectionId() {
        return originConnectionId;
    }

    public String originClientId() {
        return originClientId;
    }

    /** What a selector sees of the message; headers and properties are decoded on first use and kept. */
    SelectableMessage selectable(int deliveryCount) {
        if (selectable == null) {
            selectable = MessageCodec.decodeWithoutBody(encoded, FrameLimits.forMaxMessageSize(encoded.length));
        }
        return SelectableMessages.of(selectable.headers(), selectable.properties(), deliveryCount);
    }

    /** Counts one more stored queue that references this message. */
    void addStoredReference() {
        storedReferences++;
    }

    boolean hasStoredReferences() {
        return storedReferences > 0;
    }

    /** Counts one stored reference fewer; {@code true} when none is left, so the message itself can be deleted. */
    boolean removeStoredReference() {
        return --storedReferences == 0;
    }
}
