package org.tidings.jms.context;

import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import org.tidings.jms.consumer.TidingsMessageConsumer;
import org.tidings.jms.support.Unchecked;

/**
 * The simplified API's consumer: a {@link MessageConsumer} whose failures are unchecked. Same threading rules as the
 * consumer it wraps.
 */
final class TidingsJMSConsumer implements JMSConsumer {

    private final TidingsMessageConsumer consumer;

    TidingsJMSConsumer(TidingsMessageConsumer consumer) {
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
        return Unchecked.call(() -> consumer.receiveBody(type, -1));
    }

    @Override
    public <T> T receiveBody(Class<T> type, long timeout) {
        return Unchecked.call(() -> consumer.receiveBody(type, timeout <= 0 ? -1 : timeout));
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> type) {
        return Unchecked.call(() -> consumer.receiveBody(type, 0));
    }
}
