package org.tidings.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;
import org.tidings.protocol.frame.Close;
import org.tidings.protocol.frame.CreateSession;
import org.tidings.protocol.frame.FrameType;
import org.tidings.protocol.frame.SessionMode;
import org.tidings.protocol.frame.SetClientId;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Malformed, truncated and oversized input is a decode error naming the problem, never an allocation of what a
 * length field claims, and after it the decoder ignores the rest of the stream.
 */
class MalformedInputTest {

    private static final FrameLimits SMALL = new FrameLimits(1024, 64, 4);

    /** A frame body built field by field, with the length prefix added. */
    private static ByteBuf frame(Consumer<ByteBuf> body) {
        ByteBuf content = Unpooled.buffer();
        body.accept(content);
        ByteBuf framed = Unpooled.buffer();
        framed.writeInt(content.readableBytes());
        framed.writeBytes(content);
        return framed;
    }

    private static void assertRejected(ByteBuf wire, String reason) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(SMALL));
        assertThatThrownBy(() -> channel.writeInbound(wire))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(MalformedFrameException.class)
                .hasMessageContaining(reason);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void lengthPrefixOutsideTheLimitsIsRejectedBeforeAnythingIsAllocated() {
        for (int length : new int[] {0, -1, Integer.MAX_VALUE, SMALL.maxFrameSize() + 1}) {
            ByteBuf wire = Unpooled.buffer().writeInt(length).writeByte(1);
            assertRejected(wire, "frame length " + length);
        }
    }

    @Test
    void unknownFrameType() {
        assertRejected(frame(b -> b.writeByte(238)), "unknown frame type 238");
    }

    @Test
    void outOfRangeEnumCodes() {
        assertRejected(frame(b -> {
            b.writeByte(FrameType.CREATE_SESSION.code());
            b.writeLong(1).writeInt(1).writeByte(9).writeShort(0);
        }), "session mode");
        assertRejected(frame(b -> {
            b.writeByte(FrameType.SETTLE.code());
            b.writeLong(0).writeInt(1).writeByte(7).writeInt(0).writeShort(0);
        }), "outcome");
    }

    @Test
    void aBooleanMustBeZeroOrOne() {
        assertRejected(frame(b -> {
            b.writeByte(FrameType.BROWSE_PAGE.code());
            b.writeLong(1).writeInt(0).writeLong(0).writeByte(2).writeShort(0);
        }), "bool");
    }

    @Test
    void aStringLongerThanTheFrameOrTheLimit() {
        assertRejected(frame(b -> {
            b.writeByte(FrameType.SET_CLIENT_ID.code());
            b.writeLong(1).writeInt(1_000_000).writeBytes("abc".getBytes(StandardCharsets.UTF_8));
        }), "");
        assertRejected(frame(b -> {
            b.writeByte(FrameType.SET_CLIENT_ID.code());
            b.writeLong(1).writeInt(100).writeBytes(new byte[100]).writeShort(0);
        }), "");
    }

    @Test
    void truncatedBodyAndTrailingBytes() {
        ByteBuf whole = Unpooled.buffer();
        FrameCodec.encode(new Close(5), whole);
        byte[] bytes = new byte[whole.readableBytes()];
        whole.readBytes(bytes);
        assertRejected(frame(b -> b.writeBytes(bytes, 0, bytes.length - 3)), "");
        assertRejected(frame(b -> b.writeBytes(bytes).writeByte(0)), "");
    }

    @Test
    void anExtensionThatOverrunsTheFrame() {
        assertRejected(frame(b -> {
            b.writeByte(FrameType.CLOSE.code());
            b.writeLong(1).writeShort(1).writeShort(77).writeInt(1000);
        }), "extension length");
    }

    @Test
    void unknownExtensionsAreSkippedForForwardCompatibility() {
        ByteBuf wire = frame(b -> {
            b.writeByte(FrameType.SET_CLIENT_ID.code());
            b.writeLong(3);
            Wire.writeString(b, "id");
            b.writeShort(2);
            b.writeShort(900).writeInt(3).writeBytes(new byte[] {1, 2, 3});
            b.writeShort(901).writeInt(0);
        });
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(SMALL));
        channel.writeInbound(wire);
        assertThat((Object) channel.readInbound()).isEqualTo(new SetClientId(3, "id"));
    }

    @Test
    void afterTheFirstErrorTheRestOfTheStreamIsIgnored() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(SMALL));
        assertThatThrownBy(() -> channel.writeInbound(frame(b -> b.writeByte(238))))
                .isInstanceOf(DecoderException.class);
        ByteBuf good = Unpooled.buffer();
        FrameEncoder.writeFrame(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE), good);
        channel.writeInbound(good);
        assertThat((Object) channel.readInbound()).isNull();
    }
}
