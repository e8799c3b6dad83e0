package org.tidings.jms.client.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.tidings.protocol.io.IoTransport;

import java.util.concurrent.TimeUnit;

/**
 * The I/O threads all connections of this JVM share ({@code tidings-client-io-N}), one per processor, on the best
 * {@link IoTransport} here: a program with many connections does not get a thread per connection, and busy
 * connections still spread over the cores. Created with the first connection and shut down when the last one closes,
 * so nothing lingers in an application server.
 *
 * <p>Threading: {@link #acquire} and {@link #release} are synchronized and may be called from any thread.
 */
final class SharedEventLoops {

    private static final IoTransport IO = IoTransport.best();
    private static EventLoopGroup group;
    private static int users;

    private SharedEventLoops() {
    }

    static synchronized EventLoopGroup acquire() {
        if (group == null) {
            int threads = Runtime.getRuntime().availableProcessors();
            group = IO.newGroup(threads, new DefaultThreadFactory("tidings-client-io", true));
        }
        users++;
        return group;
    }

    /** The I/O implementation of the group's loops. */
    static IoTransport io() {
        return IO;
    }

    static synchronized void release() {
        if (--users == 0) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            group = null;
        }
    }
}
