package org.tidings.broker.protocol;

import org.tidings.broker.addressing.AddressRegistry;
import org.tidings.broker.addressing.BrokerCore;
import org.tidings.broker.addressing.MessageRouter;
import org.tidings.broker.config.BrokerConfig;
import org.tidings.broker.config.StoreType;
import org.tidings.broker.store.DiskSpace;
import org.tidings.broker.security.UserRegistry;
import org.tidings.protocol.codec.FrameLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * What every connection of one broker shares: the core, its destinations, the router, the client ids in use and
 * the limits. Core thread only.
 */
public final class BrokerContext {

    private final BrokerConfig config;
    private final BrokerCore core;
    private final AddressRegistry registry;
    private final MessageRouter router;
    private final FrameLimits limits;
    private final ClientIdRegistry clientIds = new ClientIdRegistry();
    private final UserRegistry users;
    private final OutboundFlusher flusher;
    private final ProducerFlowControl flowControl;
    private final DiskSpace disk;
    private final String instance = Long.toHexString(System.currentTimeMillis());
    private long connectionCounter;

    public BrokerContext(BrokerConfig config, BrokerCore core, AddressRegistry registry) {
        this.config = config;
        this.core = core;
        this.registry = registry;
        this.router = new MessageRouter(core, registry);
        this.limits = FrameLimits.forMaxMessageSize(config.maxMessageSize());
        this.flusher = new OutboundFlusher(core);
        this.disk = new DiskSpace(config.dataDir(), config.storeType() == StoreType.MAPDB
                ? config.flowControl().minFreeDiskMiB() * 1024L * 1024L : 0);
        this.flowControl = new ProducerFlowControl(core.memory(), disk, config.flowControl().failWhenFull());
        this.users = users(config);
    }

    private static UserRegistry users(BrokerConfig config) {
        if (config.usersFile() == null) {
            return UserRegistry.open();
        }
        try {
            return UserRegistry.load(config.usersFile(), config.allowAnonymous());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + config.usersFile(), e);
        }
    }

    /** Who may connect. */
    UserRegistry users() {
        return users;
    }

    public BrokerConfig config() {
        return config;
    }

    public BrokerCore core() {
        return core;
    }

    public AddressRegistry registry() {
        return registry;
    }

    MessageRouter router() {
        return router;
    }

    public FrameLimits limits() {
        return limits;
    }

    ClientIdRegistry clientIds() {
        return clientIds;
    }

    /** Measures the store's free disk now and then every second, on the core. */
    public void watchDisk() {
        disk.check();
        core.executor().scheduleAtFixedRate(disk::check, 1, 1, TimeUnit.SECONDS);
    }

    ProducerFlowControl flowControl() {
        return flowControl;
    }

    OutboundFlusher flusher() {
        return flusher;
    }

    long nextConnectionId() {
        return ++connectionCounter;
    }

    /** A connection id that stays unique across broker restarts. */
    String connectionName(long connectionId) {
        return "ID:" + instance + "-" + connectionId;
    }
}
