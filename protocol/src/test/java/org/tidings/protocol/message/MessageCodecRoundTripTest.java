package org.tidings.protocol.message;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.codec.MalformedFrameException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PROTOCOL.md "Message encoding": headers, typed properties and bodies survive; malformed bytes are refused. */
class MessageCodecRoundTripTest {

    private static final MessageHeaders HEADERS = new MessageHeaders("ID:1", 1000L, null, new byte[] {7, 8},
            DestinationRef.queue("orders"), new DestinationRef(DestinationKind.TEMPORARY_QUEUE, "tmp.1"), true, 9,
            5000L, 2000L, "order");

    private static Map<String, Object> everyValueType() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("null", null);
        values.put("boolean", true);
        values.put("byte", (byte) -1);
        values.put("short", (short) 300);
        values.put("char", 'ü');
        values.put("int", 70_000);
        values.put("long", Long.MIN_VALUE);
        values.put("float", 1.25f);
        values.put("double", -2.5e300);
        values.put("string", "héllo");
        values.put("bytes", new byte[] {1, 2});
        return values;
    }

    @ParameterizedTest
    @EnumSource(BodyType.class)
    void everyBodyTypeWithEveryPropertyType(BodyType bodyType) {
        byte[] body = bodyType == BodyType.NONE ? null : new byte[] {42};
        byte[] encoded = MessageCodec.encode(HEADERS, everyValueType(), bodyType, body);

        DecodedMessage decoded = MessageCodec.decode(encoded, FrameLimits.DEFAULT);

        assertThat(decoded.headers()).isEqualTo(HEADERS);
        assertThat(decoded.bodyType()).isEqualTo(bodyType);
        assertThat(decoded.body()).isEqualTo(body);
        assertThat(decoded.properties().keySet()).containsExactlyElementsOf(everyValueType().keySet());
        everyValueType().forEach((name, value) -> {
            Object read = decoded.properties().get(name);
            if (value instanceof byte[] bytes) {
                assertThat((byte[]) read).isEqualTo(bytes);
            } else {
                assertThat(read).as(name).isEqualTo(value);
            }
        });
    }

    @Test
    void headersAloneCanBeReadAndAStringCorrelationIdSurvives() {
        MessageHeaders headers = new MessageHeaders(null, 0L, "corr", null, DestinationRef.topic("t"), null, false,
                0, 0L, 0L, null);
        byte[] encoded = MessageCodec.encode(headers, Map.of(), BodyType.TEXT, BodyCodec.encodeText("x"));
        assertThat(MessageCodec.decodeHeaders(encoded, FrameLimits.DEFAULT)).isEqualTo(headers);
    }

    @Test
    void malformedMessagesAreRefused() {
        byte[] good = MessageCodec.encode(HEADERS, Map.of("a", 1), BodyType.BYTES, new byte[] {1});
        byte[] badVersion = good.clone();
        badVersion[0] = 2;
        byte[] badPriority = good.clone();
        badPriority[2] = 10;
        byte[] truncated = Arrays.copyOf(good, good.length - 2);

        for (byte[] bad : List.of(badVersion, badPriority, truncated)) {
            assertThatThrownBy(() -> MessageCodec.decode(bad, FrameLimits.DEFAULT))
                    .isInstanceOf(MalformedFrameException.class);
        }
    }

    @Test
    void tooManyPropertiesAreRefused() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            many.put("p" + i, i);
        }
        byte[] encoded = MessageCodec.encode(HEADERS, many, BodyType.NONE, null);
        assertThatThrownBy(() -> MessageCodec.decode(encoded, new FrameLimits(1 << 20, 1024, 4)))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void mapAndStreamBodiesRoundTripAndTruncationIsRefused() {
        Map<String, Object> map = everyValueType();
        byte[] mapBody = BodyCodec.encodeMap(map);
        Map<String, Object> decodedMap = BodyCodec.decodeMap(mapBody, FrameLimits.DEFAULT);
        assertThat(decodedMap.keySet()).containsExactlyElementsOf(map.keySet());
        assertThat(decodedMap.get("double")).isEqualTo(-2.5e300);

        List<Object> stream = List.of(1, "two", 3.0);
        assertThat(BodyCodec.decodeStream(BodyCodec.encodeStream(stream))).isEqualTo(stream);

        assertThatThrownBy(() -> BodyCodec.decodeMap(Arrays.copyOf(mapBody, mapBody.length - 1),
                FrameLimits.DEFAULT)).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> BodyCodec.decodeStream(new byte[] {0, 0, 0, 5, 9}))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void onlyJmsValueTypesCanBeWritten() {
        assertThatThrownBy(() -> TypedValues.write(Unpooled.buffer(), new Object()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TypedValues.read(Unpooled.wrappedBuffer(new byte[] {99})))
                .isInstanceOf(MalformedFrameException.class);
    }
}
