package org.tidings.benchmarks;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One publisher, {@code subscribers} non-durable subscribers that each get every message; non-persistent. */
final class TopicFanOut implements Scenario {

    private final int subscribers;
    private final int baseCount;

    TopicFanOut(int subscribers, int baseCount) {
        this.subscribers = subscribers;
        this.baseCount = baseCount;
    }

    @Override
    public String id() {
        return "fanout";
    }

    @Override
    public List<Measurement> run(BrokerUnderTest broker, Settings settings) throws Exception {
        ConnectionFactory factory = broker.connectionFactory();
        Workloads.Measured measured = Workloads.warmUpAndMeasure(settings.warmup(), settings.measurement(),
                settings.count(baseCount), count -> once(factory, "bench.fanout", count, settings));
        return List.of(Measurement.rate(id(), "topic 1 -> " + subscribers + " non-persistent, published",
                measured.units(), measured.nanos()));
    }

    private long once(ConnectionFactory factory, String topicName, int count, Settings settings) throws Exception {
        List<Connection> connections = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(subscribers);
        try {
            for (int s = 0; s < subscribers; s++) {
                Connection connection = factory.createConnection();
                connections.add(connection);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                int[] received = new int[1];
                session.createConsumer(session.createTopic(topicName)).setMessageListener(message -> {
                    if (++received[0] == count) {
                        done.countDown();
                    }
                });
                connection.start();
            }
            Connection publisherConnection = factory.createConnection();
            connections.add(publisherConnection);
            Session session = publisherConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic(topicName);
            MessageProducer producer = session.createProducer(topic);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            byte[] body = new byte[settings.messageSize()];
            long begin = System.nanoTime();
            for (int i = 0; i < count; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                producer.send(message);
            }
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("fan-out: not every subscriber got all " + count + " messages");
            }
            return System.nanoTime() - begin;
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
