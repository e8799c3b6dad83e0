package org.tidings.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.StreamMessage;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.message.BodyCodec;
import org.tidings.protocol.message.BodyType;

import java.util.ArrayList;
import java.util.List;

/**
 * A message whose body is a sequence of typed values, read back in order with the JMS conversion rules. A read that
 * fails to convert does not move past the value. New messages are write-only; {@link #reset()} or receiving makes
 * them read-only. Not thread-safe.
 */
public class TidingsStreamMessage extends TidingsMessage implements StreamMessage {

    private final List<Object> items = new ArrayList<>();
    private int position;
    /** Bytes of the current byte-array item already read by {@link #readBytes}; -1 when not inside one. */
    private int bytesRead = -1;

    public TidingsStreamMessage() {
    }

    @FunctionalInterface
    private interface Conversion<T> {
        T apply(Object value) throws JMSException;
    }

    private <T> T next(Conversion<T> conversion) throws JMSException {
        Object value = current();
        if (bytesRead >= 0) {
            throw new MessageFormatException("a byte array item is partly read; finish it with readBytes()");
        }
        T converted = conversion.apply(value);
        position++;
        return converted;
    }

    private Object current() throws JMSException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("the message is write-only; call reset() to read it");
        }
        if (position >= items.size()) {
            throw new MessageEOFException("end of the stream");
        }
        return items.get(position);
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return next(ValueConversions::toBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return next(ValueConversions::toByte);
    }

    @Override
    public short readShort() throws JMSException {
        return next(ValueConversions::toShort);
    }

    @Override
    public char readChar() throws JMSException {
        return next(ValueConversions::toChar);
    }

    @Override
    public int readInt() throws JMSException {
        return next(ValueConversions::toInt);
    }

    @Override
    public long readLong() throws JMSException {
        return next(ValueConversions::toLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return next(ValueConversions::toFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return next(ValueConversions::toDouble);
    }

    @Override
    public String readString() throws JMSException {
        return next(ValueConversions::toString);
    }

    @Override
    public Object readObject() throws JMSException {
        return next(value -> value instanceof byte[] bytes ? bytes.clone() : value);
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        Object item = current();
        if (bytesRead < 0) {
            if (item == null) {
                position++;
                return -1;
            }
            if (!(item instanceof byte[])) {
                throw new MessageFormatException("a " + item.getClass().getSimpleName()
                        + " item cannot be read as bytes");
            }
            bytesRead = 0;
        }
        byte[] bytes = (byte[]) item;
        int remaining = bytes.length - bytesRead;
        if (remaining == 0 && (bytesRead > 0 || value.length > 0)) {
            position++;
            bytesRead = -1;
            return -1;
        }
        int count = Math.min(remaining, value.length);
        System.arraycopy(bytes, bytesRead, value, 0, count);
        bytesRead += count;
        return count;
    }

    private void add(Object value) throws JMSException {
        checkBodyWritable();
        items.add(value);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        byte[] slice = new byte[length];
        System.arraycopy(value, offset, slice, 0, length);
        add(slice);
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value != null && !ValueConversions.isBodyValueType(value)) {
            throw new MessageFormatException(value.getClass().getName() + " cannot be written to a StreamMessage");
        }
        add(value instanceof byte[] bytes ? bytes.clone() : value);
    }

    @Override
    public void reset() {
        position = 0;
        bytesRead = -1;
        setBodyReadOnly(true);
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        items.clear();
        position = 0;
        bytesRead = -1;
    }

    @Override
    BodyType bodyType() {
        return BodyType.STREAM;
    }

    @Override
    byte[] encodeBody() {
        return items.isEmpty() ? null : BodyCodec.encodeStream(items);
    }

    @Override
    void decodeBody(byte[] body, FrameLimits limits) {
        items.clear();
        items.addAll(BodyCodec.decodeStream(body));
        reset();
    }

    /** A stream body cannot be returned as one object. */
    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        throw new MessageFormatException("the body of a StreamMessage cannot be returned as one object");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return false;
    }
}
