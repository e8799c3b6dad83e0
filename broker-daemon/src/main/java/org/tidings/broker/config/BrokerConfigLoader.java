package org.tidings.broker.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a {@link BrokerConfig} from a properties file (keys listed on {@link BrokerConfig}); missing keys keep their
 * defaults, unknown keys are refused so a typo does not go unnoticed.
 */
public final class BrokerConfigLoader {

    private static final Set<String> KEYS = Set.of("transport.host", "transport.port", "transport.maxMessageSize",
            "transport.heartbeatMillis", "store.dataDir", "store.type", "memory.messageBodiesMiB", "security.users",
            "security.allowAnonymous", "memory.maxQueuedMiB", "memory.whenFull", "store.minFreeDiskMiB");

    private static final String DESTINATION_PREFIX = "destination.";

    private BrokerConfigLoader() {
    }

    /** The defaults overridden by {@code file}, or the defaults when {@code file} is {@code null}. */
    public static BrokerConfig load(Path file) throws IOException {
        BrokerConfig config = BrokerConfig.defaults();
        if (file == null) {
            return config;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return apply(config, properties, file);
    }

    static BrokerConfig apply(BrokerConfig config, Properties properties, Path source) {
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(DESTINATION_PREFIX)) {
                config = config.withDestinations(destinationRule(config.destinations(), key,
                        properties.getProperty(key).trim(), source));
                continue;
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + source + "; known: " + KEYS);
            }
            String value = properties.getProperty(key).trim();
            config = switch (key) {
                case "transport.host" -> config.withHost(value);
                case "transport.port" -> config.withPort(Values.integer(key, value));
                case "transport.maxMessageSize" -> config.withMaxMessageSize(Values.integer(key, value));
                case "transport.heartbeatMillis" -> config.withHeartbeatMillis(Values.integer(key, value));
                case "store.dataDir" -> config.withDataDir(Path.of(value));
                case "memory.messageBodiesMiB" -> config.withMessageBodiesMiB(Values.integer(key, value));
                case "security.users" -> config.withUsersFile(source == null ? Path.of(value)
                        : source.toAbsolutePath().resolveSibling(value));
                case "security.allowAnonymous" -> config.withAllowAnonymous(Values.bool(key, value));
                case "memory.maxQueuedMiB" -> config.withFlowControl(
                        config.flowControl().withMaxQueuedMiB(Values.integer(key, value)));
                case "memory.whenFull" -> config.withFlowControl(
                        config.flowControl().withFailWhenFull(whenFull(value)));
                case "store.minFreeDiskMiB" -> config.withFlowControl(
                        config.flowControl().withMinFreeDiskMiB(Values.integer(key, value)));
                default -> config.withStoreType(storeType(value));
            };
        }
        return config;
    }

    /** {@code destination.<pattern>.<setting>}: the pattern may contain dots, the setting is after the last one. */
    private static DestinationPolicies destinationRule(DestinationPolicies policies, String key, String value,
                                                       Path source) {
        String rest = key.substring(DESTINATION_PREFIX.length());
        int dot = rest.lastIndexOf('.');
        try {
            if (dot <= 0) {
                throw new IllegalArgumentException("expected destination.<pattern>.<setting>");
            }
            return policies.with(rest.substring(0, dot), rest.substring(dot + 1), value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + key + "' in " + source + ": " + e.getMessage(), e);
        }
    }

    /** {@code fail}: whether sends are refused while memory is full; {@code block}: producers wait. */
    private static boolean whenFull(String value) {
        if (value.equalsIgnoreCase("fail")) {
            return true;
        }
        if (value.equalsIgnoreCase("block")) {
            return false;
        }
        throw new IllegalArgumentException("memory.whenFull '" + value + "' is neither block nor fail");
    }

    /** Parses {@code mapdb} or {@code memory}, in any case. */
    public static StoreType storeType(String value) {
        try {
            return StoreType.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("store.type '" + value + "' is neither mapdb nor memory");
        }
    }
}
