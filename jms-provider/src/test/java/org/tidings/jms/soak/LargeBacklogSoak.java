package org.tidings.jms.soak;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.testing.BrokerProcessExtension;
import org.tidings.jms.TidingsConnectionFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog far larger than the broker's heap (512 MiB, as {@code BrokerProcess} starts it): {@code soak.messages}
 * (2,000,000) persistent 1 KiB messages into one queue with no consumer, then all drained by one consumer, each
 * producer's messages in order, the broker alive throughout. Run with {@code mvn -B verify -Psoak -pl jms-provider};
 * not part of the default build (it takes minutes).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class LargeBacklogSoak {

    private static final Logger LOG = LoggerFactory.getLogger(LargeBacklogSoak.class);
    private static final int PRODUCERS = 4;
    private static final int BATCH = 1_000;
    private static final int SIZE = 1_024;

    @RegisterExtension
    static final BrokerProcessExtension broker = new BrokerProcessExtension();

    @Test
    void twoGigabytesInOneQueueWithoutAConsumerDrainInOrder() throws Exception {
        int total = Integer.getInteger("soak.messages", 2_000_000) / (PRODUCERS * BATCH) * PRODUCERS * BATCH;
        int perProducer = total / PRODUCERS;
        TidingsConnectionFactory factory = new TidingsConnectionFactory(broker.url());

        long fillStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS);
        List<Future<?>> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producerId = p;
            producers.add(pool.submit(() -> {
                fill(factory, producerId, perProducer);
                return null;
            }));
        }
        for (Future<?> producer : producers) {
            producer.get();
        }
        pool.shutdown();
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        LOG.info("filled {} messages in {} s ({} msg/s)", total, fillSeconds, (long) (total / fillSeconds));

        long drainStart = System.nanoTime();
        int[] next = new int[PRODUCERS];
        int received = 0;
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue("soak"));
            for (Message m = consumer.receive(30_000); m != null;
                    m = consumer.receive(received < total ? 30_000 : 1_000)) {
                int producerId = m.getIntProperty("producer");
                assertThat(m.getIntProperty("seq")).as("order of producer %d", producerId).isEqualTo(next[producerId]);
                assertThat(((BytesMessage) m).getBodyLength()).isEqualTo(SIZE);
                next[producerId]++;
                if (++received % BATCH == 0) {
                    session.commit();
                }
            }
            session.commit();
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        LOG.info("drained {} messages in {} s ({} msg/s)", received, drainSeconds, (long) (received / drainSeconds));

        assertThat(received).isEqualTo(total);
        for (int p = 0; p < PRODUCERS; p++) {
            assertThat(next[p]).isEqualTo(perProducer);
        }
    }

    private static void fill(TidingsConnectionFactory factory, int producerId, int count) throws JMSException {
        byte[] body = new byte[SIZE];
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue("soak");
            MessageProducer producer = session.createProducer(queue);
            for (int seq = 0; seq < count; seq++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                message.setIntProperty("producer", producerId);
                message.setIntProperty("seq", seq);
                producer.send(message);
                if ((seq + 1) % BATCH == 0) {
                    session.commit();
                }
            }
        }
    }
}
