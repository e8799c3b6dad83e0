package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery delay: a delayed message is never delivered before its JMSDeliveryTime, persistent or not, while the
 * messages sent after it without a delay are; a stored one keeps its time across a broker restart.
 */
@Timeout(60)
class ScheduledDeliveryIT extends BrokerTestSupport {

    private static final long DELAY = 1_500;
    /** Longer than a restart takes, so the message is still waiting when the broker is back. */
    private static final long DELAY_ACROSS_RESTART = 6_000;

    @Test
    void aDelayedMessageComesAtItsTimeAndNotBeforeWhileUndelayedOnesPassIt() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(name));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.setDeliveryDelay(DELAY);
        TextMessage delayed = session.createTextMessage("later");
        producer.send(delayed);
        producer.setDeliveryDelay(0);
        producer.send(session.createTextMessage("now"));
        MessageConsumer consumer = session.createConsumer(session.createQueue(name));

        Message first = consumer.receive(10_000);
        Message second = consumer.receive(10_000);
        long received = System.currentTimeMillis();

        assertThat(((TextMessage) first).getText()).isEqualTo("now");
        assertThat(((TextMessage) second).getText()).isEqualTo("later");
        assertThat(second.getJMSDeliveryTime()).isEqualTo(delayed.getJMSDeliveryTime())
                .isGreaterThanOrEqualTo(delayed.getJMSTimestamp() + DELAY);
        assertThat(received).isGreaterThanOrEqualTo(second.getJMSDeliveryTime());
    }

    @Test
    void aStoredDelayedMessageIsDeliveredAtItsTimeAfterARestart() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(name));
        producer.setDeliveryDelay(DELAY_ACROSS_RESTART);
        TextMessage delayed = session.createTextMessage("scheduled");
        producer.send(delayed);
        connection.close();

        broker.stopBroker();
        broker.restart();

        Session again = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = again.createConsumer(again.createQueue(name));
        assertThat(System.currentTimeMillis()).as("the broker is back before the delivery time")
                .isLessThan(delayed.getJMSDeliveryTime() - 500);
        assertThat(consumer.receive(200)).isNull();
        Message message = consumer.receive(15_000);
        long received = System.currentTimeMillis();

        assertThat(message).isNotNull();
        assertThat(((TextMessage) message).getText()).isEqualTo("scheduled");
        assertThat(message.getJMSMessageID()).isEqualTo(delayed.getJMSMessageID());
        assertThat(received).isGreaterThanOrEqualTo(delayed.getJMSDeliveryTime());
    }
}
