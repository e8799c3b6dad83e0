package org.tidings.broker.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.tidings.broker.protocol.BrokerContext;
import org.tidings.broker.protocol.ConnectionHandler;
import org.tidings.protocol.codec.FrameDecoder;
import org.tidings.protocol.codec.FrameEncoder;

import java.util.concurrent.TimeUnit;

/**
 * The pipeline of a client connection: frame decoder (size limits from the config), frame encoder, heartbeat idle
 * detection (send HEARTBEAT after one silent interval, close after three), then the {@link ConnectionHandler}.
 * Write coalescing is done by the connection handler, which flushes once per batch of core work.
 */
public final class BrokerChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final BrokerContext context;
    private final ChannelGroup channels;

    public BrokerChannelInitializer(BrokerContext context, ChannelGroup channels) {
        this.context = context;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channels.add(channel);
        int heartbeat = context.config().heartbeatMillis();
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("frameDecoder", new FrameDecoder(context.limits()));
        pipeline.addLast("frameEncoder", FrameEncoder.INSTANCE);
        if (heartbeat > 0) {
            pipeline.addLast("idle", new IdleStateHandler(3L * heartbeat, heartbeat, 0, TimeUnit.MILLISECONDS));
        }
        pipeline.addLast("connection", new ConnectionHandler(context));
    }
}
