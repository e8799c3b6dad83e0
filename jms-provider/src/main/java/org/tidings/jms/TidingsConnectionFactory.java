package org.tidings.jms;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import org.tidings.jms.client.ConnectionSettings;
import org.tidings.jms.connection.TidingsConnection;
import org.tidings.jms.context.TidingsJMSContext;

import java.io.Serializable;

/**
 * The entry point of the Tidings JMS provider: makes connections to one broker, named by a URL such as
 * {@code tcp://127.0.0.1:7766?jms.prefetch=100}. URL options: {@code jms.prefetch} (default 1000; 0 fetches one
 * message per receive), {@code jms.username}, {@code jms.password}, {@code jms.clientID},
 * {@code transport.connectTimeout} and {@code transport.heartbeat} (milliseconds).
 *
 * <p>Thread-safe and cheap; each {@link #createConnection()} opens a new TCP connection and completes the
 * handshake before it returns, so a wrong password fails there with {@link jakarta.jms.JMSSecurityException} and an
 * unreachable broker with a {@link JMSException} that names the address.
 */
public class TidingsConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable {

    private static final long serialVersionUID = 1L;

    private final ConnectionSettings settings;

    /**
     * @param url {@code tcp://host:port} with optional options
     * @throws IllegalArgumentException when the URL or one of its options is invalid
     */
    public TidingsConnectionFactory(String url) {
        this.settings = ConnectionSettings.parse(url);
    }

    /** The broker host this factory connects to. */
    public String getHost() {
        return settings.host();
    }

    /** The broker port this factory connects to. */
    public int getPort() {
        return settings.port();
    }

    /** The prefetch window of every consumer; 0 means one message is fetched per receive. */
    public int getPrefetch() {
        return settings.prefetch();
    }

    /** The client id every connection of this factory gets ({@code jms.clientID}), or {@code null}. */
    public String getClientID() {
        return settings.clientId();
    }

    @Override
    public Connection createConnection() throws JMSException {
        return TidingsConnection.open(settings);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return TidingsConnection.open(settings.withCredentials(userName, password));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return TidingsConnection.open(settings);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return TidingsConnection.open(settings.withCredentials(userName, password));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return TidingsConnection.open(settings);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return TidingsConnection.open(settings.withCredentials(userName, password));
    }

    @Override
    public JMSContext createContext() {
        return TidingsJMSContext.open(settings, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return TidingsJMSContext.open(settings.withCredentials(userName, password), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return TidingsJMSContext.open(settings.withCredentials(userName, password), sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return TidingsJMSContext.open(settings, sessionMode);
    }

    @Override
    public String toString() {
        return "TidingsConnectionFactory[tcp://" + settings.host() + ":" + settings.port() + "]";
    }
}
