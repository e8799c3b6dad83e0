package org.tidings.broker.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class BrokerConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWithoutAFile() throws Exception {
        BrokerConfig config = BrokerConfigLoader.load(null);
        assertThat(config).isEqualTo(BrokerConfig.defaults());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(7766);
        assertThat(config.storeType()).isEqualTo(StoreType.MAPDB);
    }

    @Test
    void fileOverridesDefaults() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "transport.port=9000\nstore.type=memory\ntransport.maxMessageSize=2048\n");
        BrokerConfig config = BrokerConfigLoader.load(file);
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.storeType()).isEqualTo(StoreType.MEMORY);
        assertThat(config.maxMessageSize()).isEqualTo(2048);
        assertThat(config.heartbeatMillis()).isEqualTo(BrokerConfig.DEFAULT_HEARTBEAT_MILLIS);
    }

    @Test
    void unknownKeysAreRefused() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "transport.prot=9000\n");
        assertThatThrownBy(() -> BrokerConfigLoader.load(file)).hasMessageContaining("transport.prot");
    }
}
