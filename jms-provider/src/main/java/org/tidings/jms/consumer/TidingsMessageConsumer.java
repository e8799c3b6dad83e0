package org.tidings.jms.consumer;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.ObjectMessage;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MapMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.jms.client.BrokerErrorException;
import org.tidings.jms.client.ClientConsumer;
import org.tidings.jms.client.ClientDelivery;
import org.tidings.jms.message.TidingsMessage;
import org.tidings.jms.session.Settlement;
import org.tidings.jms.session.TidingsSession;
import org.tidings.jms.support.JmsExceptions;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JMS message consumer: synchronous {@code receive} or a {@link MessageListener} run on the session's listener
 * thread. Messages come from a prefetch buffer filled by the broker within the consumer's credit window; with a
 * prefetch of 0 each receive asks the broker for one message.
 *
 * <p>Threading: used by the session's thread of control; {@link #close()} may be called from any thread and
 * waits for a running listener of the session (unless called from that listener).
 */
public final class TidingsMessageConsumer implements QueueReceiver, TopicSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(TidingsMessageConsumer.class);

    private final TidingsSession session;
    private final ConsumerSpec spec;
    private final ClientConsumer core;
    private volatile MessageListener listener;
    private volatile boolean closed;

    private TidingsMessageConsumer(TidingsSession session, ConsumerSpec spec, ClientConsumer core) {
        this.session = session;
        this.spec = spec;
        this.core = core;
    }

    /** Opens the consumer at the broker. */
    public static TidingsMessageConsumer open(TidingsSession session, ConsumerSpec spec) throws JMSException {
        try {
            ClientConsumer core = ClientConsumer.open(session.core(), session.sessionId(),
                    spec.destination().toRef(), spec.selector(), spec.noLocal(), spec.subscriptionName(),
                    spec.durable(), spec.shared());
            return new TidingsMessageConsumer(session, spec, core);
        } catch (BrokerErrorException e) {
            throw JmsExceptions.from(e);
        } catch (IOException e) {
            throw JmsExceptions.from(e);
        }
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return spec.selector();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener messageListener) throws JMSException {
        checkOpen();
        listener = messageListener;
        try {
            core.setAvailabilityListener(messageListener == null ? null : session::scheduleListeners);
        } catch (IOException e) {
            throw JmsExceptions.from(e);
        }
    }

    @Override
    public Message receive() throws JMSException {
        return receiveWithin(-1);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return receiveWithin(timeout <= 0 ? -1 : timeout);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receiveWithin(0);
    }

    /** @param timeoutMillis -1 for no limit, 0 for no wait */
    private Message receiveWithin(long timeoutMillis) throws JMSException {
        return receiveWithin(timeoutMillis, message -> message);
    }

    /**
     * The body of the next message as {@code type} (JMS 2.0 {@code JMSConsumer.receiveBody}), {@code null} if none
     * came within {@code timeoutMillis} (-1 for no limit, 0 for no wait). A message that is not a Text, Object, Map or
     * Bytes message, or whose body is not assignable to {@code type}, is a {@link MessageFormatException} and is not
     * consumed: the next receive gets it again, marked redelivered.
     */
    public <T> T receiveBody(Class<T> type, long timeoutMillis) throws JMSException {
        return receiveWithin(timeoutMillis, message -> {
            if (!(message instanceof TextMessage || message instanceof ObjectMessage
                    || message instanceof MapMessage || message instanceof BytesMessage)) {
                throw new MessageFormatException("receiveBody needs a TextMessage, ObjectMessage, MapMessage or "
                        + "BytesMessage, not " + (message instanceof StreamMessage ? "a StreamMessage"
                        : "a Message without a body"));
            }
            return message.getBody(type);
        });
    }

    /** What the application takes of a received message; a {@link MessageFormatException} leaves it unconsumed. */
    @FunctionalInterface
    private interface Taking<R> {
        R take(TidingsMessage message) throws JMSException;
    }

    private <R> R receiveWithin(long timeoutMillis, Taking<R> taking) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("receive() called on a consumer that has a MessageListener");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        long wait = timeoutMillis;
        while (true) {
            ClientDelivery delivery;
            try {
                delivery = core.receive(wait);
            } catch (IOException e) {
                throw JmsExceptions.from(e);
            }
            if (delivery == null) {
                return null;
            }
            TidingsMessage message = toMessage(delivery);
            if (message != null) {
                Settlement settlement = session.settlement();
                settlement.showing(delivery, false);
                R taken;
                try {
                    taken = taking.take(message);
                } catch (MessageFormatException e) {
                    settlement.notTaken(delivery);
                    throw e;
                }
                settlement.consumed(delivery);
                return taken;
            }
            if (timeoutMillis > 0) {
                wait = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (wait <= 0) {
                    return null;
                }
            }
        }
    }

    /**
     * Hands the next buffered message to the listener, if there is a listener and a message; called on the
     * session's listener thread. Returns whether a message was taken.
     */
    public boolean deliverOneToListener() {
        MessageListener target = listener;
        if (target == null || closed) {
            return false;
        }
        try {
            ClientDelivery delivery = core.poll();
            if (delivery == null) {
                return false;
            }
            TidingsMessage message = toMessage(delivery);
            if (message != null) {
                Settlement settlement = session.settlement();
                settlement.showing(delivery, true);
                try {
                    target.onMessage(message);
                    settlement.consumed(delivery);
                } catch (RuntimeException e) {
                    LOG.warn("TDC2002: message listener threw on message {}; it will be redelivered",
                            message.getJMSMessageID(), e);
                    settlement.listenerFailed(delivery, e);
                }
            }
            core.requestNextForListener();
            return true;
        } catch (JMSException | IOException e) {
            LOG.error("TDC2003: could not settle a message delivered to a listener", e);
            return false;
        }
    }

    /** Decodes a delivery; an expired message is discarded and gives {@code null}. */
    private TidingsMessage toMessage(ClientDelivery delivery) throws JMSException {
        TidingsMessage message = TidingsMessage.decode(delivery.message(), delivery.deliveryCount(),
                session.core().limits());
        long expiration = message.getJMSExpiration();
        if (expiration != 0 && expiration <= System.currentTimeMillis()) {
            session.settlement().discardExpired(delivery);
            return null;
        }
        message.setAcknowledger(session.acknowledgerOf(delivery));
        return message;
    }

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        session.whileListenersIdle(() -> {
            if (closed) {
                return;
            }
            closed = true;
            session.consumerClosed(this);
            List<ClientDelivery> untaken = core.stop();
            if (!session.core().isOpen()) {
                return;
            }
            session.returnUntaken(untaken);
            try {
                core.closeAtBroker(session.settlement().unsettledOf(core));
            } catch (BrokerErrorException e) {
                throw JmsExceptions.from(e);
            } catch (IOException e) {
                if (session.core().isOpen()) {
                    throw JmsExceptions.from(e);
                }
            }
        });
    }

    /** Stops the consumer without telling the broker (its session is closing) and returns its untaken messages. */
    public List<ClientDelivery> stopLocally() {
        closed = true;
        return core.stop();
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw JmsExceptions.closed("consumer");
        }
        session.checkOpen();
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        if (spec.destination() instanceof Queue queue) {
            return queue;
        }
        throw new IllegalStateException("this consumer receives from a topic");
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        if (spec.destination() instanceof Topic topic) {
            return topic;
        }
        throw new IllegalStateException("this consumer receives from a queue");
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return spec.noLocal();
    }
}
