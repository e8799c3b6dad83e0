package org.tidings.jms.connection;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.tidings.jms.TemporaryDestinationOwner;
import org.tidings.jms.TidingsDestination;
import org.tidings.jms.TidingsTemporaryQueue;
import org.tidings.jms.TidingsTemporaryTopic;
import org.tidings.jms.client.BrokerErrorException;
import org.tidings.jms.client.ClientConnection;
import org.tidings.jms.client.ConnectionSettings;
import org.tidings.jms.session.TidingsSession;
import org.tidings.jms.support.JmsExceptions;
import org.tidings.protocol.frame.CreateTemporaryDestination;
import org.tidings.protocol.frame.DeleteTemporaryDestination;
import org.tidings.protocol.frame.ReplayDeadLetters;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.SetClientId;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JMS connection: one TCP connection to the broker, shared by its sessions.
 *
 * <p>Thread-safe, as JMS requires. {@link #close()} and {@link #stop()} wait for message listeners that are
 * running to return; calling them from a listener of this connection throws {@link IllegalStateException}. The
 * {@link ExceptionListener} is called on a thread of its own when the connection to the broker is lost.
 */
public final class TidingsConnection implements QueueConnection, TopicConnection, TemporaryDestinationOwner {

    private static final String VERSION = versionOf(TidingsConnection.class);

    private final ClientConnection core;
    private final List<TidingsSession> sessions = new CopyOnWriteArrayList<>();
    private final Object lifecycle = new Object();
    private volatile ExceptionListener exceptionListener;
    private volatile String clientId;
    private volatile boolean clientIdFixed;
    private volatile boolean closed;

    private TidingsConnection(ClientConnection core, String clientId) {
        this.core = core;
        this.clientId = clientId;
        this.clientIdFixed = clientId != null;
    }

    /** Connects and shakes hands with the broker. */
    public static TidingsConnection open(ConnectionSettings settings) throws JMSException {
        TidingsConnection[] self = new TidingsConnection[1];
        try {
            ClientConnection core = ClientConnection.open(settings, cause -> {
                TidingsConnection connection = self[0];
                if (connection != null) {
                    connection.connectionLost(cause);
                }
            });
            self[0] = new TidingsConnection(core, settings.clientId());
            return self[0];
        } catch (BrokerErrorException e) {
            throw JmsExceptions.from(e);
        } catch (IOException e) {
            throw JmsExceptions.from(e);
        }
    }

    /** The client core under this connection; for the facade's sessions. */
    public ClientConnection core() {
        return core;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode);
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return openSession(sessionMode, TidingsSession.Domain.ANY);
    }

    @Override
    public Session createSession() throws JMSException {
        return openSession(Session.AUTO_ACKNOWLEDGE, TidingsSession.Domain.ANY);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return openSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, TidingsSession.Domain.QUEUE);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return openSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, TidingsSession.Domain.TOPIC);
    }

    private TidingsSession openSession(int sessionMode, TidingsSession.Domain domain) throws JMSException {
        checkOpen();
        clientIdFixed = true;
        TidingsSession session = TidingsSession.open(this, sessionMode, domain);
        sessions.add(session);
        return session;
    }

    /** Called by a session once it is closed. */
    public void sessionClosed(TidingsSession session) {
        sessions.remove(session);
    }

    /**
     * Moves the messages waiting on a dead-letter or expiry queue that match {@code selector} ({@code null} or empty:
     * all) back to the destination each was first sent to, without its {@code TIDINGS_DLQ_*} properties and with a
     * fresh delivery count; each message leaves the queue and arrives at its destination in one durable step.
     * Messages being delivered to a consumer of the queue, and messages for temporary destinations, stay. A Tidings
     * extension: cast a connection to {@code TidingsConnection} to use it.
     *
     * @return how many messages moved
     * @throws jakarta.jms.InvalidSelectorException if {@code selector} is not a valid message selector
     */
    public int replayDeadLetters(Queue deadLetterQueue, String selector) throws JMSException {
        checkOpen();
        String filter = selector == null || selector.isBlank() ? null : selector;
        if (deadLetterQueue == null) {
            throw new InvalidDestinationException("the dead-letter queue must not be null");
        }
        DestinationRef queue = TidingsDestination.refOf(deadLetterQueue);
        Response answer = (Response) JmsExceptions.call(core, id -> new ReplayDeadLetters(id, queue, filter));
        return Integer.parseInt(answer.value());
    }

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return clientId;
    }

    @Override
    public void setClientID(String id) throws JMSException {
        checkOpen();
        if (clientIdFixed) {
            throw new IllegalStateException("the client id can only be set once, right after the connection is "
                    + "created and before it is used" + (clientId == null ? "" : "; it is '" + clientId + "'"));
        }
        if (id == null || id.isEmpty()) {
            throw new jakarta.jms.InvalidClientIDException("client id must not be empty");
        }
        JmsExceptions.call(core, requestId -> new SetClientId(requestId, id));
        clientId = id;
        clientIdFixed = true;
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        clientIdFixed = true;
        return new TidingsConnectionMetaData(VERSION);
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        clientIdFixed = true;
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        clientIdFixed = true;
        exceptionListener = listener;
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
        clientIdFixed = true;
        synchronized (lifecycle) {
            try {
                core.start();
            } catch (IOException e) {
                throw JmsExceptions.from(e);
            }
        }
    }

    @Override
    public void stop() throws JMSException {
        checkOpen();
        clientIdFixed = true;
        refuseFromOwnCallbacks("stop", false);
        synchronized (lifecycle) {
            core.stop();
            for (TidingsSession session : sessions) {
                session.awaitListenerIdle();
            }
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        refuseFromOwnCallbacks("close", true);
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            core.stop();
            JMSException first = null;
            for (TidingsSession session : sessions) {
                try {
                    session.close();
                } catch (JMSException e) {
                    first = first == null ? e : first;
                }
            }
            boolean wasOpen = core.isOpen();
            closed = true;
            core.close();
            if (first != null && wasOpen) {
                throw first;
            }
        }
    }

    /**
     * Refuses {@code what} from a message listener of this connection, and with {@code completionsToo} also from a
     * CompletionListener: both would wait for themselves. A CompletionListener may stop its connection (JMS forbids
     * it only close).
     */
    private void refuseFromOwnCallbacks(String what, boolean completionsToo) throws IllegalStateException {
        for (TidingsSession session : sessions) {
            if (session.isListenerThread()) {
                throw new IllegalStateException("a message listener must not " + what + " its own connection");
            }
            if (completionsToo && session.isCompletionThread()) {
                throw new IllegalStateException("a CompletionListener must not " + what + " its own connection");
            }
        }
    }

    /** Whether close() was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Throws {@link IllegalStateException} when the connection is closed. */
    public void checkOpen() throws IllegalStateException {
        if (closed) {
            throw JmsExceptions.closed("connection");
        }
    }

    /** Creates a temporary queue or topic owned by this connection. */
    public TidingsDestination createTemporary(boolean topic) throws JMSException {
        checkOpen();
        DestinationKind kind = topic ? DestinationKind.TEMPORARY_TOPIC : DestinationKind.TEMPORARY_QUEUE;
        Response answer = (Response) JmsExceptions.call(core, id -> new CreateTemporaryDestination(id, kind));
        return topic ? new TidingsTemporaryTopic(answer.value(), this)
                : new TidingsTemporaryQueue(answer.value(), this);
    }

    @Override
    public void deleteTemporaryDestination(TidingsDestination destination) throws JMSException {
        checkOpen();
        JmsExceptions.call(core, id -> new DeleteTemporaryDestination(id, destination.toRef()));
    }

    private void connectionLost(IOException cause) {
        ExceptionListener listener = exceptionListener;
        if (listener == null || closed) {
            return;
        }
        JMSException exception = JmsExceptions.from(cause);
        Thread notifier = new Thread(() -> listener.onException(exception), "tidings-exception-listener");
        notifier.setDaemon(true);
        notifier.start();
    }

    /** Server session pools are for application servers; Tidings's resource adapter does not need them. */
    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersUnsupported();
    }

    /** Not supported, as {@link #createConnectionConsumer(Destination, String, ServerSessionPool, int)}. */
    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersUnsupported();
    }

    /** Not supported, as {@link #createConnectionConsumer(Destination, String, ServerSessionPool, int)}. */
    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersUnsupported();
    }

    /** Not supported, as {@link #createConnectionConsumer(Destination, String, ServerSessionPool, int)}. */
    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
                                                             String messageSelector, ServerSessionPool sessionPool,
                                                             int maxMessages) throws JMSException {
        throw connectionConsumersUnsupported();
    }

    /** Not supported, as {@link #createConnectionConsumer(Destination, String, ServerSessionPool, int)}. */
    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                              String messageSelector, ServerSessionPool sessionPool,
                                                              int maxMessages) throws JMSException {
        throw connectionConsumersUnsupported();
    }

    /** Not supported, as {@link #createConnectionConsumer(Destination, String, ServerSessionPool, int)}. */
    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw connectionConsumersUnsupported();
    }

    private static JMSException connectionConsumersUnsupported() {
        return new JMSException("connection consumers (ServerSessionPool) are an optional JMS feature Tidings does "
                + "not provide; use a MessageListener or the resource adapter");
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "0.1.0" : version;
    }
}
