package org.tidings.broker.addressing;

import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.message.DecodedMessage;
import org.tidings.protocol.message.MessageCodec;
import org.tidings.protocol.message.MessageHeaders;
import org.tidings.protocol.selector.SelectableMessage;
import org.tidings.protocol.selector.SelectableMessages;

/**
 * A message as the broker holds it: the encoded bytes, forwarded unchanged, and the few header fields routing and
 * ordering need. One instance is shared by every queue the message lands on. The bytes of a stored message may be
 * evicted by {@link MessageBodies} and are then read back from the store on use.
 *
 * <p>Confined to the broker core thread (see {@link BrokerCore}).
 */
public final class BrokerMessage {

    static final String GROUP_ID = "JMSXGroupID";

    private final long id;
    private final int size;
    private final MessageBodies bodies;
    private byte[] encoded;
    /** Where the resident body is charged, or {@code null} while it is not (or evicted). */
    private BodyWindow bodyWindow;
    private final int priority;
    private final long expiration;
    private final long deliveryTime;
    private final boolean persistent;
    private final long originConnectionId;
    private final String originClientId;
    private final String groupId;
    private int storedReferences;
    /** Queue entries of this message, and the memory counted for it while it has any. */
    private int queuedEntries;
    private long countedBytes;
    private DecodedMessage selectable;

    /** A message; {@code groupId} is its JMSXGroupID, or {@code null}. */
    public BrokerMessage(long id, byte[] encoded, MessageHeaders headers, String groupId, long originConnectionId,
                         String originClientId, MessageBodies bodies) {
        this(id, encoded, encoded.length, headers, groupId, originConnectionId, originClientId, bodies);
    }

    /** A message of {@code size} bytes whose body is {@code encoded}, or {@code null} if only the store has it. */
    BrokerMessage(long id, byte[] encoded, int size, MessageHeaders headers, String groupId, long originConnectionId,
                  String originClientId, MessageBodies bodies) {
        this.id = id;
        this.encoded = encoded;
        this.size = size;
        this.bodies = bodies;
        this.priority = headers.priority();
        this.expiration = headers.expiration();
        this.deliveryTime = headers.deliveryTime();
        this.persistent = headers.persistent();
        this.originConnectionId = originConnectionId;
        this.originClientId = originClientId;
        this.groupId = groupId;
    }

    /** JMSXGroupID; {@code null} when it belongs to no group. */
    public String groupId() {
        return groupId;
    }

    public long id() {
        return id;
    }

    /** The encoded message, read back from the store if its body was evicted. */
    public byte[] encoded() {
        return encoded != null ? encoded : bodies.load(this);
    }

    /** Size of the encoded message in bytes. */
    public int size() {
        return size;
    }

    BodyWindow bodyWindow() {
        return bodyWindow;
    }

    boolean isEvicted() {
        return encoded == null;
    }

    void chargeBody(BodyWindow window) {
        bodyWindow = window;
    }

    void evictBody() {
        encoded = null;
    }

    /** Returns where the body was charged, or {@code null} if it was not; it no longer is. */
    BodyWindow releaseBody() {
        BodyWindow was = bodyWindow;
        bodyWindow = null;
        return was;
    }

    public int priority() {
        return priority;
    }

    /** JMSExpiration in epoch millis, 0 for never. */
    public long expiration() {
        return expiration;
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
            selectable = MessageCodec.decodeWithoutBody(encoded(), FrameLimits.forMaxMessageSize(size));
        }
        return SelectableMessages.of(selectable.headers(), selectable.properties(), deliveryCount);
    }

    /** Counts this message's memory in {@code memory} as one more queue holds it. */
    void entered(QueuedMemory memory) {
        if (queuedEntries++ == 0) {
            countedBytes = QueuedMemory.MESSAGE_BYTES + (encoded != null ? size : 0);
            memory.hold(countedBytes);
        }
        memory.hold(QueuedMemory.ENTRY_BYTES);
    }

    /** Releases this message's memory from {@code memory} as one queue less holds it. */
    void left(QueuedMemory memory) {
        memory.release(QueuedMemory.ENTRY_BYTES);
        if (--queuedEntries == 0) {
            memory.release(countedBytes);
        }
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
