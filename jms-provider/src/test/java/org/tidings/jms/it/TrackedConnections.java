package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Connections a test opened, started and closed after it; and small helpers every end-to-end test shares. */
abstract class TrackedConnections {

    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void closeConnections() throws JMSException {
        for (Connection connection : connections) {
            connection.close();
        }
        connections.clear();
    }

    /** Starts {@code connection} and closes it after the test. */
    protected Connection track(Connection connection) throws JMSException {
        connections.add(connection);
        connection.start();
        return connection;
    }

    /** The texts of the text messages on {@code queue}, browsed in delivery order. */
    protected static List<String> browseTexts(Session session, String queue) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            for (Object message : Collections.list(browser.getEnumeration())) {
                texts.add(((TextMessage) message).getText());
            }
        }
        return texts;
    }

    /** A broker configuration file of {@code lines}, for {@code --config}. */
    protected static String brokerConfig(String... lines) {
        try {
            Path file = Files.createTempFile("tidings-broker", ".properties");
            Files.write(file, List.of(lines));
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
