package org.tidings.jms.context;

import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
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

    private static <T> T bodyOf(Message message, Class<T> type) {
        return message == null ? null : Unchecked.call(() -> message.getBody(type));
    }
}
