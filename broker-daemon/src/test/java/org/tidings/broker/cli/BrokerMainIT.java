package org.tidings.broker.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tidings.broker.testing.BrokerProcessExtension;
import org.tidings.broker.testing.TestWireClient;
import org.tidings.protocol.frame.CreateSession;
import org.tidings.protocol.frame.SessionMode;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a separate process: ready file, a working connection, clean exit on SIGTERM. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrokerMainIT {

    @RegisterExtension
    static final BrokerProcessExtension BROKER = new BrokerProcessExtension();

    @Test
    void startsAnswersAndRestartsOnTheSameDataDirectory() throws Exception {
        try (TestWireClient client = TestWireClient.connect(BROKER.port(), "main-it")) {
            assertThat(client.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE)).isOk()).isTrue();
        }
        BROKER.stopBroker();
        BROKER.restart();
        try (TestWireClient client = TestWireClient.connect(BROKER.port(), "main-it")) {
            assertThat(client.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE)).isOk()).isTrue();
        }
    }
}
