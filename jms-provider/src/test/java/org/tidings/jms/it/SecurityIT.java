package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tidings.broker.testing.BrokerProcessExtension;
import org.tidings.jms.TidingsConnectionFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broker with a users file and anonymous access off: only the right credentials get a connection. */
@Timeout(60)
class SecurityIT {

    @RegisterExtension
    static final BrokerProcessExtension broker = new BrokerProcessExtension("--config", securedConfig());

    private static String securedConfig() {
        try {
            Path directory = Files.createTempDirectory("tidings-secured");
            Files.writeString(directory.resolve("users.properties"), "alice=s3cret\n");
            Path config = directory.resolve("broker.properties");
            Files.writeString(config, "security.users=users.properties\nsecurity.allowAnonymous=false\n");
            return config.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TidingsConnectionFactory factory() {
        return new TidingsConnectionFactory(broker.url());
    }

    @Test
    void theRightCredentialsConnect() throws Exception {
        try (Connection connection = factory().createConnection("alice", "s3cret")) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("secured")).send(session.createTextMessage("in"));
            TextMessage received = (TextMessage) session.createConsumer(session.createQueue("secured"))
                    .receive(5000);
            assertThat(received.getText()).isEqualTo("in");
        }
    }

    @Test
    void aWrongPasswordAnUnknownUserOrNoUserIsRefusedWithJmsSecurityException() {
        assertThatThrownBy(() -> factory().createConnection("alice", "guess"))
                .isInstanceOf(JMSSecurityException.class).hasMessageContaining("alice");
        assertThatThrownBy(() -> factory().createConnection("mallory", "s3cret"))
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory().createConnection())
                .isInstanceOf(JMSSecurityException.class).hasMessageContaining("requires a user name");
        assertThatThrownBy(() -> factory().createContext("alice", "guess", JMSContext.AUTO_ACKNOWLEDGE))
                .isInstanceOf(JMSSecurityRuntimeException.class);
    }
}
