package org.tidings.jms.client;

import org.tidings.jms.client.transport.NettyTransport;
import org.tidings.jms.client.transport.TransportListener;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.frame.BrowsePage;
import org.tidings.protocol.frame.Close;
import org.tidings.protocol.frame.Deliver;
import org.tidings.protocol.frame.Frame;
import org.tidings.protocol.frame.Hello;
import org.tidings.protocol.frame.HelloOk;
import org.tidings.protocol.frame.Request;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.SendCredit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The JMS-free engine of one connection: handshake, request/response correlation, routing of deliveries to
 * {@link ClientConsumer}s, and the started/stopped gate consumers wait on.
 *
 * <p>Threading: thread-safe. Application threads call {@link #call}, {@link #post} and {@link #request}; the
 * transport's I/O thread delivers frames to {@link #onFrame} and must never block, so everything it does is a
 * hand-off (completing a future, appending to a consumer's buffer).
 */
public final class ClientConnection implements TransportListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final ConnectionSettings settings;
    private final RequestCorrelator correlator = new RequestCorrelator();
    private final Map<Long, ClientConsumer> consumers = new ConcurrentHashMap<>();
    private final CompletableFuture<Frame> handshake = new CompletableFuture<>();
    private final SendWindow sendWindow = new SendWindow();
    private final AtomicInteger nextSessionId = new AtomicInteger();
    private final AtomicLong nextConsumerId = new AtomicLong();
    private final AtomicLong nextMessageSequence = new AtomicLong();
    private volatile ConnectionEventListener events;
    private volatile NettyTransport transport;
    private volatile HelloOk accepted;
    private volatile FrameLimits limits;
    private volatile boolean started;
    private volatile boolean closing;
    private volatile String brokerErrorOnClose;

    private ClientConnection(ConnectionSettings settings) {
        this.settings = settings;
    }

    /**
     * Connects and completes the handshake.
     *
     * @throws BrokerErrorException when the broker refuses the connection (credentials, client id)
     * @throws IOException          when the broker cannot be reached or does not answer in time
     */
    public static ClientConnection open(ConnectionSettings settings, ConnectionEventListener events)
            throws BrokerErrorException, IOException {
        ClientConnection connection = new ClientConnection(settings);
        connection.events = events;
        connection.handshake();
        return connection;
    }

    private void handshake() throws BrokerErrorException, IOException {
        limits = FrameLimits.DEFAULT;
        transport = NettyTransport.connect(settings.host(), settings.port(), settings.connectTimeoutMillis(),
                FrameLimits.forMaxMessageSize(Integer.MAX_VALUE - FrameLimits.FRAME_OVERHEAD), this);
        transport.send(new Hello(Hello.MAGIC, Hello.VERSION, 0L, settings.clientId(), settings.username(),
                settings.password(), settings.heartbeatMillis()));
        Frame answer;
        try {
            answer = handshake.get(settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            transport.close();
            throw new IOException("broker at " + settings.host() + ":" + settings.port()
                    + " did not answer the handshake within " + settings.connectTimeoutMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transport.close();
            throw new IOException("interrupted during the handshake", e);
        } catch (ExecutionException e) {
            transport.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        if (answer instanceof Response refusal) {
            transport.close();
            throw new BrokerErrorException(refusal.code(), refusal.message());
        }
        accepted = (HelloOk) answer;
        limits = FrameLimits.forMaxMessageSize(accepted.maxMessageSize());
        transport.enableHeartbeats(accepted.heartbeatMillis());
    }

    /** The broker-assigned id of this connection, unique among the broker's connections. */
    public String connectionId() {
        return accepted.connectionId();
    }

    public String brokerVersion() {
        return accepted.brokerVersion();
    }

    /** The largest encoded message the broker accepts. */
    public int maxMessageSize() {
        return accepted.maxMessageSize();
    }

    /** Decoding limits agreed with the broker. */
    public FrameLimits limits() {
        return limits;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public int nextSessionId() {
        return nextSessionId.incrementAndGet();
    }

    public long nextConsumerId() {
        return nextConsumerId.incrementAndGet();
    }

    /** A number unique within this connection, for message ids. */
    public long nextMessageSequence() {
        return nextMessageSequence.incrementAndGet();
    }

    /**
     * Sends the request built by {@code frameForId} (given a fresh request id) and returns its answer: a
     * {@link Response}, or the frame the request defines as its answer ({@link BrowsePage}).
     */
    public CompletableFuture<Frame> request(LongFunction<Frame> frameForId) {
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        long id = correlator.register(answer);
        if (answer.isDone()) {
            return answer;
        }
        try {
            transport.send(frameForId.apply(id));
        } catch (IOException e) {
            correlator.cancel(id);
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /**
     * Sends a request and waits for its answer.
     *
     * @return the answer when it is OK (or not a {@link Response})
     * @throws BrokerErrorException when the broker answers with an error
     * @throws IOException          when the connection ends first
     */
    public Frame call(LongFunction<Frame> frameForId) throws BrokerErrorException, IOException {
        return await(request(frameForId));
    }

    /** Waits for a request's answer, as {@link #call}. */
    public static Frame await(CompletableFuture<Frame> answer) throws BrokerErrorException, IOException {
        Frame frame;
        try {
            frame = answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        if (frame instanceof Response response && !response.isOk()) {
            throw new BrokerErrorException(response.code(), response.message());
        }
        return frame;
    }

    /** Stops waiting for an answer to request {@code id} (a pull answered by a delivery instead). */
    void forgetRequest(long id) {
        correlator.cancel(id);
    }

    /**
     * Takes {@code bytes} of send credit for a SEND, waiting while the broker holds its grants back (its memory for
     * queued messages is full).
     */
    public void takeSendCredit(int bytes) throws IOException {
        sendWindow.take(bytes);
    }

    /** Sends a frame that wants no answer. */
    public void post(Frame frame) throws IOException {
        if (frame instanceof Request request && request.wantsResponse()) {
            throw new IllegalArgumentException("post() is for frames without an answer: " + frame);
        }
        transport.send(frame);
    }

    void register(ClientConsumer consumer) {
        consumers.put(consumer.consumerId(), consumer);
    }

    void unregister(ClientConsumer consumer) {
        consumers.remove(consumer.consumerId(), consumer);
    }

    /**
     * Drops the buffered deliveries of session {@code sessionId} with ids up to {@code throughDeliveryId}: the
     * broker took them back (RECOVER).
     */
    public void discardDeliveries(int sessionId, long throughDeliveryId) throws IOException {
        for (ClientConsumer consumer : consumers.values()) {
            if (consumer.sessionId() == sessionId) {
                consumer.discardThrough(throughDeliveryId);
            }
        }
    }

    /** Whether deliveries may be handed to the application now (JMS {@code Connection.start/stop}). */
    public boolean isStarted() {
        return started;
    }

    /**
     * Opens the gate for deliveries to the application and wakes every consumer; the first start also opens the
     * credit window of every consumer created before it.
     */
    public void start() throws IOException {
        started = true;
        for (ClientConsumer consumer : consumers.values()) {
            consumer.openWindow();
            consumer.wakeUp();
        }
    }

    /** Closes the gate for deliveries to the application and wakes every consumer waiting in a receive. */
    public void stop() {
        started = false;
        for (ClientConsumer consumer : consumers.values()) {
            consumer.wakeUp();
        }
    }

    public boolean isOpen() {
        return transport.isOpen() && !closing;
    }

    /** Orderly close: tells the broker, waits for its answer (briefly) and closes the socket. Idempotent. */
    public void close() {
        if (closing) {
            return;
        }
        sendWindow.fail(new IOException("the connection is closed"));
        closing = true;
        try {
            request(Close::new).get(settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("broker did not confirm the close of {}: {}", accepted.connectionId(), e.toString());
        }
        transport.close();
    }

    @Override
    public void onFrame(Frame frame) {
        if (!handshake.isDone()) {
            handshake.complete(frame);
            return;
        }
        if (frame instanceof Deliver deliver) {
            ClientConsumer consumer = consumers.get(deliver.consumerId());
            if (consumer != null) {
                consumer.onDeliver(deliver);
            }
        } else if (frame instanceof Response response) {
            if (response.requestId() == Request.NO_RESPONSE) {
                brokerErrorOnClose = response.code() + ": " + response.message();
                LOG.warn("TDC1001: broker reports an error on connection {}: {}", connectionIdOrNone(),
                        brokerErrorOnClose);
            } else if (!correlator.complete(response.requestId(), response)) {
                LOG.debug("answer to an unknown request {}", response);
            }
        } else if (frame instanceof SendCredit credit) {
            sendWindow.grant(credit.bytes());
        } else if (frame instanceof BrowsePage page) {
            correlator.complete(page.requestId(), page);
        } else {
            LOG.warn("TDC1002: unexpected {} from the broker, ignored", frame.type());
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        String reason = brokerErrorOnClose != null ? brokerErrorOnClose
                : cause != null ? cause.toString() : "the broker closed the connection";
        IOException lost = new IOException("connection to the broker lost: " + reason, cause);
        handshake.completeExceptionally(lost);
        correlator.failAll(lost);
        sendWindow.fail(lost);
        for (ClientConsumer consumer : consumers.values()) {
            consumer.connectionLost();
        }
        if (!closing && accepted != null) {
            LOG.warn("TDC1003: connection {} to {}:{} lost: {}", connectionIdOrNone(), settings.host(),
                    settings.port(), reason);
            ConnectionEventListener listener = events;
            if (listener != null) {
                listener.connectionLost(lost);
            }
        }
    }

    private String connectionIdOrNone() {
        return accepted == null ? "(handshake)" : accepted.connectionId();
    }
}
