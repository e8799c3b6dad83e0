package org.tidings.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Netty handler: splits the byte stream at the 4-byte length prefixes and decodes each frame with
 * {@link FrameCodec}. A length outside {@code 1..maxFrameSize} or a malformed body fails with
 * {@link MalformedFrameException} (wrapped by Netty in a {@code DecoderException}); after the first failure the
 * rest of the stream is discarded, since frame boundaries can no longer be trusted.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private final FrameLimits limits;
    private boolean failed;

    public FrameDecoder(FrameLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Integer.BYTES) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 1 || length > limits.maxFrameSize()) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new MalformedFrameException("frame length " + length + " outside 1.." + limits.maxFrameSize());
        }
        if (in.readableBytes() < Integer.BYTES + length) {
            return;
        }
        in.skipBytes(Integer.BYTES);
        ByteBuf body = in.readSlice(length);
        try {
            out.add(FrameCodec.decode(body, limits));
        } catch (MalformedFrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}
