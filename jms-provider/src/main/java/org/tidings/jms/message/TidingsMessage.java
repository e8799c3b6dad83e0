package org.tidings.jms.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.tidings.jms.TidingsDestination;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.codec.MalformedFrameException;
import org.tidings.protocol.message.BodyType;
import org.tidings.protocol.message.DecodedMessage;
import org.tidings.protocol.message.MessageCodec;
import org.tidings.protocol.message.MessageHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JMS message without a body, and the base of the five body types: headers, properties (with the JMS conversion
 * rules), the read-only state of a received message, and the wire encoding.
 *
 * <p>Not thread-safe: JMS messages belong to one thread at a time. A received message has read-only properties and
 * body until {@link #clearProperties()} / {@link #clearBody()}; a sent message stays writable and may be sent again.
 */
public class TidingsMessage implements Message {

    private String messageId;
    private long timestamp;
    private String correlationId;
    private byte[] correlationIdBytes;
    private Destination destination;
    private Destination replyTo;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = DEFAULT_PRIORITY;
    private long expiration;
    private long deliveryTime;
    private String type;
    private boolean redelivered;
    private int deliveryCount;
    private final MessageProperties properties = new MessageProperties();
    private boolean bodyReadOnly;
    private Acknowledger acknowledger;

    public TidingsMessage() {
    }

    // ---- encoding

    /** The wire encoding of this message's current headers, properties and body; does not change the message. */
    public byte[] encode() throws JMSException {
        return encode(properties.asMap());
    }

    /**
     * The encoded message with string property {@code name} set to {@code value} unless the message has that
     * property already; the message itself is left as it is.
     */
    public byte[] encodeWithDefault(String name, String value) throws JMSException {
        Map<String, Object> withDefault = new LinkedHashMap<>(properties.asMap());
        withDefault.putIfAbsent(name, value);
        return encode(withDefault);
    }

    private byte[] encode(Map<String, Object> propertyValues) throws JMSException {
        MessageHeaders headers = new MessageHeaders(messageId, timestamp, correlationIdBytes == null
                ? correlationId : null, correlationIdBytes, TidingsDestination.refOf(destination),
                TidingsDestination.refOf(replyTo), deliveryMode == DeliveryMode.PERSISTENT, priority, expiration,
                deliveryTime, type);
        try {
            return MessageCodec.encode(headers, propertyValues, bodyType(), encodeBody());
        } catch (IllegalArgumentException e) {
            throw (MessageFormatException) new MessageFormatException(e.getMessage()).initCause(e);
        }
    }

    /**
     * Reads a delivered message: the right body type, read-only, with JMSRedelivered and JMSXDeliveryCount from
     * {@code deliveryCount} (1 for a first delivery).
     */
    public static TidingsMessage decode(byte[] encoded, int deliveryCount, FrameLimits limits) throws JMSException {
        try {
            DecodedMessage decoded = MessageCodec.decode(encoded, limits);
            TidingsMessage message = ofBodyType(decoded.bodyType());
            message.readHeaders(decoded.headers());
            message.properties.load(decoded.properties());
            message.properties.setReadOnly(true);
            message.decodeBody(decoded.body(), limits);
            message.bodyReadOnly = true;
            message.deliveryCount = deliveryCount;
            message.redelivered = deliveryCount > 1;
            return message;
        } catch (MalformedFrameException e) {
            throw (JMSException) new JMSException("cannot decode a received message: " + e.getMessage())
                    .initCause(e);
        }
    }

    private static TidingsMessage ofBodyType(BodyType bodyType) {
        return switch (bodyType) {
            case NONE -> new TidingsMessage();
            case TEXT -> new TidingsTextMessage();
            case BYTES -> new TidingsBytesMessage();
            case MAP -> new TidingsMapMessage();
            case STREAM -> new TidingsStreamMessage();
            case OBJECT -> new TidingsObjectMessage();
        };
    }

    private void readHeaders(MessageHeaders h) {
        messageId = h.messageId();
        timestamp = h.timestamp();
        correlationId = h.correlationId();
        correlationIdBytes = h.correlationIdBytes();
        destination = TidingsDestination.fromRef(h.destination());
        replyTo = TidingsDestination.fromRef(h.replyTo());
        deliveryMode = h.persistent() ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT;
        priority = h.priority();
        expiration = h.expiration();
        deliveryTime = h.deliveryTime();
        type = h.type();
    }

    /**
     * A Tidings message with the headers, properties and body of another provider's message, so it can be sent.
     */
    public static TidingsMessage copyOf(Message foreign) throws JMSException {
        TidingsMessage copy = ForeignMessages.copyBody(foreign);
        copy.setJMSCorrelationID(foreign.getJMSCorrelationID());
        copy.setJMSReplyTo(foreign.getJMSReplyTo());
        copy.setJMSType(foreign.getJMSType());
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (!MessageProperties.DELIVERY_COUNT.equals(name)) {
                copy.setObjectProperty(name, foreign.getObjectProperty(name));
            }
        }
        return copy;
    }

    /** The body kind written on the wire; {@link BodyType#NONE} for a plain message. */
    BodyType bodyType() {
        return BodyType.NONE;
    }

    /** The body as written on the wire, or {@code null} when empty. */
    byte[] encodeBody() throws JMSException {
        return null;
    }

    /** Restores the body from its wire form (never called on a message the application built). */
    void decodeBody(byte[] body, FrameLimits limits) throws JMSException {
    }

    // ---- body state

    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("the body of a received message is read-only until clearBody()");
        }
    }

    final boolean isBodyReadOnly() {
        return bodyReadOnly;
    }

    final void setBodyReadOnly(boolean value) {
        bodyReadOnly = value;
    }

    @Override
    public void clearBody() throws JMSException {
        bodyReadOnly = false;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        return null;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        return true;
    }

    /** Fails as JMS requires when a body cannot be given as {@code c}. */
    static MessageFormatException notAssignable(Object body, Class<?> c) {
        return new MessageFormatException("the body (" + body.getClass().getSimpleName() + ") cannot be returned as "
                + c.getName());
    }

    // ---- acknowledgement and redelivery

    /** Sets what {@link #acknowledge()} and {@link #reject} do; the consumer sets it on every message it hands out. */
    public void setAcknowledger(Acknowledger value) {
        acknowledger = value;
    }

    @Override
    public void acknowledge() throws JMSException {
        if (acknowledger != null) {
            acknowledger.acknowledge();
        }
    }

    /**
     * Refuses this received message, a Tidings extension: the broker moves it to its destination's dead-letter
     * queue at once, whatever attempts it has left, with {@code TIDINGS_DLQ_REASON} {@code REJECTED} and
     * {@code reason} in {@code TIDINGS_DLQ_ERROR}. It works in every session mode on a message not yet settled: in
     * a listener before it returns (AUTO_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE), before {@code acknowledge()}
     * (CLIENT_ACKNOWLEDGE), or before {@code commit()} (SESSION_TRANSACTED, where it takes effect at once, not at
     * commit). Returns once the broker has it. On a queue that is its own dead-letter queue the message comes back
     * as a failed delivery instead.
     *
     * @param reason why, or {@code null}
     * @throws jakarta.jms.IllegalStateException if this message was not received, or is settled already (such as
     *                                           one that {@code receive} returned in AUTO_ACKNOWLEDGE mode)
     */
    public void reject(String reason) throws JMSException {
        if (acknowledger == null) {
            throw new jakarta.jms.IllegalStateException("only a received message can be rejected");
        }
        acknowledger.reject(reason);
    }

    /** Counts one more delivery of this message to the application (recover, rollback). */
    public void markRedelivered() {
        redelivered = true;
        deliveryCount++;
    }

    /** How often the message has been delivered (JMSXDeliveryCount); 0 for a message not received. */
    public int deliveryCount() {
        return deliveryCount;
    }

    // ---- headers

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long value) {
        timestamp = value;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] value) {
        correlationIdBytes = value == null ? null : value.clone();
        correlationId = null;
    }

    @Override
    public void setJMSCorrelationID(String value) {
        correlationId = value;
        correlationIdBytes = null;
    }

    @Override
    public String getJMSCorrelationID() {
        if (correlationIdBytes != null) {
            return new String(correlationIdBytes, StandardCharsets.UTF_8);
        }
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination value) {
        replyTo = value;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination value) {
        destination = value;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int value) {
        deliveryMode = value;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean value) {
        redelivered = value;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String value) {
        type = value;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long value) {
        expiration = value;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long value) {
        deliveryTime = value;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int value) {
        priority = value;
    }

    // ---- properties

    @Override
    public void clearProperties() {
        properties.clear();
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.contains(name) || isDeliveryCount(name);
    }

    private boolean isDeliveryCount(String name) {
        return deliveryCount > 0 && MessageProperties.DELIVERY_COUNT.equals(name);
    }

    @Override
    public Object getObjectProperty(String name) {
        if (isDeliveryCount(name)) {
            return deliveryCount;
        }
        return properties.get(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return ValueConversions.toBoolean(getObjectProperty(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return ValueConversions.toByte(getObjectProperty(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return ValueConversions.toShort(getObjectProperty(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return ValueConversions.toInt(getObjectProperty(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return ValueConversions.toLong(getObjectProperty(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return ValueConversions.toFloat(getObjectProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return ValueConversions.toDouble(getObjectProperty(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return ValueConversions.toString(getObjectProperty(name));
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return properties.enumerateNames(deliveryCount > 0 && !properties.contains(MessageProperties.DELIVERY_COUNT));
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        properties.set(name, value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + messageId + ", destination=" + destination + "]";
    }
}
