package org.tidings.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.message.BodyType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A message whose body is a stream of bytes written and read with {@code java.io.DataOutput}/{@code DataInput}
 * semantics. New messages are write-only; {@link #reset()} or receiving makes them read-only. Not thread-safe.
 */
public class TidingsBytesMessage extends TidingsMessage implements BytesMessage {

    private static final byte[] EMPTY = new byte[0];

    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream out = new DataOutputStream(written);
    private byte[] body = EMPTY;
    private DataInputStream in;

    public TidingsBytesMessage() {
    }

    // ---- reading

    private DataInputStream reader() throws MessageNotReadableException {
        if (!isBodyReadOnly()) {
            throw new MessageNotReadableException("the message is write-only; call reset() to read it");
        }
        return in;
    }

    @FunctionalInterface
    private interface Read<T> {
        T from(DataInputStream in) throws IOException;
    }

    private <T> T read(Read<T> read) throws JMSException {
        DataInputStream stream = reader();
        try {
            return read.from(stream);
        } catch (EOFException e) {
            throw (MessageEOFException) new MessageEOFException("end of the message body").initCause(e);
        } catch (IOException e) {
            throw (MessageFormatException) new MessageFormatException("cannot read the body: " + e).initCause(e);
        }
    }

    @Override
    public long getBodyLength() throws JMSException {
        reader();
        return body.length;
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(DataInputStream::readBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(DataInputStream::readByte);
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return read(DataInputStream::readUnsignedByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(DataInputStream::readShort);
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return read(DataInputStream::readUnsignedShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(DataInputStream::readChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(DataInputStream::readInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(DataInputStream::readLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(DataInputStream::readFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(DataInputStream::readDouble);
    }

    @Override
    public String readUTF() throws JMSException {
        return read(stream -> stream.readUTF());
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " outside 0.." + value.length);
        }
        return read(stream -> length == 0 ? 0 : stream.read(value, 0, length));
    }

    // ---- writing

    @FunctionalInterface
    private interface Write {
        void to(DataOutputStream out) throws IOException;
    }

    private void write(Write write) throws JMSException {
        checkBodyWritable();
        try {
            write.to(out);
        } catch (IOException e) {
            throw (MessageFormatException) new MessageFormatException("cannot write the body: " + e).initCause(e);
        }
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(o -> o.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(o -> o.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(o -> o.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(o -> o.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(o -> o.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(o -> o.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(o -> o.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(o -> o.writeDouble(value));
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        write(o -> o.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(o -> o.write(value));
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(o -> o.write(value, offset, length));
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("writeObject(null) is not allowed");
        }
        if (value instanceof Boolean b) {
            writeBoolean(b);
        } else if (value instanceof Byte b) {
            writeByte(b);
        } else if (value instanceof Short s) {
            writeShort(s);
        } else if (value instanceof Character c) {
            writeChar(c);
        } else if (value instanceof Integer i) {
            writeInt(i);
        } else if (value instanceof Long l) {
            writeLong(l);
        } else if (value instanceof Float f) {
            writeFloat(f);
        } else if (value instanceof Double d) {
            writeDouble(d);
        } else if (value instanceof String s) {
            writeUTF(s);
        } else if (value instanceof byte[] bytes) {
            writeBytes(bytes);
        } else {
            throw new MessageFormatException(value.getClass().getName() + " cannot be written to a BytesMessage");
        }
    }

    // ---- state

    @Override
    public void reset() {
        if (!isBodyReadOnly()) {
            body = written.toByteArray();
        }
        enterReadMode();
    }

    private void enterReadMode() {
        in = new DataInputStream(new ByteArrayInputStream(body));
        setBodyReadOnly(true);
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        written = new ByteArrayOutputStream();
        out = new DataOutputStream(written);
        body = EMPTY;
        in = null;
    }

    private byte[] content() {
        return isBodyReadOnly() ? body : written.toByteArray();
    }

    @Override
    BodyType bodyType() {
        return BodyType.BYTES;
    }

    @Override
    byte[] encodeBody() {
        byte[] content = content();
        return content.length == 0 ? null : content;
    }

    @Override
    void decodeBody(byte[] encoded, FrameLimits limits) {
        body = encoded == null ? EMPTY : encoded;
        enterReadMode();
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        byte[] content = content();
        if (content.length == 0) {
            return null;
        }
        if (!c.isAssignableFrom(byte[].class)) {
            throw notAssignable(content, c);
        }
        return c.cast(content.clone());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return content().length == 0 || c.isAssignableFrom(byte[].class);
    }
}
