package org.tidings.broker.testing;

import org.tidings.broker.config.BrokerConfig;
import org.tidings.broker.config.StoreType;
import org.tidings.broker.transport.BrokerServer;

import java.nio.file.Path;

/** Starts a {@link BrokerServer} in this JVM on an ephemeral port, for protocol-level tests. */
public final class InJvmBroker {

    private InJvmBroker() {
    }

    public static BrokerServer memory(int maxMessageSize) throws Exception {
        return new BrokerServer(BrokerConfig.defaults().withPort(0).withStoreType(StoreType.MEMORY)
                .withMaxMessageSize(maxMessageSize)).start();
    }

    public static BrokerServer mapDb(Path dataDir) throws Exception {
        return new BrokerServer(BrokerConfig.defaults().withPort(0).withDataDir(dataDir)).start();
    }
}
