package org.tidings.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.tidings.protocol.frame.FrameType;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.nio.charset.StandardCharsets;

/**
 * Builds bytes by hand, field by field, exactly as PROTOCOL.md "Primitives" describes them, without going through the
 * codec under test. Used for expected encodings and for malformed input.
 */
public final class WireBuilder {

    private final ByteBuf out = Unpooled.buffer();

    private WireBuilder() {
    }

    /** Empty bytes, to build a message encoding or a body. */
    public static WireBuilder wire() {
        return new WireBuilder();
    }

    /** A frame body (no length prefix) starting with its type code. */
    public static WireBuilder frame(FrameType type) {
        return frame(type.code());
    }

    /** A frame body starting with any type code, known or not. */
    public static WireBuilder frame(int typeCode) {
        return wire().u8(typeCode);
    }

    public WireBuilder u8(int value) {
        out.writeByte(value);
        return this;
    }

    public WireBuilder i16(int value) {
        out.writeShort(value);
        return this;
    }

    public WireBuilder i32(int value) {
        out.writeInt(value);
        return this;
    }

    public WireBuilder i64(long value) {
        out.writeLong(value);
        return this;
    }

    public WireBuilder bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    public WireBuilder raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** {@code int} UTF-8 byte length then the bytes; -1 for null. */
    public WireBuilder string(String value) {
        return value == null ? i32(-1) : bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code int} length then the bytes; -1 for null. */
    public WireBuilder bytes(byte[] value) {
        return value == null ? i32(-1) : i32(value.length).raw(value);
    }

    /** {@code int} count then the longs. */
    public WireBuilder longs(long... values) {
        i32(values.length);
        for (long value : values) {
            i64(value);
        }
        return this;
    }

    /** Kind code then name; kind 0 alone for null. */
    public WireBuilder destination(DestinationRef destination) {
        return destination == null ? u8(0) : u8(kindCode(destination.kind())).string(destination.name());
    }

    /** The extension section as version 1 writes it: a count of 0. */
    public WireBuilder noExtensions() {
        return i16(0);
    }

    /** One entry of an extension section (the count is written separately with {@link #i16}). */
    public WireBuilder extension(int tag, byte... content) {
        return i16(tag).bytes(content);
    }

    /** The destination kind codes of PROTOCOL.md "Primitives". */
    public static int kindCode(DestinationKind kind) {
        return switch (kind) {
            case QUEUE -> 1;
            case TOPIC -> 2;
            case TEMPORARY_QUEUE -> 3;
            case TEMPORARY_TOPIC -> 4;
        };
    }

    public int size() {
        return out.readableBytes();
    }

    public byte[] toArray() {
        byte[] bytes = new byte[out.readableBytes()];
        out.getBytes(out.readerIndex(), bytes);
        return bytes;
    }

    /** The bytes as they are, e.g. a frame body for {@link FrameCodec#decode}. */
    public ByteBuf toBuf() {
        return Unpooled.wrappedBuffer(toArray());
    }

    /** The bytes preceded by their length: one frame as it travels on the connection. */
    public ByteBuf framed() {
        byte[] body = toArray();
        return Unpooled.buffer(Integer.BYTES + body.length).writeInt(body.length).writeBytes(body);
    }
}
