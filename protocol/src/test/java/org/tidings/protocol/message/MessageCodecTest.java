package org.tidings.protocol.message;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.codec.MalformedFrameException;
import org.tidings.protocol.codec.WireBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MessageCodec}, {@link BodyCodec} and {@link TypedValues} against PROTOCOL.md "Message encoding": headers,
 * typed properties and bodies survive a round trip, the bytes have the documented layout, and malformed, truncated
 * or oversized encodings are a {@link MalformedFrameException}.
 */
class MessageCodecTest {

    private static final FrameLimits SMALL = new FrameLimits(1 << 20, 64, 4);

    private static final DestinationRef ORDERS = DestinationRef.queue("orders");
    private static final DestinationRef TEMP_QUEUE =
            new DestinationRef(DestinationKind.TEMPORARY_QUEUE, "tmp.q.7f3a.1");
    private static final DestinationRef TEMP_TOPIC =
            new DestinationRef(DestinationKind.TEMPORARY_TOPIC, "tmp.t.7f3a.2");

    /** Every header field set, the correlation id as a string. */
    private static final MessageHeaders FULL = new MessageHeaders("ID:conn-7f3a:1:1:1", 1_700_000_000_000L,
            "order-4711", null, ORDERS, TEMP_QUEUE, true, 9, 1_700_000_060_000L, 1_700_000_005_000L, "Order");

    /**
     * No message id, no correlation id, no reply-to, no type. Its encoding puts the correlation kind at byte 15 and
     * the destination kind at byte 16 (1 version + 1 flags + 1 priority + 4 null id + 8 timestamp).
     */
    private static final MessageHeaders MINIMAL = new MessageHeaders(null, 0L, null, null, ORDERS, null, false, 4,
            0L, 0L, null);
    private static final int VERSION_AT = 0;
    private static final int PRIORITY_AT = 2;
    private static final int CORRELATION_KIND_AT = 15;
    private static final int DESTINATION_KIND_AT = 16;
    private static final int DESTINATION_NAME_LENGTH_AT = 17;

    static List<MessageHeaders> headers() {
        return List.of(
                FULL,
                new MessageHeaders("ID:conn-7f3a:1:1:2", 1L, null, new byte[] {0, 1, -128, 127}, TEMP_TOPIC,
                        DestinationRef.topic("replies"), false, 0, 0L, 0L, "Prix-Zürich"),
                new MessageHeaders(null, 0L, "", null, TEMP_QUEUE, TEMP_TOPIC, true, 5, Long.MAX_VALUE,
                        Long.MIN_VALUE, ""),
                new MessageHeaders(null, 0L, null, new byte[0], ORDERS, null, false, 4, 0L, 0L, null),
                MINIMAL);
    }

    /** A property of every typed-value type, in a fixed order. */
    private static Map<String, Object> everyValueType() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("nothing", null);
        values.put("urgent", true);
        values.put("retries", (byte) -3);
        values.put("shard", (short) 300);
        values.put("grade", 'ß');
        values.put("quantity", 70_000);
        values.put("orderNumber", Long.MIN_VALUE);
        values.put("ratio", -0.0f);
        values.put("amount", Double.NaN);
        values.put("customer", "Müller \uD83D\uDCE6");
        values.put("signature", new byte[] {1, 2, -1});
        return values;
    }

    // --------------------------------------------------------------------------------------- round trips

    @ParameterizedTest
    @MethodSource("headers")
    void deliveryHeadersKeepWhatOrdersAndExpiresAMessageAndSkipTheRest(MessageHeaders headers) {
        byte[] encoded = MessageCodec.encode(headers, everyValueType(), BodyType.TEXT, new byte[] {1});

        MessageHeaders delivery = deliveryHeaders(encoded);

        assertThat(delivery).isEqualTo(new MessageHeaders(null, headers.timestamp(), null, null, null, null,
                headers.persistent(), headers.priority(), headers.expiration(), headers.deliveryTime(), null));
    }

    @Test
    void deliveryHeadersAndPropertiesAreReadFromABufferRegionLeftAsItWas() {
        byte[] encoded = MessageCodec.encode(FULL, Map.of("JMSXGroupID", "g"), BodyType.TEXT, new byte[] {1});
        byte[] framed = new byte[encoded.length + 6];
        System.arraycopy(encoded, 0, framed, 3, encoded.length);
        ByteBuffer region = ByteBuffer.wrap(framed, 3, encoded.length);

        MessageCodec.HeadersAndProperties read = MessageCodec.decodeDeliveryHeadersAndProperties(region,
                MessageCodec.propertyNames("JMSXGroupID"), FrameLimits.DEFAULT);

        assertThat(read.headers().priority()).isEqualTo(FULL.priority());
        assertThat(read.properties()).containsExactly("g");
        assertThat(region.position()).isEqualTo(3);
        assertThat(region.remaining()).isEqualTo(encoded.length);
    }

    private static MessageHeaders deliveryHeaders(byte[] encoded) {
        return MessageCodec.decodeDeliveryHeadersAndProperties(ByteBuffer.wrap(encoded), new byte[0][],
                FrameLimits.DEFAULT).headers();
    }

    @Test
    void deliveryHeadersRefuseWhatTheFullHeadersRefuse() {
        byte[] noName = minimalMessage();
        for (int i = 0; i < Integer.BYTES; i++) {
            noName[DESTINATION_NAME_LENGTH_AT + i] = (byte) 0xFF;
        }
        List<byte[]> malformed = List.of(withByteAt(minimalMessage(), VERSION_AT, 2),
                withByteAt(minimalMessage(), PRIORITY_AT, 10), withByteAt(minimalMessage(), CORRELATION_KIND_AT, 3),
                withByteAt(minimalMessage(), DESTINATION_KIND_AT, 7), noName,
                Arrays.copyOf(minimalMessage(), DESTINATION_NAME_LENGTH_AT + 2));

        assertThat(malformed).allSatisfy(encoded -> assertThatThrownBy(
                () -> deliveryHeaders(encoded))
                .isInstanceOf(MalformedFrameException.class));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void everyHeaderFieldSurvives(MessageHeaders headers) {
        byte[] encoded = MessageCodec.encode(headers, Map.of(), BodyType.NONE, null);

        assertThat(MessageCodec.decode(encoded, FrameLimits.DEFAULT).headers()).isEqualTo(headers);
        assertThat(MessageCodec.decodeHeaders(encoded, FrameLimits.DEFAULT)).isEqualTo(headers);
    }

    @ParameterizedTest
    @EnumSource(BodyType.class)
    void everyBodyTypeWithPropertiesOfEveryType(BodyType bodyType) {
        byte[] body = sampleBody(bodyType);
        byte[] encoded = MessageCodec.encode(FULL, everyValueType(), bodyType, body);

        DecodedMessage decoded = MessageCodec.decode(encoded, FrameLimits.DEFAULT);

        assertThat(decoded.headers()).isEqualTo(FULL);
        assertSameTypedValues(decoded.properties(), everyValueType());
        assertThat(decoded.bodyType()).isEqualTo(bodyType);
        assertThat(decoded.body()).isEqualTo(body);
    }

    @Test
    void decodeWithoutBodyReadsHeadersAndPropertiesOnly() {
        byte[] encoded = MessageCodec.encode(FULL, everyValueType(), BodyType.TEXT, BodyCodec.encodeText("hi"));

        DecodedMessage decoded = MessageCodec.decodeWithoutBody(encoded, FrameLimits.DEFAULT);

        assertThat(decoded.headers()).isEqualTo(FULL);
        assertSameTypedValues(decoded.properties(), everyValueType());
        assertThat(decoded.bodyType()).isEqualTo(BodyType.TEXT);
        assertThat(decoded.body()).isNull();
    }

    @Test
    void aStringPropertyIsFoundPastValuesOfEveryType() {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(everyValueType());
        properties.put("JMSXGroupID", "orders-eu");
        properties.put("JMSXGroupSeq", 3);
        byte[] encoded = MessageCodec.encode(FULL, properties, BodyType.TEXT, BodyCodec.encodeText("hi"));

        byte[][] names = MessageCodec.propertyNames("JMSXGroupSeq", "JMSXGroupIDs", "JMSXGroupID");
        assertThat(MessageCodec.decodeHeadersAndProperties(encoded, names, FrameLimits.DEFAULT).properties())
                .containsExactly(null, null, "orders-eu");
        byte[] none = MessageCodec.encode(MINIMAL, everyValueType(), BodyType.NONE, null);
        assertThat(MessageCodec.decodeHeadersAndProperties(none, names, FrameLimits.DEFAULT).properties())
                .containsOnlyNulls();
    }

    @Test
    void headersAndStringPropertiesAreReadInOnePass() {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(everyValueType());
        properties.put("JMSXGroupID", "orders-eu");
        byte[] encoded = MessageCodec.encode(FULL, properties, BodyType.TEXT, BodyCodec.encodeText("hi"));

        MessageCodec.HeadersAndProperties read = MessageCodec.decodeHeadersAndProperties(encoded,
                MessageCodec.propertyNames("notThere", "JMSXGroupID"), FrameLimits.DEFAULT);

        assertThat(read.headers()).isEqualTo(FULL);
        assertThat(read.properties()).containsExactly(null, "orders-eu");
        byte[] cut = java.util.Arrays.copyOf(encoded, encoded.length - 40);
        assertThatThrownBy(() -> MessageCodec.decodeHeadersAndProperties(cut,
                MessageCodec.propertyNames("JMSXGroupID"), FrameLimits.DEFAULT))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void decodeHeadersNeedsNothingAfterTheHeaders() {
        byte[] headersOnly = specHeaders(FULL).toArray();

        assertThat(MessageCodec.decodeHeaders(headersOnly, FrameLimits.DEFAULT)).isEqualTo(FULL);
        assertThatThrownBy(() -> MessageCodec.decode(headersOnly, FrameLimits.DEFAULT))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void aPropertyValueMayBeLongerThanMaxStringLength() {
        String longValue = "v".repeat(SMALL.maxStringLength() * 10);
        byte[] encoded = MessageCodec.encode(MINIMAL, Map.of("note", longValue), BodyType.NONE, null);

        assertThat(MessageCodec.decode(encoded, SMALL).properties()).containsEntry("note", longValue);
    }

    // ---------------------------------------------------------------------------------- PROTOCOL.md layout

    @Test
    void theEncodingHasTheLayoutOfProtocolMd() {
        byte[] body = BodyCodec.encodeText("{\"id\":4711}");
        WireBuilder expected = specHeaders(FULL)
                .i32(11)
                .string("nothing").u8(0)
                .string("urgent").u8(1).u8(1)
                .string("retries").u8(2).u8(-3)
                .string("shard").u8(3).i16(300)
                .string("grade").u8(4).i16('ß')
                .string("quantity").u8(5).i32(70_000)
                .string("orderNumber").u8(6).i64(Long.MIN_VALUE)
                .string("ratio").u8(7).i32(Float.floatToIntBits(-0.0f))
                .string("amount").u8(8).i64(Double.doubleToLongBits(Double.NaN))
                .string("customer").u8(9).string("Müller \uD83D\uDCE6")
                .string("signature").u8(10).bytes(new byte[] {1, 2, -1})
                .u8(1).bytes(body);

        assertThat(MessageCodec.encode(FULL, everyValueType(), BodyType.TEXT, body)).isEqualTo(expected.toArray());
    }

    @Test
    void theCorrelationIdAsBytesAndANullReplyToHaveTheLayoutOfProtocolMd() {
        MessageHeaders headers = new MessageHeaders(null, 0L, null, new byte[] {9, 8}, TEMP_TOPIC, null, false, 0,
                0L, 0L, null);
        byte[] expected = WireBuilder.wire().u8(1).u8(0).u8(0).string(null).i64(0)
                .u8(2).bytes(new byte[] {9, 8})
                .destination(TEMP_TOPIC).destination(null)
                .i64(0).i64(0).string(null).i32(0)
                .i32(0).u8(0).bytes(null).toArray();

        assertThat(MessageCodec.encode(headers, Map.of(), BodyType.NONE, null)).isEqualTo(expected);
    }

    @Test
    void headerExtensionBytesAreSkipped() {
        byte[] encoded = specHeaders(FULL, new byte[] {7, 7, 7}).i32(1).string("p").u8(5).i32(42)
                .u8(2).bytes(new byte[] {1}).toArray();

        DecodedMessage decoded = MessageCodec.decode(encoded, FrameLimits.DEFAULT);

        assertThat(decoded.headers()).isEqualTo(FULL);
        assertThat(decoded.properties()).containsExactly(Map.entry("p", 42));
        assertThat(decoded.body()).containsExactly(1);
    }

    // ---------------------------------------------------------------------------------- malformed messages

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 255})
    void anUnknownFormatVersion(int version) {
        assertMalformed(withByteAt(minimalMessage(), VERSION_AT, version),
                "unknown message format version " + version);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 255})
    void aPriorityAboveNine(int priority) {
        assertMalformed(withByteAt(minimalMessage(), PRIORITY_AT, priority),
                "priority " + priority + " outside 0..9");
    }

    @Test
    void anUnknownCorrelationIdKind() {
        assertMalformed(withByteAt(minimalMessage(), CORRELATION_KIND_AT, 3), "unknown correlation id kind 3");
    }

    @Test
    void anUnknownDestinationKind() {
        assertMalformed(withByteAt(minimalMessage(), DESTINATION_KIND_AT, 7), "unknown destination kind 7");
    }

    @Test
    void aDestinationWithoutAName() {
        byte[] noName = minimalMessage();
        for (int i = 0; i < Integer.BYTES; i++) {
            noName[DESTINATION_NAME_LENGTH_AT + i] = (byte) 0xFF; // length -1
        }
        assertMalformed(noName, "destination without a name");
    }

    @Test
    void everyTruncationOfAMessageIsMalformed() {
        byte[] whole = MessageCodec.encode(FULL, everyValueType(), BodyType.BYTES, new byte[] {1, 2, 3});
        for (int length = 0; length < whole.length; length++) {
            byte[] truncated = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> MessageCodec.decode(truncated, FrameLimits.DEFAULT))
                    .as("cut to %d of %d bytes", length, whole.length)
                    .isInstanceOf(MalformedFrameException.class);
        }
    }

    @Test
    void aHeaderExtensionThatOverrunsTheMessage() {
        byte[] overrun = specHeaders(MINIMAL).toArray();
        overrun[overrun.length - 1] = 100; // the extension length, last int of the headers
        assertMalformed(overrun, "header extension byte count 100 exceeds");
    }

    @Test
    void aHeaderStringLongerThanMaxStringLength() {
        String atTheLimit = "t".repeat(SMALL.maxStringLength());
        MessageHeaders fits = new MessageHeaders(null, 0L, null, null, ORDERS, null, false, 4, 0L, 0L, atTheLimit);
        MessageHeaders tooLong = new MessageHeaders(null, 0L, null, null, ORDERS, null, false, 4, 0L, 0L,
                atTheLimit + "t");

        assertThat(MessageCodec.decodeHeaders(MessageCodec.encode(fits, Map.of(), BodyType.NONE, null), SMALL))
                .isEqualTo(fits);
        assertThatThrownBy(() -> MessageCodec.decodeHeaders(
                MessageCodec.encode(tooLong, Map.of(), BodyType.NONE, null), SMALL))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("string length 65 outside 0..64");
    }

    @Test
    void aPropertyNameLongerThanMaxStringLength() {
        String name = "n".repeat(SMALL.maxStringLength() + 1);
        assertThatThrownBy(() -> MessageCodec.decode(
                MessageCodec.encode(MINIMAL, Map.of(name, 1), BodyType.NONE, null), SMALL))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("string length 65 outside 0..64");
    }

    @Test
    void morePropertiesThanMaxProperties() {
        assertThat(MessageCodec.decode(messageWithProperties(SMALL.maxProperties()), SMALL).properties())
                .hasSize(SMALL.maxProperties());
        assertMalformed(messageWithProperties(SMALL.maxProperties() + 1), SMALL, "property count 5 outside 0..4");
    }

    @Test
    void aHugePropertyCountIsRefusedWithoutAllocating() {
        assertMalformed(specHeaders(MINIMAL).i32(Integer.MAX_VALUE).toArray(), "property count 2147483647");
    }

    @Test
    void aPropertyWithoutAName() {
        assertMalformed(specHeaders(MINIMAL).i32(1).string(null).u8(0).u8(0).bytes(null).toArray(),
                "property without a name");
    }

    @Test
    void anUnknownTypedValueTag() {
        assertMalformed(specHeaders(MINIMAL).i32(1).string("p").u8(11).u8(0).bytes(null).toArray(),
                "unknown value type tag 11");
    }

    @Test
    void aBooleanPropertyByteOtherThanZeroOrOne() {
        assertMalformed(specHeaders(MINIMAL).i32(1).string("p").u8(1).u8(2).u8(0).bytes(null).toArray(),
                "boolean byte 2 is neither 0 nor 1");
    }

    @Test
    void anUnknownBodyType() {
        assertMalformed(specHeaders(MINIMAL).i32(0).u8(6).bytes(null).toArray(), "unknown body type");
    }

    // -------------------------------------------------------------------------------------------- bodies

    @Test
    void textBodies() {
        String text = "Grüße \uD83D\uDCE6";
        assertThat(BodyCodec.encodeText(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(BodyCodec.decodeText(BodyCodec.encodeText(text))).isEqualTo(text);
        assertThat(BodyCodec.decodeText(BodyCodec.encodeText(""))).isEmpty();
        assertThat(BodyCodec.encodeText(null)).isNull();
        assertThat(BodyCodec.decodeText(null)).isNull();
    }

    @Test
    void mapBodyRoundTripKeepsOrderAndTypes() {
        byte[] body = BodyCodec.encodeMap(everyValueType());
        assertSameTypedValues(BodyCodec.decodeMap(body, FrameLimits.DEFAULT), everyValueType());

        assertThat(BodyCodec.decodeMap(BodyCodec.encodeMap(Map.of()), FrameLimits.DEFAULT)).isEmpty();
        assertThat(BodyCodec.decodeMap(null, FrameLimits.DEFAULT)).isEmpty();
    }

    @Test
    void streamBodyRoundTripKeepsOrderAndTypes() {
        List<Object> items = new ArrayList<>(everyValueType().values());
        items.add(null);
        items.add("last");

        List<Object> decoded = BodyCodec.decodeStream(BodyCodec.encodeStream(items));

        assertThat(decoded).hasSameSizeAs(items);
        for (int i = 0; i < items.size(); i++) {
            assertThat(decoded.get(i)).as("item %d", i).isEqualTo(items.get(i));
        }
        assertThat(BodyCodec.decodeStream(BodyCodec.encodeStream(List.of()))).isEmpty();
        assertThat(BodyCodec.decodeStream(null)).isEmpty();
    }

    @Test
    void mapAndStreamBodiesHaveTheLayoutOfProtocolMd() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", null);
        assertThat(BodyCodec.encodeMap(map))
                .isEqualTo(WireBuilder.wire().i32(2).string("a").u8(5).i32(1).string("b").u8(0).toArray());
        assertThat(BodyCodec.encodeStream(Arrays.asList("x", 2L)))
                .isEqualTo(WireBuilder.wire().i32(2).u8(9).string("x").u8(6).i64(2).toArray());
    }

    @Test
    void everyTruncationOfAMapOrStreamBodyIsMalformed() {
        byte[] map = BodyCodec.encodeMap(everyValueType());
        byte[] stream = BodyCodec.encodeStream(new ArrayList<>(everyValueType().values()));
        for (int length = 0; length < map.length; length++) {
            byte[] truncated = Arrays.copyOf(map, length);
            assertThatThrownBy(() -> BodyCodec.decodeMap(truncated, FrameLimits.DEFAULT))
                    .as("map cut to %d of %d bytes", length, map.length)
                    .isInstanceOf(MalformedFrameException.class);
        }
        for (int length = 0; length < stream.length; length++) {
            byte[] truncated = Arrays.copyOf(stream, length);
            assertThatThrownBy(() -> BodyCodec.decodeStream(truncated))
                    .as("stream cut to %d of %d bytes", length, stream.length)
                    .isInstanceOf(MalformedFrameException.class);
        }
    }

    @Test
    void hugeMapAndStreamCountsAreRefusedWithoutAllocating() {
        byte[] huge = WireBuilder.wire().i32(Integer.MAX_VALUE).u8(0).toArray();
        assertThatThrownBy(() -> BodyCodec.decodeMap(huge, FrameLimits.DEFAULT))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("map entry count 2147483647");
        assertThatThrownBy(() -> BodyCodec.decodeStream(huge))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("stream item count 2147483647");
    }

    @Test
    void aMapEntryWithoutANameOrWithATooLongName() {
        byte[] nullName = WireBuilder.wire().i32(1).string(null).u8(0).toArray();
        assertThatThrownBy(() -> BodyCodec.decodeMap(nullName, FrameLimits.DEFAULT))
                .isInstanceOf(MalformedFrameException.class).hasMessage("map entry without a name");

        byte[] longName = BodyCodec.encodeMap(Map.of("k".repeat(SMALL.maxStringLength() + 1), 1));
        assertThatThrownBy(() -> BodyCodec.decodeMap(longName, SMALL))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("string length 65 outside 0..64");
    }

    // -------------------------------------------------------------------------------------- typed values

    static Stream<Arguments> nonJmsValues() {
        // Wrapped one by one: JUnit would otherwise spread an Object[] value (Byte[]) into several arguments.
        return Stream.<Object>of(new Object(), BigDecimal.ONE, new int[] {1}, new Byte[] {1}, List.of("a"),
                Map.of("a", 1), new java.util.Date(0), Thread.State.NEW).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("nonJmsValues")
    void typedValuesRefuseATypeJmsDoesNotAllow(Object value) {
        assertThatThrownBy(() -> TypedValues.write(Unpooled.buffer(), value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a JMS value type: " + value.getClass().getName());
        assertThatThrownBy(() -> MessageCodec.encode(MINIMAL, Map.of("p", value), BodyType.NONE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** The header section written field by field from PROTOCOL.md, with an empty extension. */
    private static WireBuilder specHeaders(MessageHeaders h) {
        return specHeaders(h, new byte[0]);
    }

    private static WireBuilder specHeaders(MessageHeaders h, byte[] extension) {
        WireBuilder b = WireBuilder.wire().u8(1).u8(h.persistent() ? 1 : 0).u8(h.priority())
                .string(h.messageId()).i64(h.timestamp());
        if (h.correlationIdBytes() != null) {
            b.u8(2).bytes(h.correlationIdBytes());
        } else if (h.correlationId() != null) {
            b.u8(1).string(h.correlationId());
        } else {
            b.u8(0);
        }
        return b.destination(h.destination()).destination(h.replyTo()).i64(h.expiration()).i64(h.deliveryTime())
                .string(h.type()).bytes(extension);
    }

    private static byte[] minimalMessage() {
        return MessageCodec.encode(MINIMAL, Map.of(), BodyType.NONE, null);
    }

    private static byte[] messageWithProperties(int count) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            properties.put("p" + i, i);
        }
        return MessageCodec.encode(MINIMAL, properties, BodyType.NONE, null);
    }

    private static byte[] withByteAt(byte[] encoded, int offset, int value) {
        byte[] copy = encoded.clone();
        copy[offset] = (byte) value;
        return copy;
    }

    private static void assertMalformed(byte[] encoded, String reason) {
        assertMalformed(encoded, FrameLimits.DEFAULT, reason);
    }

    private static void assertMalformed(byte[] encoded, FrameLimits limits, String reason) {
        assertThatThrownBy(() -> MessageCodec.decode(encoded, limits))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining(reason);
    }

    /** Same names in the same order, each value equal and of the same type (arrays by content). */
    private static void assertSameTypedValues(Map<String, Object> actual, Map<String, Object> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, value) -> assertThat(actual.get(name)).as(name).isEqualTo(value));
    }

    private static byte[] sampleBody(BodyType type) {
        return switch (type) {
            case NONE -> null;
            case TEXT -> BodyCodec.encodeText("{\"id\":4711,\"city\":\"Zürich\"}");
            case BYTES -> new byte[] {0, 1, 2, -128, 127};
            case MAP -> BodyCodec.encodeMap(everyValueType());
            case STREAM -> BodyCodec.encodeStream(new ArrayList<>(everyValueType().values()));
            case OBJECT -> serialize(new ArrayList<>(List.of("order", 4711)));
        };
    }

    private static byte[] serialize(Serializable object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
