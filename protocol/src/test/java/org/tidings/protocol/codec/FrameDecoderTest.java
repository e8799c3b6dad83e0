package org.tidings.protocol.codec;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tidings.protocol.frame.Close;
import org.tidings.protocol.frame.CreateSession;
import org.tidings.protocol.frame.Frame;
import org.tidings.protocol.frame.FrameType;
import org.tidings.protocol.frame.Heartbeat;
import org.tidings.protocol.frame.Send;
import org.tidings.protocol.frame.SessionMode;
import org.tidings.protocol.frame.SetClientId;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link FrameDecoder} in a Netty pipeline: frame boundaries are found wherever the bytes are split, and malformed,
 * truncated or oversized input is a {@link DecoderException} caused by {@link MalformedFrameException}, after which
 * the rest of the stream is ignored.
 */
class FrameDecoderTest {

    /** Small limits so that the boundaries are easy to reach: 1 KiB frames, 64-byte strings, 4 properties. */
    private static final FrameLimits LIMITS = new FrameLimits(1024, 64, 4);

    static List<Frame> frames() {
        return FrameCodecTest.allFrames();
    }

    // ---------------------------------------------------------------------------------------------- framing

    @ParameterizedTest
    @MethodSource("frames")
    void aFrameFedOneByteAtATimeThroughEncoderAndDecoder(Frame frame) {
        EmbeddedChannel encoder = new EmbeddedChannel(FrameEncoder.INSTANCE);
        encoder.writeOutbound(frame);
        ByteBuf wire = encoder.readOutbound();
        assertThat(wire.getInt(0)).as("length prefix").isEqualTo(wire.readableBytes() - Integer.BYTES);

        EmbeddedChannel decoder = decoder(FrameLimits.DEFAULT);
        while (wire.readableBytes() > 1) {
            decoder.writeInbound(wire.readRetainedSlice(1));
            assertThat(next(decoder)).as("nothing before the last byte").isNull();
        }
        decoder.writeInbound(wire.readRetainedSlice(1));
        wire.release();

        assertThat(next(decoder)).isEqualTo(frame);
        assertThat(next(decoder)).isNull();
    }

    @Test
    void manyFramesInOneBufferDecodeInOrder() {
        EmbeddedChannel decoder = decoder(FrameLimits.DEFAULT);
        decoder.writeInbound(stream(frames()));
        assertThat(readAll(decoder)).containsExactlyElementsOf(frames());
    }

    @Test
    void framesSplitAtArbitraryBoundariesDecodeInOrder() {
        Random random = new Random(20261124);
        for (int round = 0; round < 20; round++) {
            ByteBuf wire = stream(frames());
            EmbeddedChannel decoder = decoder(FrameLimits.DEFAULT);
            while (wire.isReadable()) {
                int chunk = Math.min(wire.readableBytes(), 1 + random.nextInt(300));
                decoder.writeInbound(wire.readRetainedSlice(chunk));
            }
            wire.release();
            assertThat(readAll(decoder)).as("round %d", round).containsExactlyElementsOf(frames());
        }
    }

    @Test
    void aFrameOfExactlyMaxFrameSizeIsAccepted() {
        byte[] message = new byte[LIMITS.maxFrameSize() - 1 - 8 - 4 - 4 - 2];
        Send largest = new Send(1, 1, message);
        ByteBuf wire = stream(List.of(largest));
        assertThat(wire.getInt(0)).isEqualTo(LIMITS.maxFrameSize());

        EmbeddedChannel decoder = decoder(LIMITS);
        decoder.writeInbound(wire);
        assertThat(next(decoder)).isEqualTo(largest);
    }

    // ------------------------------------------------------------------------------------ the length prefix

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE, 1025, Integer.MAX_VALUE})
    void aLengthPrefixOutside1ToMaxFrameSizeIsRejectedAtOnceWithoutAllocating(int length) {
        RecordingAllocator allocator = new RecordingAllocator();
        EmbeddedChannel decoder = decoder(LIMITS);
        decoder.config().setAllocator(allocator);

        // Only the four prefix bytes arrive: the decoder must neither wait for nor reserve the claimed body.
        assertRejected(decoder, WireBuilder.wire().i32(length).toBuf())
                .hasMessage("frame length " + length + " outside 1..1024");
        assertThat(allocator.largestRequest).as("largest buffer requested").isLessThan(64);
    }

    @Test
    void aFrameWithinTheLimitIsAwaitedUntilComplete() {
        EmbeddedChannel decoder = decoder(LIMITS);
        decoder.writeInbound(WireBuilder.wire().i32(LIMITS.maxFrameSize()).u8(FrameType.SEND.code()).toBuf());
        assertThat(next(decoder)).isNull();
    }

    // ------------------------------------------------------------------------------------- malformed bodies

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 17, 33, 255})
    void anUnknownTypeCode(int code) {
        assertRejected(WireBuilder.frame(code).i64(1).noExtensions())
                .hasMessage("unknown frame type " + code);
    }

    @Test
    void aStringLongerThanTheRestOfTheFrame() {
        assertRejected(WireBuilder.frame(FrameType.SET_CLIENT_ID).i64(1).i32(60).raw(new byte[3]))
                .hasMessageContaining("string length 60 exceeds the 3 bytes left");
    }

    @Test
    void aNegativeStringLengthOtherThanMinusOne() {
        assertRejected(WireBuilder.frame(FrameType.SET_CLIENT_ID).i64(1).i32(-2).noExtensions())
                .hasMessageContaining("string length -2");
    }

    @Test
    void aByteArrayLongerThanTheRestOfTheFrameIsNotAllocated() {
        assertRejected(WireBuilder.frame(FrameType.SEND).i64(1).i32(1).i32(Integer.MAX_VALUE).raw(new byte[10]))
                .hasMessageContaining("byte array length 2147483647 exceeds the 10 bytes left");
    }

    @Test
    void aLongArrayCountLargerThanTheRestOfTheFrameIsNotAllocated() {
        assertRejected(WireBuilder.frame(FrameType.SETTLE).i64(1).i32(1).u8(0).i32(Integer.MAX_VALUE).i64(7)
                .noExtensions())
                .hasMessageContaining("long array count 2147483647 exceeds");
    }

    @Test
    void aBrowsePageMessageCountLargerThanTheRestOfTheFrameIsNotAllocated() {
        assertRejected(WireBuilder.frame(FrameType.BROWSE_PAGE).i64(1).i32(Integer.MAX_VALUE).i64(0).bool(false)
                .noExtensions())
                .hasMessageContaining("browse message count 2147483647 exceeds");
    }

    @Test
    void aStringLongerThanMaxStringLength() {
        String atTheLimit = "x".repeat(LIMITS.maxStringLength());
        EmbeddedChannel decoder = decoder(LIMITS);
        decoder.writeInbound(WireBuilder.frame(FrameType.SET_CLIENT_ID).i64(1).string(atTheLimit).noExtensions()
                .framed());
        assertThat(next(decoder)).isEqualTo(new SetClientId(1, atTheLimit));

        assertRejected(WireBuilder.frame(FrameType.SET_CLIENT_ID).i64(1).string(atTheLimit + "x").noExtensions())
                .hasMessageContaining("string length 65 outside 0..64");
    }

    @Test
    void anOutOfRangeSessionMode() {
        assertRejected(WireBuilder.frame(FrameType.CREATE_SESSION).i64(1).i32(1).u8(4).noExtensions())
                .hasMessage("unknown session mode 4");
    }

    @Test
    void anOutOfRangeSettleOutcome() {
        assertRejected(WireBuilder.frame(FrameType.SETTLE).i64(0).i32(1).u8(4).longs(1).noExtensions())
                .hasMessage("unknown settle outcome 4");
    }

    @Test
    void anOutOfRangeDestinationKind() {
        assertRejected(createConsumerWithDestinationKind(5)).hasMessage("unknown destination kind 5");
        assertRejected(WireBuilder.frame(FrameType.CREATE_TEMPORARY_DESTINATION).i64(1).u8(9).noExtensions())
                .hasMessage("unknown destination kind 9");
    }

    @Test
    void aNullWhereTheLayoutRequiresAValue() {
        assertRejected(createConsumerWithDestinationKind(0)).hasMessage("missing destination");
        assertRejected(WireBuilder.frame(FrameType.SEND).i64(1).i32(1).bytes(null).noExtensions())
                .hasMessage("missing message");
        assertRejected(WireBuilder.frame(FrameType.DELETE_TEMPORARY_DESTINATION).i64(1).destination(null)
                .noExtensions()).hasMessage("missing destination");
    }

    @Test
    void aBooleanByteOtherThanZeroOrOne() {
        assertRejected(WireBuilder.frame(FrameType.BROWSE_PAGE).i64(1).i32(0).i64(0).u8(2).noExtensions())
                .hasMessage("boolean byte 2 is neither 0 nor 1");
    }

    @Test
    void aTruncatedFrameBody() {
        // CLOSE needs a long and the extension count; the length prefix covers only half of the long.
        assertRejected(WireBuilder.frame(FrameType.CLOSE).i32(7)).hasMessage("truncated frame");
    }

    @Test
    void bytesAfterTheExtensionSection() {
        assertRejected(WireBuilder.frame(FrameType.CLOSE).i64(1).noExtensions().raw((byte) 0, (byte) 0))
                .hasMessage("2 unexpected bytes after CLOSE frame");
    }

    // ---------------------------------------------------------------------------------------- extensions

    @Test
    void unknownExtensionsAreSkippedForForwardCompatibility() {
        EmbeddedChannel decoder = decoder(LIMITS);
        decoder.writeInbound(WireBuilder.frame(FrameType.SET_CLIENT_ID).i64(3).string("orders")
                .i16(3)
                .extension(1, (byte) 1, (byte) 2, (byte) 3)
                .extension(0x7FFF)
                .extension(0xFFFF, new byte[100])
                .framed());
        assertThat(next(decoder)).isEqualTo(new SetClientId(3, "orders"));
    }

    @Test
    void anExtensionThatOverrunsTheFrame() {
        assertRejected(WireBuilder.frame(FrameType.HEARTBEAT).i16(1).i16(500).i32(1000).raw(new byte[10]))
                .hasMessage("extension length 1000 exceeds the frame");
        assertRejected(WireBuilder.frame(FrameType.HEARTBEAT).i16(1).i16(500).i32(-1))
                .hasMessage("extension length -1 exceeds the frame");
    }

    @Test
    void anExtensionCountLargerThanTheExtensionsPresent() {
        assertRejected(WireBuilder.frame(FrameType.HEARTBEAT).i16(2).extension(500, (byte) 1))
                .hasMessage("truncated frame");
    }

    // ------------------------------------------------------------------------------------ after a failure

    @Test
    void framesBeforeTheFirstFailureAreDeliveredAndEverythingAfterItIsDiscarded() {
        EmbeddedChannel decoder = decoder(LIMITS);
        ByteBuf wire = stream(List.of(new Close(1)));
        wire.writeBytes(WireBuilder.frame(238).noExtensions().framed());
        wire.writeBytes(stream(List.of(new Close(2))));

        assertRejected(decoder, wire).hasMessage("unknown frame type 238");
        assertThat(next(decoder)).isEqualTo(new Close(1));
        assertThat(next(decoder)).isNull();

        decoder.writeInbound(stream(List.of(new CreateSession(3, 1, SessionMode.AUTO_ACKNOWLEDGE))));
        decoder.writeInbound(stream(List.of(Heartbeat.INSTANCE)));
        assertThat(next(decoder)).as("nothing after the failure").isNull();
    }

    @Test
    void afterAnOversizedLengthPrefixTheBodyBytesAreNotTakenForFrames() {
        EmbeddedChannel decoder = decoder(LIMITS);
        assertRejected(decoder, WireBuilder.wire().i32(5000).toBuf());

        // What follows would parse as a valid frame if the decoder resynchronised on it.
        decoder.writeInbound(stream(List.of(new Close(9))));
        assertThat(next(decoder)).isNull();
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static EmbeddedChannel decoder(FrameLimits limits) {
        return new EmbeddedChannel(new FrameDecoder(limits));
    }

    /** The next decoded frame, or null. */
    private static Frame next(EmbeddedChannel decoder) {
        return decoder.readInbound();
    }

    /** Frames one after another, each with its length prefix, as {@link FrameEncoder} writes them. */
    private static ByteBuf stream(List<Frame> frames) {
        ByteBuf wire = Unpooled.buffer();
        frames.forEach(frame -> FrameEncoder.writeFrame(frame, wire));
        return wire;
    }

    private static List<Frame> readAll(EmbeddedChannel decoder) {
        List<Frame> frames = new ArrayList<>();
        for (Frame frame = next(decoder); frame != null; frame = next(decoder)) {
            frames.add(frame);
        }
        return frames;
    }

    private static WireBuilder createConsumerWithDestinationKind(int kind) {
        return WireBuilder.frame(FrameType.CREATE_CONSUMER).i64(1).i32(1).i64(2).u8(kind).string("orders")
                .string(null).bool(false).string(null).bool(false).bool(false).i32(10).noExtensions();
    }

    /** Feeds {@code body} with its length prefix to a fresh decoder; returns the assertion on the cause. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(WireBuilder body) {
        EmbeddedChannel decoder = decoder(LIMITS);
        AbstractThrowableAssert<?, ? extends Throwable> cause = assertRejected(decoder, body.framed());
        assertThat(next(decoder)).as("nothing decoded").isNull();
        return cause;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(EmbeddedChannel decoder,
                                                                                   ByteBuf wire) {
        return assertThatThrownBy(() -> decoder.writeInbound(wire))
                .isInstanceOf(DecoderException.class)
                .cause()
                .isInstanceOf(MalformedFrameException.class);
    }

    /** Hands out small heap buffers and remembers the largest capacity anyone asked for. */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {

        int largestRequest;

        RecordingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            largestRequest = Math.max(largestRequest, initialCapacity);
            return Unpooled.buffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }
}
