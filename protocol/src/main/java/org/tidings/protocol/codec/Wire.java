package org.tidings.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * Primitive encodings shared by frames and messages (PROTOCOL.md, "Primitives"): big-endian numbers, strings and
 * byte arrays with an int length prefix where -1 means null. Every read checks a length against the bytes that are
 * really there, so corrupt input fails with {@link MalformedFrameException} and never allocates more than it holds.
 */
public final class Wire {

    private Wire() {
    }

    public static void writeString(ByteBuf out, String value) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        int written = ByteBufUtil.writeUtf8(out, value);
        out.setInt(lengthIndex, written);
    }

    public static String readString(ByteBuf in, FrameLimits limits) {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        checkLength(in, length, limits.maxStringLength(), "string");
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    /** Skips a string as {@link #readString} would read it, without decoding it. */
    public static void skipString(ByteBuf in, FrameLimits limits) {
        int length = in.readInt();
        if (length != -1) {
            checkLength(in, length, limits.maxStringLength(), "string");
            in.skipBytes(length);
        }
    }

    /** Reads past a string, returning whether its UTF-8 bytes are {@code utf8}; allocates nothing. */
    public static boolean readStringEquals(ByteBuf in, byte[] utf8, FrameLimits limits) {
        int length = in.readInt();
        if (length == -1) {
            return false;
        }
        checkLength(in, length, limits.maxStringLength(), "string");
        int start = in.readerIndex();
        in.skipBytes(length);
        if (length != utf8.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in.getByte(start + i) != utf8[i]) {
                return false;
            }
        }
        return true;
    }

    /** Skips a byte array, or a string of any length (a property value). */
    public static void skipBytes(ByteBuf in) {
        int length = in.readInt();
        if (length != -1) {
            checkLength(in, length, Integer.MAX_VALUE, "byte array");
            in.skipBytes(length);
        }
    }

    /** Reads a string of any length up to the frame's size (message bodies and property values). */
    public static String readLongString(ByteBuf in) {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        checkLength(in, length, Integer.MAX_VALUE, "string");
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    public static void writeBytes(ByteBuf out, byte[] value) {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.writeBytes(value);
    }

    public static byte[] readBytes(ByteBuf in) {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        checkLength(in, length, Integer.MAX_VALUE, "byte array");
        byte[] value = new byte[length];
        in.readBytes(value);
        return value;
    }

    public static void writeLongs(ByteBuf out, long[] values) {
        out.writeInt(values.length);
        for (long value : values) {
            out.writeLong(value);
        }
    }

    public static long[] readLongs(ByteBuf in) {
        int count = readCount(in, Long.BYTES, Integer.MAX_VALUE, "long array");
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    public static void writeBoolean(ByteBuf out, boolean value) {
        out.writeByte(value ? 1 : 0);
    }

    public static boolean readBoolean(ByteBuf in) {
        int value = in.readUnsignedByte();
        if (value > 1) {
            throw new MalformedFrameException("boolean byte " + value + " is neither 0 nor 1");
        }
        return value == 1;
    }

    /**
     * Reads an element count and checks that {@code count} elements of at least {@code minElementSize} bytes each
     * can be present and that it does not exceed {@code max}.
     */
    public static int readCount(ByteBuf in, int minElementSize, int max, String what) {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new MalformedFrameException(what + " count " + count + " outside 0.." + max);
        }
        if ((long) count * minElementSize > in.readableBytes()) {
            throw new MalformedFrameException(what + " count " + count + " exceeds the " + in.readableBytes()
                    + " bytes left");
        }
        return count;
    }

    /** Fails unless {@code n} more bytes are readable. */
    public static void require(ByteBuf in, int n, String what) {
        if (in.readableBytes() < n) {
            throw new MalformedFrameException("truncated " + what + ": need " + n + " bytes, have "
                    + in.readableBytes());
        }
    }

    private static void checkLength(ByteBuf in, int length, int max, String what) {
        if (length < 0 || length > max) {
            throw new MalformedFrameException(what + " length " + length + " outside 0.." + max);
        }
        if (length > in.readableBytes()) {
            throw new MalformedFrameException(what + " length " + length + " exceeds the " + in.readableBytes()
                    + " bytes left");
        }
    }
}
