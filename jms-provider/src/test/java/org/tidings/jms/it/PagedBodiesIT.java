package org.tidings.jms.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tidings.broker.testing.BrokerProcessExtension;
import org.tidings.jms.TidingsConnectionFactory;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker allowed 1 MiB of message bodies in memory, or a queue allowed 1 MiB of them, holds a much larger backlog:
 * the bodies beyond the budget are read back from the store, intact and in order, also after a restart.
 */
@Timeout(120)
class PagedBodiesIT {

    private static final int COUNT = 4_000;
    private static final int SIZE = 2_048;

    @RegisterExtension
    static final BrokerProcessExtension broker = new BrokerProcessExtension("--config",
            TrackedConnections.brokerConfig("memory.messageBodiesMiB=1"));

    @RegisterExtension
    static final BrokerProcessExtension windowed = new BrokerProcessExtension("--config",
            TrackedConnections.brokerConfig("destination.paged.bodyWindowMiB=1"));

    private static byte[] body(int n) {
        byte[] body = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            body[i] = (byte) (n * 31 + i);
        }
        return body;
    }

    @Test
    void aBacklogFarBeyondTheMemoryBudgetComesBackIntactInOrderAlsoAfterARestart() throws Exception {
        backlogComesBackInOrderAlsoAfterARestart(broker);
    }

    @Test
    void aBacklogFarBeyondItsQueuesBodyWindowComesBackIntactInOrderAlsoAfterARestart() throws Exception {
        backlogComesBackInOrderAlsoAfterARestart(windowed);
    }

    private static void backlogComesBackInOrderAlsoAfterARestart(BrokerProcessExtension broker) throws Exception {
        TidingsConnectionFactory factory = new TidingsConnectionFactory(broker.url());
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue("paged");
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int n = 0; n < COUNT; n++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body(n));
                message.setIntProperty("n", n);
                producer.send(message);
                if (n % 500 == 499) {
                    session.commit();
                }
            }
            session.commit();
            assertThat(Collections.list(session.createBrowser(queue).getEnumeration())).hasSize(COUNT);
            receiveInOrder(connection, 0, COUNT / 2);
        }

        broker.stopBroker();
        broker.restart();

        try (Connection connection = new TidingsConnectionFactory(broker.url()).createConnection()) {
            receiveInOrder(connection, COUNT / 2, COUNT);
        }
    }

    private static void receiveInOrder(Connection connection, int from, int to) throws Exception {
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("paged"));
        for (int n = from; n < to; n++) {
            BytesMessage message = (BytesMessage) consumer.receive(10_000);
            assertThat(message).as("message %d", n).isNotNull();
            assertThat(message.getIntProperty("n")).isEqualTo(n);
            byte[] read = new byte[SIZE];
            assertThat(message.readBytes(read)).isEqualTo(SIZE);
            assertThat(read).isEqualTo(body(n));
        }
        consumer.close();
        session.close();
    }
}
