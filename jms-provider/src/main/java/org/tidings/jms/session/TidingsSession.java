package org.tidings.jms.session;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import org.tidings.jms.TidingsDestination;
import org.tidings.jms.TidingsQueue;
import org.tidings.jms.TidingsTopic;
import org.tidings.jms.client.BrokerErrorException;
import org.tidings.jms.client.ClientConnection;
import org.tidings.jms.client.ClientDelivery;
import org.tidings.jms.message.Acknowledger;
import org.tidings.jms.connection.TidingsConnection;
import org.tidings.jms.consumer.ConsumerSpec;
import org.tidings.jms.consumer.TidingsMessageConsumer;
import org.tidings.jms.consumer.TidingsQueueBrowser;
import org.tidings.jms.message.TidingsBytesMessage;
import org.tidings.jms.message.TidingsMapMessage;
import org.tidings.jms.message.TidingsMessage;
import org.tidings.jms.message.TidingsObjectMessage;
import org.tidings.jms.message.TidingsStreamMessage;
import org.tidings.jms.message.TidingsTextMessage;
import org.tidings.jms.producer.TidingsMessageProducer;
import org.tidings.jms.support.JmsExceptions;
import org.tidings.protocol.frame.CloseSession;
import org.tidings.protocol.frame.CreateSession;
import org.tidings.protocol.frame.Outcome;
import org.tidings.protocol.frame.Request;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.Send;
import org.tidings.protocol.frame.SessionMode;
import org.tidings.protocol.frame.Unsubscribe;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A JMS session: creates messages, producers and consumers, and owns the acknowledgement or transaction state of
 * what its consumers receive (delegated to a {@link Settlement} chosen by the session mode).
 *
 * <p>Threading: as JMS says, a session is used by one thread at a time. Message listeners of the session run one at
 * a time on the session's listener thread; {@link #close()} waits for a running listener and, called from a
 * listener of this session, throws {@link IllegalStateException}.
 *
 * <p>One class serves the three kinds of session; one made by {@code createQueueSession} refuses the topic-only
 * methods of {@link Session}, one made by {@code createTopicSession} the queue-only ones, with
 * {@link jakarta.jms.IllegalStateException} as the {@link QueueSession} and {@link TopicSession} contracts say.
 */
public final class TidingsSession implements QueueSession, TopicSession {

    /** Which destinations a session was made for. */
    public enum Domain {
        /** {@code Connection.createSession}: queues and topics. */
        ANY,
        /** {@code QueueConnection.createQueueSession}. */
        QUEUE,
        /** {@code TopicConnection.createTopicSession}. */
        TOPIC
    }

    private final TidingsConnection connection;
    private final ClientConnection core;
    private final int sessionId;
    private final int sessionMode;
    private final Domain domain;
    private final Settlement settlement;
    private final ListenerDispatcher dispatcher;
    private final CompletionDispatcher completions;
    private final List<TidingsMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<TidingsMessageProducer> producers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private TidingsSession(TidingsConnection connection, int sessionId, int sessionMode, Domain domain) {
        this.connection = connection;
        this.core = connection.core();
        this.sessionId = sessionId;
        this.sessionMode = sessionMode;
        this.domain = domain;
        this.settlement = Settlement.forMode(sessionMode, core, sessionId);
        this.dispatcher = new ListenerDispatcher("tidings-session-" + core.connectionId() + "-" + sessionId,
                this::deliverOneRound);
        this.completions = new CompletionDispatcher("tidings-completion-" + core.connectionId() + "-" + sessionId);
    }

    /**
     * Opens a session at the broker; {@code sessionMode} is one of the {@link Session} mode constants, {@code domain}
     * says which kind of session the application asked for.
     */
    public static TidingsSession open(TidingsConnection connection, int sessionMode, Domain domain)
            throws JMSException {
        SessionMode mode = SessionMode.of(sessionMode);
        if (mode == null) {
            throw new JMSException("invalid session mode " + sessionMode + "; use SESSION_TRANSACTED, "
                    + "AUTO_ACKNOWLEDGE, CLIENT_ACKNOWLEDGE or DUPS_OK_ACKNOWLEDGE");
        }
        ClientConnection core = connection.core();
        int id = core.nextSessionId();
        JmsExceptions.call(core, requestId -> new CreateSession(requestId, id, mode));
        return new TidingsSession(connection, id, sessionMode, domain);
    }

    // ---- messages

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new TidingsMessage();
    }

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new TidingsBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new TidingsMapMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new TidingsObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        return new TidingsObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new TidingsStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new TidingsTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        return new TidingsTextMessage(text);
    }

    // ---- transaction and acknowledgement

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        refuseFromCompletionListener("commit");
        settlement.commit();
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        refuseFromCompletionListener("roll back");
        settlement.rollback();
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        settlement.recover();
    }

    /** {@code Message.acknowledge()} of a message this session handed out. */
    public void acknowledge() throws JMSException {
        checkOpen();
        settlement.acknowledge();
    }

    /** What {@code acknowledge()} and {@code reject()} do for the message of {@code delivery}. */
    public Acknowledger acknowledgerOf(ClientDelivery delivery) {
        return new Acknowledger() {
            @Override
            public void acknowledge() throws JMSException {
                TidingsSession.this.acknowledge();
            }

            @Override
            public void reject(String reason) throws JMSException {
                checkOpen();
                settlement.reject(delivery, reason);
            }
        };
    }

    /** The session's settlement strategy, for its consumers. */
    public Settlement settlement() {
        return settlement;
    }

    // ---- producers and sending

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        return newProducer(destination);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return newProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return newProducer(topic);
    }

    private TidingsMessageProducer newProducer(Destination destination) throws JMSException {
        checkOpen();
        TidingsMessageProducer producer = new TidingsMessageProducer(this, destination);
        producers.add(producer);
        return producer;
    }

    /** Called by a producer once it is closed. */
    public void producerClosed(TidingsMessageProducer producer) {
        producers.remove(producer);
    }

    /**
     * Sends an encoded message. Outside a transaction a persistent message is confirmed by the broker only once it
     * is on disk, and this call waits for that; other sends do not wait, unless the broker's memory for queued
     * messages is full: then every send waits until consumers have made room (producer flow control).
     */
    public void send(byte[] encoded, boolean persistent) throws JMSException {
        checkOpen();
        checkSize(encoded);
        try {
            core.takeSendCredit(encoded.length);
            if (persistent && sessionMode != SESSION_TRANSACTED) {
                core.call(id -> new Send(id, sessionId, encoded));
            } else {
                core.post(new Send(Request.NO_RESPONSE, sessionId, encoded));
            }
        } catch (BrokerErrorException e) {
            throw JmsExceptions.from(e);
        } catch (IOException e) {
            throw JmsExceptions.from(e);
        }
    }

    /**
     * Sends an encoded message without waiting: {@code onSuccess} or {@code onFailure} runs on the session's
     * completion thread once the broker confirmed it (a persistent send outside a transaction) or once it is handed
     * to the connection (every other send), in the order of the sends.
     */
    public void sendAsync(byte[] encoded, boolean persistent, Runnable onSuccess,
                          Consumer<Throwable> onFailure) throws JMSException {
        checkOpen();
        checkSize(encoded);
        CompletableFuture<?> sent;
        if (persistent && sessionMode != SESSION_TRANSACTED) {
            try {
                core.takeSendCredit(encoded.length);
            } catch (IOException e) {
                throw JmsExceptions.from(e);
            }
            sent = core.request(id -> new Send(id, sessionId, encoded)).thenApply(frame -> {
                if (frame instanceof Response response && !response.isOk()) {
                    throw new CompletionException(
                            JmsExceptions.from(new BrokerErrorException(response.code(), response.message())));
                }
                return frame;
            });
        } else {
            send(encoded, persistent);
            sent = CompletableFuture.completedFuture(null);
        }
        completions.submit(sent, onSuccess, onFailure);
    }

    /** Whether the calling thread is running a CompletionListener of this session. */
    public boolean isCompletionThread() {
        return completions.isCompletionThread();
    }

    private void checkSize(byte[] encoded) throws JMSException {
        if (encoded.length > core.maxMessageSize()) {
            throw new JMSException("message of " + encoded.length + " bytes exceeds the broker's maximum message "
                    + "size of " + core.maxMessageSize() + " bytes", "MESSAGE_TOO_LARGE");
        }
    }

    /** A new JMSMessageID, unique across connections and broker restarts ({@code ID:} + connection id + number). */
    public String nextMessageId() {
        return core.connectionId() + ":" + core.nextMessageSequence();
    }

    // ---- consumers

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return newConsumer(ConsumerSpec.of(destination, null, false));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector) throws JMSException {
        return newConsumer(ConsumerSpec.of(destination, selector, false));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector, boolean noLocal)
            throws JMSException {
        return newConsumer(ConsumerSpec.of(destination, selector, noLocal));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return newConsumer(ConsumerSpec.of(queue, null, false));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String selector) throws JMSException {
        return newConsumer(ConsumerSpec.of(queue, selector, false));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return newConsumer(ConsumerSpec.of(topic, null, false));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String selector, boolean noLocal) throws JMSException {
        return newConsumer(ConsumerSpec.of(topic, selector, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name) throws JMSException {
        only(Domain.TOPIC, "createSharedConsumer");
        return newConsumer(ConsumerSpec.subscription(topic, name, null, false, false, true));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name, String selector) throws JMSException {
        only(Domain.TOPIC, "createSharedConsumer");
        return newConsumer(ConsumerSpec.subscription(topic, name, selector, false, false, true));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        only(Domain.TOPIC, "createDurableSubscriber");
        return newConsumer(ConsumerSpec.subscription(topic, name, null, false, true, false));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        only(Domain.TOPIC, "createDurableSubscriber");
        return newConsumer(ConsumerSpec.subscription(topic, name, selector, noLocal, true, false));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        only(Domain.TOPIC, "createDurableConsumer");
        return newConsumer(ConsumerSpec.subscription(topic, name, null, false, true, false));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        only(Domain.TOPIC, "createDurableConsumer");
        return newConsumer(ConsumerSpec.subscription(topic, name, selector, noLocal, true, false));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        only(Domain.TOPIC, "createSharedDurableConsumer");
        return newConsumer(ConsumerSpec.subscription(topic, name, null, false, true, true));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String selector)
            throws JMSException {
        only(Domain.TOPIC, "createSharedDurableConsumer");
        return newConsumer(ConsumerSpec.subscription(topic, name, selector, false, true, true));
    }

    private TidingsMessageConsumer newConsumer(ConsumerSpec spec) throws JMSException {
        checkOpen();
        TidingsMessageConsumer consumer = TidingsMessageConsumer.open(this, spec);
        consumers.add(consumer);
        return consumer;
    }

    /** Called by a consumer once it is closed. */
    public void consumerClosed(TidingsMessageConsumer consumer) {
        consumers.remove(consumer);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        only(Domain.QUEUE, "createBrowser");
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        only(Domain.QUEUE, "createBrowser");
        checkOpen();
        return new TidingsQueueBrowser(this, queue, selector);
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        only(Domain.TOPIC, "unsubscribe");
        checkOpen();
        if (name == null || name.isEmpty()) {
            throw new InvalidDestinationException("subscription name must not be empty");
        }
        JmsExceptions.call(core, id -> new Unsubscribe(id, name));
    }

    // ---- destinations

    @Override
    public Queue createQueue(String name) throws JMSException {
        only(Domain.QUEUE, "createQueue");
        checkOpen();
        return new TidingsQueue(checkName(name));
    }

    @Override
    public Topic createTopic(String name) throws JMSException {
        only(Domain.TOPIC, "createTopic");
        checkOpen();
        return new TidingsTopic(checkName(name));
    }

    /** Refuses {@code method}, which belongs to {@code wanted} sessions, on a session of the other domain. */
    private void only(Domain wanted, String method) throws IllegalStateException {
        if (domain != Domain.ANY && domain != wanted) {
            throw new IllegalStateException(method + " is not available on a " + (domain == Domain.QUEUE
                    ? "QueueSession" : "TopicSession"));
        }
    }

    private static String checkName(String name) throws InvalidDestinationException {
        if (name == null || name.isBlank()) {
            throw new InvalidDestinationException("destination name must not be empty");
        }
        return name;
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        only(Domain.QUEUE, "createTemporaryQueue");
        checkOpen();
        return (TemporaryQueue) connection.createTemporary(false);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        only(Domain.TOPIC, "createTemporaryTopic");
        checkOpen();
        return (TemporaryTopic) connection.createTemporary(true);
    }

    // ---- listeners

    /** Session-level listeners are an application-server feature Tidings does not offer; always {@code null}. */
    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    /** Not supported: session-level listeners serve application servers; use consumer listeners. */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw new JMSException("session message listeners (application server facility) are not supported; "
                + "set the listener on a MessageConsumer");
    }

    /** Not supported, as {@link #setMessageListener}. */
    @Override
    public void run() {
        throw new UnsupportedOperationException("Session.run() is an application server facility Tidings does "
                + "not provide");
    }

    /** Asks the listener thread to look for messages (a consumer's listener changed or a message arrived). */
    public void scheduleListeners() {
        dispatcher.schedule();
    }

    private boolean deliverOneRound() {
        boolean delivered = false;
        for (TidingsMessageConsumer consumer : consumers) {
            delivered |= consumer.deliverOneToListener();
        }
        return delivered;
    }

    /** Whether the calling thread is running a listener of this session. */
    public boolean isListenerThread() {
        return dispatcher.isListenerThread();
    }

    /** Waits until no listener of this session is running (for {@code Connection.stop()}). */
    public void awaitListenerIdle() {
        if (!isListenerThread()) {
            dispatcher.deliveryLock().lock();
            dispatcher.deliveryLock().unlock();
        }
    }

    /** Runs {@code action} while no listener of this session runs (or on the listener thread itself). */
    public void whileListenersIdle(JmsAction action) throws JMSException {
        dispatcher.deliveryLock().lock();
        try {
            action.run();
        } finally {
            dispatcher.deliveryLock().unlock();
        }
    }

    /** An action that may throw a {@link JMSException}. */
    @FunctionalInterface
    public interface JmsAction {
        void run() throws JMSException;
    }

    /**
     * Gives back deliveries the application never took: released, or redelivered if it had seen them before (they
     * were handed out again after a recover or rollback).
     */
    public void returnUntaken(List<ClientDelivery> deliveries) throws JMSException {
        List<ClientDelivery> seen = new ArrayList<>();
        List<ClientDelivery> unseen = new ArrayList<>();
        for (ClientDelivery delivery : deliveries) {
            (delivery.wasShown() ? seen : unseen).add(delivery);
        }
        settlement.settle(Outcome.RELEASE, Settlement.ids(unseen), false);
        settlement.settle(Outcome.REDELIVER, Settlement.ids(seen), false);
    }

    // ---- lifecycle

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (isListenerThread()) {
            throw new IllegalStateException("a message listener must not close its own session");
        }
        refuseFromCompletionListener("close");
        completions.drainAndStop();
        whileListenersIdle(() -> {
            if (closed) {
                return;
            }
            closed = true;
            try {
                List<ClientDelivery> untaken = new ArrayList<>();
                for (TidingsMessageConsumer consumer : consumers) {
                    untaken.addAll(consumer.stopLocally());
                }
                if (core.isOpen()) {
                    returnUntaken(untaken);
                    settlement.settle(Outcome.REDELIVER, Settlement.ids(settlement.takeUnsettled()), false);
                    core.call(id -> new CloseSession(id, sessionId));
                }
            } catch (BrokerErrorException e) {
                throw JmsExceptions.from(e);
            } catch (IOException e) {
                if (core.isOpen()) {
                    throw JmsExceptions.from(e);
                }
            } finally {
                consumers.clear();
                for (TidingsMessageProducer producer : producers) {
                    producer.markClosed();
                }
                producers.clear();
                connection.sessionClosed(this);
            }
        });
        dispatcher.shutdown();
    }

    private void refuseFromCompletionListener(String what) throws IllegalStateException {
        if (isCompletionThread()) {
            throw new IllegalStateException("a CompletionListener must not " + what + " its own session");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Throws {@link IllegalStateException} when the session (or its connection) is closed. */
    public void checkOpen() throws IllegalStateException {
        if (closed) {
            throw JmsExceptions.closed("session");
        }
        connection.checkOpen();
    }

    /** Whether every message sent gets a duplicate id ({@code jms.duplicateDetection}). */
    public boolean duplicateDetection() {
        return core.settings().duplicateDetection();
    }

    public ClientConnection core() {
        return core;
    }

    public int sessionId() {
        return sessionId;
    }

    /** The destination a JMS destination object names, refusing {@code null} and foreign kinds. */
    public static TidingsDestination tidingsDestination(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("destination must not be null");
        }
        TidingsDestination resolved = TidingsDestination.fromRef(TidingsDestination.refOf(destination));
        return destination instanceof TidingsDestination own ? own : resolved;
    }
}
