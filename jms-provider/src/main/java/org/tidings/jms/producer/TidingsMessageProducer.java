package org.tidings.jms.producer;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import org.tidings.jms.TidingsDestination;
import org.tidings.jms.message.TidingsMessage;
import org.tidings.jms.session.TidingsSession;
import org.tidings.jms.support.JmsExceptions;

/**
 * A JMS message producer, for one destination or (created with {@code null}) for any destination named per send.
 * A persistent send outside a transaction returns once the broker has the message on disk; other sends return
 * once the message is handed to the connection. A send with a {@link CompletionListener} returns at once; the
 * listener runs on the session's completion thread when the send is done, in the order of the sends. A message
 * with a {@link #DUPLICATE_ID} its destination has seen before is confirmed but not delivered again.
 *
 * <p>Threading: used by the session's thread of control, like the session.
 */
public final class TidingsMessageProducer implements QueueSender, TopicPublisher {

    /**
     * A string property that lets the broker drop a message it has seen before (a send repeated after a lost
     * confirmation) while still confirming it; set by the application, or with {@code jms.duplicateDetection=true}
     * on every message that has none.
     */
    public static final String DUPLICATE_ID = "TIDINGS_DUPLICATE_ID";

    private final TidingsSession session;
    private final Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private volatile boolean closed;

    public TidingsMessageProducer(TidingsSession session, Destination destination) throws JMSException {
        this.session = session;
        this.destination = destination == null ? null : TidingsSession.tidingsDestination(destination);
    }

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int mode) throws JMSException {
        checkOpen();
        deliveryMode = checkDeliveryMode(mode);
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int value) throws JMSException {
        checkOpen();
        priority = checkPriority(value);
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long value) throws JMSException {
        checkOpen();
        timeToLive = value;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long value) throws JMSException {
        checkOpen();
        deliveryDelay = value;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return (Queue) destination;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return (Topic) destination;
    }

    @Override
    public void send(Message message) throws JMSException {
        sendTo(ownDestination(), message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl) throws JMSException {
        sendTo(ownDestination(), message, mode, prio, ttl, null);
    }

    @Override
    public void send(Destination target, Message message) throws JMSException {
        sendTo(namedDestination(target), message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl) throws JMSException {
        sendTo(namedDestination(target), message, mode, prio, ttl, null);
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int prio, long ttl) throws JMSException {
        send((Destination) queue, message, mode, prio, ttl);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int prio, long ttl) throws JMSException {
        send(message, mode, prio, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int prio, long ttl) throws JMSException {
        send(topic, message, mode, prio, ttl);
    }

    @Override
    public void send(Message message, CompletionListener completionListener) throws JMSException {
        sendTo(ownDestination(), message, deliveryMode, priority, timeToLive, required(completionListener));
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl, CompletionListener completionListener)
            throws JMSException {
        sendTo(ownDestination(), message, mode, prio, ttl, required(completionListener));
    }

    @Override
    public void send(Destination target, Message message, CompletionListener completionListener)
            throws JMSException {
        sendTo(namedDestination(target), message, deliveryMode, priority, timeToLive, required(completionListener));
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl,
                     CompletionListener completionListener) throws JMSException {
        sendTo(namedDestination(target), message, mode, prio, ttl, required(completionListener));
    }

    private static CompletionListener required(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("CompletionListener must not be null");
        }
        return listener;
    }

    private Destination ownDestination() throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new UnsupportedOperationException("this producer has no destination; name one in send()");
        }
        return destination;
    }

    private Destination namedDestination(Destination target) throws JMSException {
        checkOpen();
        if (destination != null) {
            throw new UnsupportedOperationException("this producer sends to " + destination
                    + "; it cannot send to another destination");
        }
        if (target == null) {
            throw new InvalidDestinationException("destination must not be null");
        }
        return target;
    }

    /** Stamps the headers and sends; with a {@code listener} without waiting for the broker. */
    private void sendTo(Destination target, Message message, int mode, int prio, long ttl,
                        CompletionListener listener) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("message must not be null");
        }
        checkDeliveryMode(mode);
        checkPriority(prio);
        TidingsDestination resolved = TidingsSession.tidingsDestination(target);
        long now = System.currentTimeMillis();
        TidingsMessage own = message instanceof TidingsMessage tidings ? tidings : TidingsMessage.copyOf(message);
        stamp(message, resolved, mode, prio, ttl, now);
        if (own != message) {
            stamp(own, resolved, mode, prio, ttl, now);
        }
        boolean persistent = mode == DeliveryMode.PERSISTENT;
        byte[] encoded = session.duplicateDetection()
                ? own.encodeWithDefault(DUPLICATE_ID, own.getJMSMessageID() != null
                        ? own.getJMSMessageID() : session.nextMessageId())
                : own.encode();
        if (listener == null) {
            session.send(encoded, persistent);
            return;
        }
        session.sendAsync(encoded, persistent, () -> listener.onCompletion(message),
                failure -> listener.onException(message, asJmsException(failure)));
    }

    private static JMSException asJmsException(Throwable failure) {
        if (failure instanceof JMSException jms) {
            return jms;
        }
        if (failure instanceof java.io.IOException io) {
            return JmsExceptions.from(io);
        }
        return (JMSException) new JMSException(String.valueOf(failure)).initCause(failure);
    }

    private void stamp(Message message, Destination target, int mode, int prio, long ttl, long now)
            throws JMSException {
        message.setJMSDestination(target);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSExpiration(ttl > 0 ? now + ttl : 0);
        message.setJMSDeliveryTime(now + Math.max(0, deliveryDelay));
        message.setJMSTimestamp(disableTimestamp ? 0 : now);
        message.setJMSMessageID(disableMessageId ? null : session.nextMessageId());
    }

    private static int checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("delivery mode must be PERSISTENT or NON_PERSISTENT, was " + mode);
        }
        return mode;
    }

    private static int checkPriority(int value) throws JMSException {
        if (value < 0 || value > 9) {
            throw new JMSException("priority must be between 0 and 9, was " + value);
        }
        return value;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when called from a CompletionListener of this producer's session, which runs
     *                               on the thread that would have to finish this producer's sends
     */
    @Override
    public void close() throws IllegalStateException {
        if (closed) {
            return;
        }
        if (session.isCompletionThread()) {
            throw new IllegalStateException("a CompletionListener must not close its own MessageProducer");
        }
        closed = true;
        session.producerClosed(this);
    }

    /** Marks the producer closed because its session closed. */
    public void markClosed() {
        closed = true;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw JmsExceptions.closed("producer");
        }
        session.checkOpen();
    }
}
