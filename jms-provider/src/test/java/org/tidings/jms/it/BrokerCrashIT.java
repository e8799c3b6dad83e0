package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the broker: every persistent message whose send() returned survives, and every message whose
 * acknowledgement returned stays gone. The two steps share one broker data directory, in order.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerCrashIT extends BrokerTestSupport {

    private static final int SENT = 10_000;
    private static final String QUEUE = "crash.queue";
    private static final Set<String> sentIds = new LinkedHashSet<>();

    @Test
    @Order(1)
    void everySentPersistentMessageSurvivesKill9() throws Exception {
        Connection connection = track(factory().createConnection());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(QUEUE);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 0; i < SENT; i++) {
            Message message = session.createTextMessage("crash-" + i);
            message.setIntProperty("n", i);
            producer.send(message);
            sentIds.add(message.getJMSMessageID());
        }

        broker.kill();
        broker.restart();

        Set<String> received = receiveAll(Session.AUTO_ACKNOWLEDGE, SENT, Integer.MAX_VALUE);
        assertThat(received).hasSize(SENT).isEqualTo(sentIds);
    }

    @Test
    @Order(2)
    void acknowledgedMessagesStayGoneAfterKill9AndTheRestAllComeBack() throws Exception {
        // the first step consumed its messages: this step sends a fresh set
        Connection connection = track(factory().createConnection());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < SENT; i++) {
            Message message = session.createTextMessage("second-" + i);
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }
        connection.close();

        Set<String> acknowledged = receiveAll(Session.CLIENT_ACKNOWLEDGE, SENT / 2, 500);

        broker.kill();
        broker.restart();

        Set<String> rest = receiveAll(Session.CLIENT_ACKNOWLEDGE, SENT - SENT / 2, 500);
        assertThat(rest).doesNotContainAnyElementsOf(acknowledged);
        Set<String> together = new HashSet<>(acknowledged);
        together.addAll(rest);
        assertThat(together).isEqualTo(ids);
        assertThat(receiveAll(Session.AUTO_ACKNOWLEDGE, 0, Integer.MAX_VALUE)).isEmpty();
    }

    /**
     * Receives exactly {@code expected} messages on a new connection, acknowledging every {@code ackEvery} in
     * CLIENT_ACKNOWLEDGE mode (and the last one), then checks nothing more is queued.
     */
    private Set<String> receiveAll(int mode, int expected, int ackEvery) throws Exception {
        Connection connection = factory().createConnection();
        try {
            connection.start();
            Session session = connection.createSession(false, mode);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < expected; i++) {
                Message message = consumer.receive(20_000);
                assertThat(message).as("message " + i + " of " + expected).isNotNull();
                assertThat(ids.add(message.getJMSMessageID())).as("no duplicate").isTrue();
                if (mode == Session.CLIENT_ACKNOWLEDGE && ((i + 1) % ackEvery == 0 || i == expected - 1)) {
                    message.acknowledge();
                }
            }
            if (mode == Session.AUTO_ACKNOWLEDGE) {
                assertThat(consumer.receive(200)).as("nothing beyond the expected messages").isNull();
            }
            return ids;
        } finally {
            connection.close();
        }
    }
}
