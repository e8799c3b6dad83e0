package org.tidings.jms.context;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageListener;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.tidings.jms.support.Unchecked;

/**
 * The simplified API's consumer: a {@link MessageConsumer} whose failures are unchecked. Same threading rules as the
 * consumer it wraps.
 */
final class TidingsJMSConsumer implements JMSConsumer {

    private final MessageConsumer consumer;

    TidingsJMSConsumer(MessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return Unchecked.call(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() {
        return Unchecked.call(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) {
        Unchecked.run(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive() {
        return Unchecked.call(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return Unchecked.call(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return Unchecked.call(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        Unchecked.run(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> type) {
        return bodyOf(receive(), type);
    }

    @Override
    public <T> T receiveBody(Class<T> type, long timeout) {
        return bodyOf(receive(timeout), type);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> type) {
        return bodyOf(receiveNoWait(), type);
    }

    /**
     * The body as {@code type}. Unlike {@link Message#getBody}, a message without a body type of its own (a plain
     * {@link Message}, or a {@link StreamMessage}) is a {@link MessageFormatRuntimeException}, as
     * {@code JMSConsumer.receiveBody} says.
     */
    private static <T> T bodyOf(Message message, Class<T> type) {
        if (message == null) {
            return null;
        }
        if (!(message instanceof TextMessage || message instanceof ObjectMessage || message instanceof MapMessage
                || message instanceof BytesMessage)) {
            throw new MessageFormatRuntimeException("receiveBody needs a TextMessage, ObjectMessage, MapMessage or "
                    + "BytesMessage, not " + describe(message));
        }
        return Unchecked.call(() -> message.getBody(type));
    }

    private static String describe(Message message) {
        return message instanceof StreamMessage ? "a StreamMessage" : "a Message without a body";
    }
}
