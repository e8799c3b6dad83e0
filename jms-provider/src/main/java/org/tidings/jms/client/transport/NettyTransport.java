package org.tidings.jms.client.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import org.tidings.protocol.codec.FrameDecoder;
import org.tidings.protocol.codec.FrameEncoder;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.frame.Frame;
import org.tidings.protocol.frame.Heartbeat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One TCP connection to a broker: frames out, frames in, heartbeats, back-pressure.
 *
 * <p>Threading: the transport runs on one of the JVM's shared Netty I/O threads ({@link SharedEventLoops}); every
 * {@link TransportListener} callback runs on it, so a listener must never block. {@link #send} may be called from any thread: it blocks the caller
 * while the socket's outbound buffer is above Netty's high-water mark (so a fast producer cannot fill the heap),
 * except on the I/O thread itself, which never blocks.
 */
public final class NettyTransport {

    private final Channel channel;
    private final TransportListener listener;
    private final AtomicBoolean closedNotified = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private final Object writability = new Object();
    private volatile Throwable failure;

    private NettyTransport(Channel channel, TransportListener listener) {
        this.channel = channel;
        this.listener = listener;
    }

    /**
     * Connects to {@code host:port}, blocking up to {@code connectTimeoutMillis}.
     *
     * @throws IOException when the connection cannot be made
     */
    public static NettyTransport connect(String host, int port, int connectTimeoutMillis, FrameLimits limits,
                                         TransportListener listener) throws IOException {
        EventLoopGroup group = SharedEventLoops.acquire();
        NettyTransport[] self = new NettyTransport[1];
        Bootstrap bootstrap = new Bootstrap().group(group).channel(SharedEventLoops.io().socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline pipeline = ch.pipeline();
                        pipeline.addLast("flushConsolidation", new FlushConsolidationHandler(64, true));
                        pipeline.addLast("frameDecoder", new FrameDecoder(limits));
                        pipeline.addLast("frameEncoder", FrameEncoder.INSTANCE);
                        pipeline.addLast("inbound", new InboundHandler(() -> self[0]));
                    }
                });
        try {
            Channel channel = bootstrap.connect(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
            NettyTransport transport = new NettyTransport(channel, listener);
            self[0] = transport;
            return transport;
        } catch (RuntimeException e) {
            SharedEventLoops.release();
            throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts heartbeats once the handshake agreed on an interval: a HEARTBEAT after {@code millis} of sending
     * nothing, and the connection is closed after three intervals of hearing nothing.
     */
    public void enableHeartbeats(int millis) {
        if (millis <= 0) {
            return;
        }
        channel.eventLoop().execute(() -> channel.pipeline().addBefore("inbound", "idle",
                new IdleStateHandler(3L * millis, millis, 0, TimeUnit.MILLISECONDS)));
    }

    /**
     * Writes {@code frame} and flushes. Blocks (off the I/O thread) while the outbound buffer is full.
     *
     * @throws IOException when the connection is closed
     */
    public void send(Frame frame) throws IOException {
        awaitWritable();
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    private void awaitWritable() throws IOException {
        if (!channel.isActive()) {
            throw closedException();
        }
        if (channel.isWritable() || channel.eventLoop().inEventLoop()) {
            return;
        }
        synchronized (writability) {
            while (!channel.isWritable() && channel.isActive()) {
                try {
                    writability.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting to write to the broker", e);
                }
            }
        }
        if (!channel.isActive()) {
            throw closedException();
        }
    }

    private IOException closedException() {
        Throwable cause = failure;
        return cause == null ? new IOException("connection to the broker is closed")
                : new IOException("connection to the broker is closed: " + cause.getMessage(), cause);
    }

    /** Whether the channel is still open. */
    public boolean isOpen() {
        return channel.isActive();
    }

    /** Closes the socket (waiting for pending writes to go out) and releases the shared I/O threads. Idempotent. */
    public void close() {
        if (released.compareAndSet(false, true)) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            SharedEventLoops.release();
        }
    }

    private void closed(Throwable cause) {
        if (cause != null && failure == null) {
            failure = cause;
        }
        synchronized (writability) {
            writability.notifyAll();
        }
        if (closedNotified.compareAndSet(false, true)) {
            listener.onClosed(failure);
        }
    }

    /** Hands frames to the listener and turns channel events into transport events. */
    private static final class InboundHandler extends SimpleChannelInboundHandler<Frame> {
        private final java.util.function.Supplier<NettyTransport> transport;

        InboundHandler(java.util.function.Supplier<NettyTransport> transport) {
            this.transport = transport;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            if (!(frame instanceof Heartbeat)) {
                transport.get().listener.onFrame(frame);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            NettyTransport t = transport.get();
            synchronized (t.writability) {
                t.writability.notifyAll();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.WRITER_IDLE) {
                    ctx.writeAndFlush(Heartbeat.INSTANCE, ctx.voidPromise());
                } else if (idle.state() == IdleState.READER_IDLE) {
                    transport.get().failure = new IOException("broker silent for three heartbeat intervals");
                    ctx.close();
                }
                return;
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            NettyTransport t = transport.get();
            if (t.failure == null) {
                t.failure = cause;
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            transport.get().closed(null);
        }
    }
}
