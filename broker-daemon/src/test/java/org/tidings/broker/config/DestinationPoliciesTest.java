package org.tidings.broker.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each setting comes from the most specific matching rule that sets it; bad rules are refused with the key. */
class DestinationPoliciesTest {

    @TempDir
    Path dir;

    @Test
    void theMostSpecificMatchingRuleWinsPerSetting() throws Exception {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, String.join("\n",
                "destination.*.maxDeliveryAttempts=3",
                "destination.*.redeliveryDelayMillis=1000",
                "destination.orders.*.maxDeliveryAttempts=5",
                "destination.orders.*.deadLetterQueue=orders.dead",
                "destination.orders.eu.maxDeliveryAttempts=7",
                "destination.*.eu.redeliveryMultiplier=3",
                ""));
        DestinationPolicies policies = BrokerConfigLoader.load(file).destinations();

        DestinationSettings eu = policies.settingsFor("orders.eu");
        assertThat(eu.maxDeliveryAttempts()).isEqualTo(7);
        assertThat(eu.deadLetterQueueOf("orders.eu")).isEqualTo("orders.dead");
        assertThat(eu.redeliveryDelayMillis()).isEqualTo(1000);
        assertThat(eu.redeliveryMultiplier()).isEqualTo(3.0);

        DestinationSettings us = policies.settingsFor("orders.us");
        assertThat(us.maxDeliveryAttempts()).isEqualTo(5);
        assertThat(us.redeliveryMultiplier()).isEqualTo(DestinationSettings.DEFAULTS.redeliveryMultiplier());

        DestinationSettings other = policies.settingsFor("invoices");
        assertThat(other.maxDeliveryAttempts()).isEqualTo(3);
        assertThat(other.deadLetterQueueOf("invoices")).isEqualTo("DLQ.invoices");
        assertThat(other.expiryQueueOf("invoices")).isEqualTo("ExpiryQueue");
        assertThat(policies.with("invoices", "expiryQueue", "").settingsFor("invoices").expiryQueueOf("invoices"))
                .isNull();
        assertThat(DestinationPolicies.NONE.settingsFor("x")).isEqualTo(DestinationSettings.DEFAULTS);
    }

    @Test
    void patternsMatchAnyRunOfCharactersAtTheirStars() {
        DestinationPolicies policies = DestinationPolicies.NONE.with("a*b*c", "maxDeliveryAttempts", "1");
        assertThat(policies.settingsFor("abc").maxDeliveryAttempts()).isEqualTo(1);
        assertThat(policies.settingsFor("a.x.b.y.c").maxDeliveryAttempts()).isEqualTo(1);
        assertThat(policies.settingsFor("a.c.b").maxDeliveryAttempts()).isEqualTo(10);
        assertThat(policies.settingsFor("abcd").maxDeliveryAttempts()).isEqualTo(10);
    }

    @Test
    void redeliveryDelaysGrowByTheMultiplierUpToTheMaximum() {
        DestinationSettings settings = DestinationPolicies.NONE.with("q", "redeliveryDelayMillis", "1000")
                .with("q", "redeliveryMultiplier", "2").with("q", "maxRedeliveryDelayMillis", "5000")
                .settingsFor("q");
        assertThat(settings.redeliveryDelay(1)).isEqualTo(1000);
        assertThat(settings.redeliveryDelay(2)).isEqualTo(2000);
        assertThat(settings.redeliveryDelay(3)).isEqualTo(4000);
        assertThat(settings.redeliveryDelay(4)).isEqualTo(5000);
        assertThat(settings.attemptsExhausted(9)).isFalse();
        assertThat(settings.attemptsExhausted(10)).isTrue();
        assertThat(DestinationSettings.DEFAULTS.redeliveryDelay(5)).isZero();
    }

    @Test
    void unknownSettingsAndBadValuesAreRefusedNamingTheKey() throws Exception {
        Path unknown = dir.resolve("unknown.properties");
        Files.writeString(unknown, "destination.orders.maxAttempts=3\n");
        assertThatThrownBy(() -> BrokerConfigLoader.load(unknown))
                .hasMessageContaining("destination.orders.maxAttempts").hasMessageContaining("maxDeliveryAttempts");

        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "destination.orders.redeliveryMultiplier=0.5\n");
        assertThatThrownBy(() -> BrokerConfigLoader.load(bad))
                .hasMessageContaining("destination.orders.redeliveryMultiplier").hasMessageContaining("below 1");

        Path noPattern = dir.resolve("nopattern.properties");
        Files.writeString(noPattern, "destination.maxDeliveryAttempts=3\n");
        assertThatThrownBy(() -> BrokerConfigLoader.load(noPattern))
                .hasMessageContaining("destination.<pattern>.<setting>");
    }
}
