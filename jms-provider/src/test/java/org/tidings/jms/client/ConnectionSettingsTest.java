package org.tidings.jms.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTest {

    @Test
    void defaultsApplyWhenOnlyHostIsGiven() {
        ConnectionSettings settings = ConnectionSettings.parse("tcp://broker.example");
        assertThat(settings.host()).isEqualTo("broker.example");
        assertThat(settings.port()).isEqualTo(ConnectionSettings.DEFAULT_PORT);
        assertThat(settings.prefetch()).isEqualTo(ConnectionSettings.DEFAULT_PREFETCH);
        assertThat(settings.clientId()).isNull();
        assertThat(settings.username()).isNull();
    }

    @Test
    void optionsAreReadAndDecoded() {
        ConnectionSettings settings = ConnectionSettings.parse(
                "tcp://127.0.0.1:7000?jms.prefetch=0&jms.clientID=orders%20app&jms.username=u&jms.password=p%26q"
                        + "&transport.heartbeat=0&transport.connectTimeout=500");
        assertThat(settings.port()).isEqualTo(7000);
        assertThat(settings.prefetch()).isZero();
        assertThat(settings.clientId()).isEqualTo("orders app");
        assertThat(settings.username()).isEqualTo("u");
        assertThat(settings.password()).isEqualTo("p&q");
        assertThat(settings.heartbeatMillis()).isZero();
        assertThat(settings.connectTimeoutMillis()).isEqualTo(500);
    }

    @Test
    void typosAndBadValuesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> ConnectionSettings.parse("tcp://h:1?jms.prefech=5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jms.prefech");
        assertThatThrownBy(() -> ConnectionSettings.parse("tcp://h:1?jms.prefetch=many"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jms.prefetch");
        assertThatThrownBy(() -> ConnectionSettings.parse("tcp://h:1?jms.prefetch=-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jms.prefetch");
        assertThatThrownBy(() -> ConnectionSettings.parse("http://h:1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tcp://host:port");
        assertThatThrownBy(() -> ConnectionSettings.parse(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withersReplaceOneField() {
        ConnectionSettings base = ConnectionSettings.parse("tcp://h:1");
        assertThat(base.withCredentials("a", "b").username()).isEqualTo("a");
        assertThat(base.withClientId("c").clientId()).isEqualTo("c");
        assertThat(base.withPrefetch(7).prefetch()).isEqualTo(7);
    }
}
