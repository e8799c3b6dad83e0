package org.tidings.protocol.message;

import io.netty.buffer.ByteBuf;
import org.tidings.protocol.codec.MalformedFrameException;
import org.tidings.protocol.codec.Wire;

/**
 * Encoding of one typed value (PROTOCOL.md, "Typed values"): a type tag byte, then the value. Used for message
 * properties, map message entries and stream message items. Accepts exactly the JMS value types: null, Boolean,
 * Byte, Short, Character, Integer, Long, Float, Double, String and byte[].
 */
public final class TypedValues {

    static final int NULL = 0;
    static final int BOOLEAN = 1;
    static final int BYTE = 2;
    static final int SHORT = 3;
    static final int CHAR = 4;
    static final int INT = 5;
    static final int LONG = 6;
    static final int FLOAT = 7;
    static final int DOUBLE = 8;
    static final int STRING = 9;
    static final int BYTES = 10;

    private TypedValues() {
    }

    /** Writes {@code value}; fails with {@link IllegalArgumentException} for a type JMS does not allow. */
    public static void write(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            Wire.writeString(out, s);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            Wire.writeBoolean(out, b);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Character c) {
            out.writeByte(CHAR);
            out.writeChar(c);
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES);
            Wire.writeBytes(out, bytes);
        } else {
            throw new IllegalArgumentException("not a JMS value type: " + value.getClass().getName());
        }
    }

    /** Reads past one value without making it. */
    public static void skip(ByteBuf in) {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL -> { }
            case BOOLEAN, BYTE -> in.skipBytes(1);
            case SHORT, CHAR -> in.skipBytes(2);
            case INT, FLOAT -> in.skipBytes(4);
            case LONG, DOUBLE -> in.skipBytes(8);
            case STRING, BYTES -> Wire.skipBytes(in);
            default -> throw new MalformedFrameException("unknown value type tag " + tag);
        }
    }

    public static Object read(ByteBuf in) {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case BOOLEAN -> Wire.readBoolean(in);
            case BYTE -> in.readByte();
            case SHORT -> in.readShort();
            case CHAR -> in.readChar();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case STRING -> Wire.readLongString(in);
            case BYTES -> Wire.readBytes(in);
            default -> throw new MalformedFrameException("unknown value type tag " + tag);
        };
    }
}
