package org.tidings.protocol.io;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.concurrent.ThreadFactory;
import java.util.function.BiFunction;

/**
 * The Netty I/O implementation client and broker use: Linux's native epoll where Netty's native library loads (fewer
 * system calls and cheaper wake-ups per frame than Java NIO), Java NIO everywhere else. Netty's own
 * {@code -Dio.netty.transport.noNative=true} forces NIO.
 */
public enum IoTransport {
    EPOLL(EpollEventLoopGroup::new, EpollSocketChannel.class, EpollServerSocketChannel.class),
    NIO(NioEventLoopGroup::new, NioSocketChannel.class, NioServerSocketChannel.class);

    private final BiFunction<Integer, ThreadFactory, EventLoopGroup> groups;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends ServerSocketChannel> serverSocketChannel;

    IoTransport(BiFunction<Integer, ThreadFactory, EventLoopGroup> groups,
                Class<? extends SocketChannel> socketChannel,
                Class<? extends ServerSocketChannel> serverSocketChannel) {
        this.groups = groups;
        this.socketChannel = socketChannel;
        this.serverSocketChannel = serverSocketChannel;
    }

    /** Epoll if it is available here, else NIO. */
    public static IoTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** A group of {@code threads} event loops of this implementation. */
    public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return groups.apply(threads, threadFactory);
    }

    /** The client socket channel class that runs on {@link #newGroup}'s loops. */
    public Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    /** The listening socket channel class that runs on {@link #newGroup}'s loops. */
    public Class<? extends ServerSocketChannel> serverSocketChannel() {
        return serverSocketChannel;
    }
}
