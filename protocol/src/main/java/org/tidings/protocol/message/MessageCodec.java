package org.tidings.protocol.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.codec.MalformedFrameException;
import org.tidings.protocol.codec.Wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encoding of a whole message (PROTOCOL.md, "Message encoding"): headers, then properties, then the body. The
 * broker reads only {@link #decodeHeaders} and forwards the bytes unchanged.
 */
public final class MessageCodec {

    /** First byte of every encoded message. */
    public static final int FORMAT_VERSION = 1;

    private static final int FLAG_PERSISTENT = 1;

    private MessageCodec() {
    }

    public static byte[] encode(MessageHeaders headers, Map<String, Object> properties, BodyType bodyType,
                                byte[] body) {
        int estimate = 128 + (body == null ? 0 : body.length) + properties.size() * 32;
        ByteBuf out = Unpooled.buffer(estimate);
        writeHeaders(out, headers);
        out.writeInt(properties.size());
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            Wire.writeString(out, property.getKey());
            TypedValues.write(out, property.getValue());
        }
        out.writeByte(bodyType.ordinal());
        Wire.writeBytes(out, body);
        byte[] encoded = new byte[out.readableBytes()];
        out.readBytes(encoded);
        return encoded;
    }

    /** Reads the headers only: what the broker needs to route, order and expire a message. */
    public static MessageHeaders decodeHeaders(byte[] encoded, FrameLimits limits) {
        return guarded(() -> readHeaders(Unpooled.wrappedBuffer(encoded), limits, true));
    }

    public static DecodedMessage decode(byte[] encoded, FrameLimits limits) {
        return decode(encoded, limits, true);
    }

    /**
     * The headers, as {@link #decodeHeaders} reads them, and the values of the string properties {@code names}
     * (UTF-8; for each name its value, or {@code null} if the message has none or one of another type), in one pass
     * that reads past the other properties without making their names or values: what a broker routes a message by.
     */
    public static HeadersAndProperties decodeHeadersAndProperties(byte[] encoded, byte[][] names,
                                                                  FrameLimits limits) {
        return guarded(() -> headersAndProperties(Unpooled.wrappedBuffer(encoded), names, limits, true));
    }

    /**
     * As {@link #decodeHeadersAndProperties}, but of the headers only what a broker orders, expires and schedules a
     * stored message by: persistence, priority, expiration and delivery time, with the timestamp; the strings,
     * destinations and correlation id are checked and skipped, not decoded, so they are {@code null} in the result.
     * Reads the bytes between position and limit of {@code encoded}, which it leaves unchanged. For restarts that
     * bring back millions of messages straight from the journal's buffers.
     */
    public static HeadersAndProperties decodeDeliveryHeadersAndProperties(ByteBuffer encoded, byte[][] names,
                                                                          FrameLimits limits) {
        return guarded(() -> headersAndProperties(Unpooled.wrappedBuffer(encoded.duplicate()), names, limits,
                false));
    }

    private static HeadersAndProperties headersAndProperties(ByteBuf in, byte[][] names, FrameLimits limits,
                                                             boolean full) {
        MessageHeaders headers = readHeaders(in, limits, full);
        return new HeadersAndProperties(headers, readStringProperties(in, names, limits));
    }

    /**
     * The headers of a message and the values of some of its string properties.
     *
     * @param properties for each name asked for, its value or {@code null}
     */
    public record HeadersAndProperties(MessageHeaders headers, String[] properties) {
    }

    private static String[] readStringProperties(ByteBuf in, byte[][] names, FrameLimits limits) {
        String[] values = new String[names.length];
        int count = Wire.readCount(in, 5, limits.maxProperties(), "property");
        int found = 0;
        for (int i = 0; i < count && found < names.length; i++) {
            int matched = -1;
            int nameStart = in.readerIndex();
            for (int n = 0; n < names.length && matched < 0; n++) {
                in.readerIndex(nameStart);
                if (Wire.readStringEquals(in, names[n], limits)) {
                    matched = n;
                }
            }
            if (matched >= 0) {
                values[matched] = TypedValues.read(in) instanceof String value ? value : null;
                found++;
            } else {
                TypedValues.skip(in);
            }
        }
        return values;
    }

    /** {@code names} as {@link #decodeHeadersAndProperties} takes them. */
    public static byte[][] propertyNames(String... names) {
        byte[][] utf8 = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            utf8[i] = names[i].getBytes(StandardCharsets.UTF_8);
        }
        return utf8;
    }

    /** Reads headers and properties but not the body (left {@code null}): what a selector needs. */
    public static DecodedMessage decodeWithoutBody(byte[] encoded, FrameLimits limits) {
        return decode(encoded, limits, false);
    }

    private static DecodedMessage decode(byte[] encoded, FrameLimits limits, boolean withBody) {
        return guarded(() -> {
            ByteBuf in = Unpooled.wrappedBuffer(encoded);
            MessageHeaders headers = readHeaders(in, limits, true);
            int count = Wire.readCount(in, 5, limits.maxProperties(), "property");
            Map<String, Object> properties = new LinkedHashMap<>(Math.max(4, count * 2));
            for (int i = 0; i < count; i++) {
                String name = Wire.readString(in, limits);
                if (name == null) {
                    throw new MalformedFrameException("property without a name");
                }
                properties.put(name, TypedValues.read(in));
            }
            BodyType bodyType = BodyType.of(in.readUnsignedByte());
            if (bodyType == null) {
                throw new MalformedFrameException("unknown body type");
            }
            byte[] body = withBody ? Wire.readBytes(in) : null;
            return new DecodedMessage(headers, properties, bodyType, body);
        });
    }

    private static void writeHeaders(ByteBuf out, MessageHeaders h) {
        out.writeByte(FORMAT_VERSION);
        out.writeByte(h.persistent() ? FLAG_PERSISTENT : 0);
        out.writeByte(h.priority());
        Wire.writeString(out, h.messageId());
        out.writeLong(h.timestamp());
        if (h.correlationIdBytes() != null) {
            out.writeByte(2);
            Wire.writeBytes(out, h.correlationIdBytes());
        } else if (h.correlationId() != null) {
            out.writeByte(1);
            Wire.writeString(out, h.correlationId());
        } else {
            out.writeByte(0);
        }
        DestinationRef.write(out, h.destination());
        DestinationRef.write(out, h.replyTo());
        out.writeLong(h.expiration());
        out.writeLong(h.deliveryTime());
        Wire.writeString(out, h.type());
        out.writeInt(0); // header extension section: no extensions written by this version
    }

    /** Reads the header section; its strings, destinations and correlation id only when {@code full}. */
    private static MessageHeaders readHeaders(ByteBuf in, FrameLimits limits, boolean full) {
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw new MalformedFrameException("unknown message format version " + version);
        }
        int flags = in.readUnsignedByte();
        int priority = in.readUnsignedByte();
        if (priority > 9) {
            throw new MalformedFrameException("priority " + priority + " outside 0..9");
        }
        String messageId = string(in, limits, full);
        long timestamp = in.readLong();
        String correlationId = null;
        byte[] correlationIdBytes = null;
        int correlationKind = in.readUnsignedByte();
        switch (correlationKind) {
            case 0 -> { }
            case 1 -> correlationId = string(in, limits, full);
            case 2 -> {
                byte[] bytes = Wire.readBytes(in);
                correlationIdBytes = full ? bytes : null;
            }
            default -> throw new MalformedFrameException("unknown correlation id kind " + correlationKind);
        }
        DestinationRef destination = destination(in, limits, full);
        DestinationRef replyTo = destination(in, limits, full);
        long expiration = in.readLong();
        long deliveryTime = in.readLong();
        String type = string(in, limits, full);
        int extensionLength = Wire.readCount(in, 1, Integer.MAX_VALUE, "header extension byte");
        in.skipBytes(extensionLength);
        return new MessageHeaders(messageId, timestamp, correlationId, correlationIdBytes, destination, replyTo,
                (flags & FLAG_PERSISTENT) != 0, priority, expiration, deliveryTime, type);
    }

    private static String string(ByteBuf in, FrameLimits limits, boolean read) {
        if (read) {
            return Wire.readString(in, limits);
        }
        Wire.skipString(in, limits);
        return null;
    }

    private static DestinationRef destination(ByteBuf in, FrameLimits limits, boolean read) {
        if (read) {
            return DestinationRef.read(in, limits);
        }
        DestinationRef.skip(in, limits);
        return null;
    }

    private static <T> T guarded(java.util.function.Supplier<T> decoding) {
        try {
            return decoding.get();
        } catch (IndexOutOfBoundsException e) {
            throw new MalformedFrameException("truncated message encoding");
        }
    }
}
