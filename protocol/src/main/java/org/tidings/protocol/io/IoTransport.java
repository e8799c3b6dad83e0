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

/**
 * The Netty I/O implementation client and broker use: Linux's native epoll where Netty's native library loads (fewer
 * system calls and cheaper wake-ups per frame than Java NIO), Java NIO everywhere else. Netty's own
 * {@code -Dio.netty.transport.noNative=true} forces NIO.
 */
public enum IoTransport {
    EPOLL {
        @Override
        public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
            return new EpollEventLoopGroup(threads, threadFactory);
        }

        @Override
        public Class<? extends SocketChannel> socketChannel() {
            return EpollSocketChannel.class;
        }

        @Override
        public Class<? extends ServerSocketChannel> serverSocketChannel() {
            return EpollServerSocketChannel.class;
        }
    },
    NIO {
        @Override
        public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
            return new NioEventLoopGroup(threads, threadFactory);
        }

        @Override
        public Class<? extends SocketChannel> socketChannel() {
            return NioSocketChannel.class;
        }

        @Override
        public Class<? extends ServerSocketChannel> serverSocketChannel() {
            return NioServerSocketChannel.class;
        }
    };

    /** Epoll if it is available here, else NIO. */
    public static IoTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** A group of {@code threads} event loops of this implementation. */
    public abstract EventLoopGroup newGroup(int threads, ThreadFactory threadFactory);

    /** The client socket channel class that runs on {@link #newGroup}'s loops. */
    public abstract Class<? extends SocketChannel> socketChannel();

    /** The listening socket channel class that runs on {@link #newGroup}'s loops. */
    public abstract Class<? extends ServerSocketChannel> serverSocketChannel();
}
