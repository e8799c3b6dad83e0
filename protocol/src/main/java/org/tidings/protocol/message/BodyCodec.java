package org.tidings.protocol.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.codec.MalformedFrameException;
import org.tidings.protocol.codec.Wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Body sections of the five message types (PROTOCOL.md, "Bodies"). Bytes and object bodies are carried as they
 * are; text is UTF-8; map and stream bodies are sequences of typed values.
 */
public final class BodyCodec {

    private BodyCodec() {
    }

    public static byte[] encodeText(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    public static String decodeText(byte[] body) {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /** Encodes map entries in iteration order: a count, then name and typed value for each. */
    public static byte[] encodeMap(Map<String, Object> map) {
        ByteBuf out = Unpooled.buffer(16 + map.size() * 24);
        out.writeInt(map.size());
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Wire.writeString(out, entry.getKey());
            TypedValues.write(out, entry.getValue());
        }
        return ByteBufUtil.getBytes(out);
    }

    public static Map<String, Object> decodeMap(byte[] body, FrameLimits limits) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (body == null) {
            return map;
        }
        return guarded(() -> {
            ByteBuf in = Unpooled.wrappedBuffer(body);
            int count = Wire.readCount(in, 5, Integer.MAX_VALUE, "map entry");
            for (int i = 0; i < count; i++) {
                String name = Wire.readString(in, limits);
                if (name == null) {
                    throw new MalformedFrameException("map entry without a name");
                }
                map.put(name, TypedValues.read(in));
            }
            return map;
        });
    }

    /** Encodes stream items in order: a count, then each typed value. */
    public static byte[] encodeStream(List<Object> items) {
        ByteBuf out = Unpooled.buffer(16 + items.size() * 12);
        out.writeInt(items.size());
        for (Object item : items) {
            TypedValues.write(out, item);
        }
        return ByteBufUtil.getBytes(out);
    }

    public static List<Object> decodeStream(byte[] body) {
        List<Object> items = new ArrayList<>();
        if (body == null) {
            return items;
        }
        return guarded(() -> {
            ByteBuf in = Unpooled.wrappedBuffer(body);
            int count = Wire.readCount(in, 1, Integer.MAX_VALUE, "stream item");
            for (int i = 0; i < count; i++) {
                items.add(TypedValues.read(in));
            }
            return items;
        });
    }

    private static <T> T guarded(java.util.function.Supplier<T> decoding) {
        try {
            return decoding.get();
        } catch (IndexOutOfBoundsException e) {
            throw new MalformedFrameException("truncated message body");
        }
    }
}
