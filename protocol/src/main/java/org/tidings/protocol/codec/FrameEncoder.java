package org.tidings.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.tidings.protocol.frame.Frame;

/** Netty handler: writes each {@link Frame} as a 4-byte length prefix followed by {@link FrameCodec#encode}. */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {

    public static final FrameEncoder INSTANCE = new FrameEncoder();

    private FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        writeFrame(frame, out);
    }

    /** Writes one length-prefixed frame to {@code out}. */
    public static void writeFrame(Frame frame, ByteBuf out) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        FrameCodec.encode(frame, out);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - Integer.BYTES);
    }
}
