package org.tidings.broker.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The broker's settings, immutable. Keys of the properties file (see {@link BrokerConfigLoader}):
 * <table>
 *   <caption>configuration keys</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code transport.host}</td><td>127.0.0.1</td></tr>
 *   <tr><td>{@code transport.port}</td><td>7766 (0 = ephemeral)</td></tr>
 *   <tr><td>{@code transport.maxMessageSize}</td><td>10485760</td></tr>
 *   <tr><td>{@code transport.heartbeatMillis}</td><td>30000 (0 = off)</td></tr>
 *   <tr><td>{@code store.dataDir}</td><td>./data</td></tr>
 *   <tr><td>{@code store.type}</td><td>mapdb (or memory)</td></tr>
 *   <tr><td>{@code security.users}</td><td>none: security off. A properties file of {@code user=password}
 *       lines; then connections must authenticate</td></tr>
 *   <tr><td>{@code security.allowAnonymous}</td><td>true: with {@code security.users}, whether connections
 *       without a user name are accepted</td></tr>
 *   <tr><td>{@code memory.messageBodiesMiB}</td><td>32: stored message bodies kept in memory in all, each queue
 *       within its {@code bodyWindowMiB} (see {@link DestinationSettings}); the rest are read back from the store
 *       when delivered</td></tr>
 *   <tr><td>{@code memory.maxQueuedMiB}</td><td>0: 70 % of the heap. Memory for queued messages; beyond it
 *       producers wait (see {@link FlowControl})</td></tr>
 *   <tr><td>{@code memory.whenFull}</td><td>block (or fail: sends are refused while full)</td></tr>
 *   <tr><td>{@code store.minFreeDiskMiB}</td><td>256: below this much free disk producers are held back as when
 *       memory is full</td></tr>
 *   <tr><td>{@code destination.<pattern>.<setting>}</td><td>see {@link DestinationPolicies} and
 *       {@link DestinationSettings}: redelivery and dead-letter settings by destination name</td></tr>
 * </table>
 */
public record BrokerConfig(String host, int port, Path dataDir, int maxMessageSize, int heartbeatMillis,
                           StoreType storeType, int messageBodiesMiB, Path usersFile, boolean allowAnonymous,
                           DestinationPolicies destinations, FlowControl flowControl) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7766;
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 10 * 1024 * 1024;
    public static final int DEFAULT_HEARTBEAT_MILLIS = 30_000;
    public static final int DEFAULT_MESSAGE_BODIES_MIB = 32;

    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(storeType, "storeType");
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(flowControl, "flowControl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 0..65535");
        }
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("maxMessageSize " + maxMessageSize + " below 1024 bytes");
        }
        if (messageBodiesMiB < 0) {
            throw new IllegalArgumentException("messageBodiesMiB " + messageBodiesMiB + " is negative");
        }
        if (heartbeatMillis < 0) {
            throw new IllegalArgumentException("heartbeatMillis " + heartbeatMillis + " is negative");
        }
    }

    /** All defaults. */
    public static BrokerConfig defaults() {
        return new BrokerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_DATA_DIR, DEFAULT_MAX_MESSAGE_SIZE,
                DEFAULT_HEARTBEAT_MILLIS, StoreType.MAPDB, DEFAULT_MESSAGE_BODIES_MIB, null, true,
                DestinationPolicies.NONE, FlowControl.DEFAULTS);
    }

    public BrokerConfig withHost(String value) {
        return new BrokerConfig(value, port, dataDir, maxMessageSize, heartbeatMillis, storeType, messageBodiesMiB,
                usersFile, allowAnonymous, destinations, flowControl);
    }

    public BrokerConfig withPort(int value) {
        return new BrokerConfig(host, value, dataDir, maxMessageSize, heartbeatMillis, storeType, messageBodiesMiB,
                usersFile, allowAnonymous, destinations, flowControl);
    }

    public BrokerConfig withDataDir(Path value) {
        return new BrokerConfig(host, port, value, maxMessageSize, heartbeatMillis, storeType, messageBodiesMiB,
                usersFile, allowAnonymous, destinations, flowControl);
    }

    public BrokerConfig withMaxMessageSize(int value) {
        return new BrokerConfig(host, port, dataDir, value, heartbeatMillis, storeType, messageBodiesMiB,
                usersFile, allowAnonymous, destinations, flowControl);
    }

    public BrokerConfig withHeartbeatMillis(int value) {
        return new BrokerConfig(host, port, dataDir, maxMessageSize, value, storeType, messageBodiesMiB,
                usersFile, allowAnonymous, destinations, flowControl);
    }

    public BrokerConfig withStoreType(StoreType value) {
        return new BrokerConfig(host, port, dataDir, maxMessageSize, heartbeatMillis, value, messageBodiesMiB,
                usersFile, allowAnonymous, destinations, flowControl);
    }

    /** Bytes of stored message bodies the broker keeps in memory. */
    public long messageBodiesBytes() {
        return messageBodiesMiB * 1024L * 1024L;
    }

    public BrokerConfig withMessageBodiesMiB(int value) {
        return new BrokerConfig(host, port, dataDir, maxMessageSize, heartbeatMillis, storeType, value,
                usersFile, allowAnonymous, destinations, flowControl);
    }

    public BrokerConfig withUsersFile(Path value) {
        return new BrokerConfig(host, port, dataDir, maxMessageSize, heartbeatMillis, storeType, messageBodiesMiB,
                value, allowAnonymous, destinations, flowControl);
    }

    public BrokerConfig withDestinations(DestinationPolicies value) {
        return new BrokerConfig(host, port, dataDir, maxMessageSize, heartbeatMillis, storeType, messageBodiesMiB,
                usersFile, allowAnonymous, value, flowControl);
    }

    public BrokerConfig withFlowControl(FlowControl value) {
        return new BrokerConfig(host, port, dataDir, maxMessageSize, heartbeatMillis, storeType, messageBodiesMiB,
                usersFile, allowAnonymous, destinations, value);
    }

    public BrokerConfig withAllowAnonymous(boolean value) {
        return new BrokerConfig(host, port, dataDir, maxMessageSize, heartbeatMillis, storeType, messageBodiesMiB,
                usersFile, value, destinations, flowControl);
    }
}
