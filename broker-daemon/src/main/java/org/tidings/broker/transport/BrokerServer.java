package org.tidings.broker.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.addressing.AddressRegistry;
import org.tidings.broker.addressing.BrokerCore;
import org.tidings.broker.addressing.RecoveryLoader;
import org.tidings.broker.config.BrokerConfig;
import org.tidings.broker.config.StoreType;
import org.tidings.broker.protocol.BrokerContext;
import org.tidings.broker.store.MessageStore;
import org.tidings.broker.store.mapdb.MapDbMessageStore;
import org.tidings.broker.store.memory.InMemoryMessageStore;
import org.tidings.protocol.io.IoTransport;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A running broker: opens the store, recovers it on the core thread, then binds the acceptor.
 *
 * <p>Threads: one acceptor thread; one core thread ({@link BrokerCore}) that is the event loop of every client
 * channel and owns all broker state; the store's own thread. {@link #start} and {@link #close} are called from one
 * controlling thread (main, a shutdown hook, a test).
 */
public final class BrokerServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerServer.class);

    private final BrokerConfig config;
    private MessageStore store;
    private EventLoopGroup acceptorGroup;
    private EventLoopGroup coreGroup;
    private ChannelGroup channels;
    private Channel serverChannel;
    private int port;
    private boolean closed;

    public BrokerServer(BrokerConfig config) {
        this.config = config;
    }

    /** Starts the broker; on failure everything opened so far is closed again and the failure is thrown. */
    public BrokerServer start() throws Exception {
        try {
            store = openStore();
            IoTransport io = IoTransport.best();
            acceptorGroup = io.newGroup(1, new DefaultThreadFactory("tidings-acceptor"));
            coreGroup = io.newGroup(1, new DefaultThreadFactory("tidings-core"));
            BrokerCore core = new BrokerCore(coreGroup.next(), store, config.messageBodiesBytes(),
                    config.flowControl().limitBytes(Runtime.getRuntime().maxMemory()));
            AddressRegistry registry = new AddressRegistry(core, config.destinations());
            BrokerContext context = new BrokerContext(config, core, registry);
            recover(core, registry, context);
            core.executor().submit(context::watchDisk).get();
            channels = new DefaultChannelGroup("tidings-connections", core.executor());
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptorGroup, coreGroup)
                    .channel(io.serverSocketChannel())
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new BrokerChannelInitializer(context, channels));
            serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
            port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
            LOG.info("Tidings broker listening on {}:{}, data in {} ({} store, {} I/O)", config.host(), port,
                    config.dataDir().toAbsolutePath(), config.storeType().name().toLowerCase(Locale.ROOT),
                    io.name().toLowerCase(Locale.ROOT));
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return port;
    }

    /** Stops accepting, closes every connection, stops the threads, then closes the store. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (channels != null) {
            channels.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        if (acceptorGroup != null) {
            acceptorGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        if (coreGroup != null) {
            coreGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        if (store != null) {
            store.close();
        }
        LOG.info("Tidings broker stopped");
    }

    private MessageStore openStore() {
        if (config.storeType() == StoreType.MEMORY) {
            return new InMemoryMessageStore();
        }
        return new MapDbMessageStore(config.dataDir());
    }

    private static void recover(BrokerCore core, AddressRegistry registry, BrokerContext context)
            throws InterruptedException, ExecutionException {
        try {
            core.executor().submit(() -> new RecoveryLoader(core, registry, context.limits()).load()).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
