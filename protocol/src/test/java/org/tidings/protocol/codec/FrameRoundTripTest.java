package org.tidings.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tidings.protocol.frame.Frame;
import org.tidings.protocol.frame.FrameType;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** PROTOCOL.md "Frames": every frame type encodes and decodes to an equal frame, whole or split anywhere. */
class FrameRoundTripTest {

    static List<Frame> samples() {
        return FrameSamples.all();
    }

    @Test
    void theSamplesCoverEveryFrameType() {
        Set<FrameType> covered = samples().stream().map(Frame::type)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FrameType.class)));
        assertThat(covered).containsExactlyInAnyOrder(FrameType.values());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void pureCodecRoundTrip(Frame frame) {
        ByteBuf buffer = Unpooled.buffer();
        FrameCodec.encode(frame, buffer);
        Frame decoded = FrameCodec.decode(buffer, FrameLimits.DEFAULT);
        assertThat(decoded).isEqualTo(frame);
        assertThat(buffer.isReadable()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void throughTheNettyHandlersOneByteAtATime(Frame frame) {
        EmbeddedChannel writer = new EmbeddedChannel(FrameEncoder.INSTANCE);
        writer.writeOutbound(frame);
        ByteBuf wire = writer.readOutbound();

        EmbeddedChannel reader = new EmbeddedChannel(new FrameDecoder(FrameLimits.DEFAULT));
        while (wire.isReadable()) {
            reader.writeInbound(wire.readRetainedSlice(1));
        }
        wire.release();
        assertThat((Frame) reader.readInbound()).isEqualTo(frame);
        assertThat((Object) reader.readInbound()).isNull();
    }

    @Test
    void manyFramesInOneBufferDecodeInOrder() {
        ByteBuf wire = Unpooled.buffer();
        for (Frame frame : samples()) {
            FrameEncoder.writeFrame(frame, wire);
        }
        EmbeddedChannel reader = new EmbeddedChannel(new FrameDecoder(FrameLimits.DEFAULT));
        reader.writeInbound(wire);
        for (Frame expected : samples()) {
            assertThat((Frame) reader.readInbound()).isEqualTo(expected);
        }
        assertThat((Object) reader.readInbound()).isNull();
    }
}
