package org.tidings.jms.context;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.tidings.jms.client.ConnectionSettings;
import org.tidings.jms.connection.TidingsConnection;
import org.tidings.jms.producer.TidingsMessageProducer;
import org.tidings.jms.session.TidingsSession;
import org.tidings.jms.consumer.TidingsMessageConsumer;
import org.tidings.jms.support.Unchecked;

import java.io.Serializable;

/**
 * The simplified API: a connection and one session in one object. The session is opened on first use, so the client
 * id may still be set right after creation; a consumer starts the connection unless auto-start is off. Contexts
 * made by {@link #createContext(int)} share this context's connection, which closes with the last of them.
 *
 * <p>Threading: as a JMS session, used by one thread at a time; {@link #close()} and {@link #stop()} called from a
 * message listener of this context throw {@link IllegalStateRuntimeException}.
 */
public final class TidingsJMSContext implements JMSContext {

    private final SharedConnection shared;
    private final int sessionMode;
    private TidingsSession session;
    private TidingsMessageProducer anonymousProducer;
    private volatile boolean autoStart = true;
    private volatile boolean closed;

    private TidingsJMSContext(SharedConnection shared, int sessionMode) {
        this.shared = shared;
        this.sessionMode = sessionMode;
    }

    /** Opens a context on a new connection. */
    public static TidingsJMSContext open(ConnectionSettings settings, int sessionMode) {
        checkMode(sessionMode);
        TidingsConnection connection = Unchecked.call(() -> TidingsConnection.open(settings));
        return new TidingsJMSContext(new SharedConnection(connection), sessionMode);
    }

    private static void checkMode(int sessionMode) {
        if (sessionMode < Session.SESSION_TRANSACTED || sessionMode > Session.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSRuntimeException("invalid session mode " + sessionMode);
        }
    }

    @Override
    public JMSContext createContext(int mode) {
        checkOpen();
        checkMode(mode);
        return new TidingsJMSContext(shared.acquire(), mode);
    }

    private synchronized TidingsSession session() {
        checkOpen();
        if (session == null) {
            session = (TidingsSession) Unchecked.call(() -> shared.connection().createSession(sessionMode));
        }
        return session;
    }

    private TidingsConnection connection() {
        checkOpen();
        return shared.connection();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("this JMSContext is closed");
        }
    }

    @Override
    public synchronized JMSProducer createProducer() {
        TidingsSession own = session();
        if (anonymousProducer == null) {
            anonymousProducer = (TidingsMessageProducer) Unchecked.call(() -> own.createProducer(null));
        }
        return new TidingsJMSProducer(own, anonymousProducer);
    }

    @Override
    public String getClientID() {
        return Unchecked.call(() -> connection().getClientID());
    }

    @Override
    public void setClientID(String clientID) {
        Unchecked.run(() -> connection().setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        return Unchecked.call(() -> connection().getMetaData());
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return Unchecked.call(() -> connection().getExceptionListener());
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        Unchecked.run(() -> connection().setExceptionListener(listener));
    }

    @Override
    public void start() {
        Unchecked.run(() -> connection().start());
    }

    @Override
    public void stop() {
        Unchecked.run(() -> connection().stop());
    }

    @Override
    public void setAutoStart(boolean value) {
        checkOpen();
        autoStart = value;
    }

    @Override
    public boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        TidingsSession own;
        synchronized (this) {
            own = session;
        }
        if (own != null && (own.isListenerThread() || own.isCompletionThread())) {
            throw new IllegalStateRuntimeException("a listener must not close its own JMSContext");
        }
        closed = true;
        Unchecked.run(() -> {
            if (own != null) {
                own.close();
            }
            shared.release();
        });
    }

    @Override
    public BytesMessage createBytesMessage() {
        return Unchecked.call(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return Unchecked.call(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return Unchecked.call(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return Unchecked.call(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return Unchecked.call(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return Unchecked.call(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return Unchecked.call(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return Unchecked.call(() -> session().createTextMessage(text));
    }

    @Override
    public boolean getTransacted() {
        checkOpen();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        Unchecked.run(() -> session().commit());
    }

    @Override
    public void rollback() {
        Unchecked.run(() -> session().rollback());
    }

    @Override
    public void recover() {
        Unchecked.run(() -> session().recover());
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector) {
        return consumer(() -> session().createConsumer(destination, selector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String selector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, selector, noLocal));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, selector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String selector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, selector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String name, String selector) {
        return consumer(() -> session().createSharedConsumer(topic, name, selector));
    }

    private JMSConsumer consumer(Unchecked.JmsCall<MessageConsumer> create) {
        MessageConsumer consumer = Unchecked.call(create);
        if (autoStart) {
            start();
        }
        return new TidingsJMSConsumer((TidingsMessageConsumer) consumer);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return Unchecked.call(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) {
        return Unchecked.call(() -> session().createBrowser(queue, selector));
    }

    @Override
    public Queue createQueue(String name) {
        return Unchecked.call(() -> session().createQueue(name));
    }

    @Override
    public Topic createTopic(String name) {
        return Unchecked.call(() -> session().createTopic(name));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return Unchecked.call(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return Unchecked.call(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        Unchecked.run(() -> session().unsubscribe(name));
    }

    @Override
    public void acknowledge() {
        Unchecked.run(() -> session().acknowledge());
    }
}
