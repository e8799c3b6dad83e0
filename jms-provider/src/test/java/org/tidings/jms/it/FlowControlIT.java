package org.tidings.jms.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tidings.broker.testing.BrokerProcessExtension;
import org.tidings.jms.TidingsConnectionFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Producer flow control: when queued messages fill the broker's memory limit, producers wait (their consumers, on
 * the same connection, go on and make room) — or, configured to fail, get a ResourceAllocationException naming the
 * limit; the broker never runs out of memory.
 */
@Timeout(120)
class FlowControlIT extends TrackedConnections {

    private static final int COUNT = 10_000;
    private static final int SIZE = 1_024;

    @RegisterExtension
    static final BrokerProcessExtension waiting = new BrokerProcessExtension("--config",
            brokerConfig("memory.maxQueuedMiB=2"));

    @RegisterExtension
    static final BrokerProcessExtension failing = new BrokerProcessExtension("--config",
            brokerConfig("memory.maxQueuedMiB=2", "memory.whenFull=fail"));

    /** A broker that wants more free disk than any disk has, and refuses rather than waits. */
    @RegisterExtension
    static final BrokerProcessExtension diskShort = new BrokerProcessExtension("--config",
            brokerConfig("store.minFreeDiskMiB=1000000000", "memory.whenFull=fail"));

    @Test
    void aProducerWaitsWhileTheBrokerIsFullAndGoesOnAsItsConsumerMakesRoom() throws Exception {
        Connection connection = track(new TidingsConnectionFactory(waiting.url()).createConnection());
        Producing producing = Producing.start(connection, false, "flow.wait");
        producing.awaitWaiting();
        int sentWhenFull = producing.sent.get();

        Session consuming = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = consuming.createConsumer(consuming.createQueue("flow.wait"));
        for (int i = 0; i < COUNT; i++) {
            Message message = consumer.receive(10_000);
            assertThat(message).as("message %d", i).isNotNull();
            assertThat(message.getIntProperty("seq")).isEqualTo(i);
        }
        producing.done.get(30, TimeUnit.SECONDS);

        assertThat(sentWhenFull).as("about 2 MiB of 1 KiB messages, plus the 1 MiB send window")
                .isBetween(1_000, 4_000);
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void theSendsAnOpenTransactionHoldsCountAndAreFreedWhenItEnds() throws Exception {
        Connection transactional = new TidingsConnectionFactory(waiting.url()).createConnection();
        Producing producing = Producing.start(transactional, true, "flow.tx");
        producing.awaitWaiting();

        transactional.close();

        assertThatThrownBy(() -> producing.done.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class);
        Session session = track(new TidingsConnectionFactory(waiting.url()).createConnection())
                .createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createProducer(session.createQueue("flow.tx")).send(message(session, 0));
        assertThat(session.createConsumer(session.createQueue("flow.tx")).receive(10_000).getIntProperty("seq"))
                .as("nothing of the ended transaction arrived").isZero();
    }

    @Test
    void configuredToFailAFullBrokerRefusesSendsNamingItsLimitUntilThereIsRoom() throws Exception {
        Connection connection = track(new TidingsConnectionFactory(failing.url()).createConnection());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("flow.fail"));
        int accepted = 0;
        ResourceAllocationException refused = null;
        while (refused == null && accepted < COUNT) {
            try {
                producer.send(message(session, accepted));
                accepted++;
            } catch (ResourceAllocationException e) {
                refused = e;
            }
        }

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("2 MiB").contains("memory.maxQueuedMiB");
        assertThat(accepted).isBetween(1_000, 3_000);
        assertThatThrownBy(() -> producer.send(message(session, -1))).isInstanceOf(ResourceAllocationException.class);

        MessageConsumer consumer = session.createConsumer(session.createQueue("flow.fail"));
        for (int i = 0; i < accepted / 2; i++) {
            assertThat(consumer.receive(10_000).getIntProperty("seq")).isEqualTo(i);
        }
        producer.send(message(session, accepted));
    }

    @Test
    void aBrokerShortOfFreeDiskRefusesSendsNamingItsMinimum() throws Exception {
        Session session = track(new TidingsConnectionFactory(diskShort.url()).createConnection())
                .createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("flow.disk"));

        assertThatThrownBy(() -> producer.send(message(session, 0))).isInstanceOf(ResourceAllocationException.class)
                .hasMessageContaining("store.minFreeDiskMiB").hasMessageContaining("1000000000 MiB");
        assertThat(session.createBrowser(session.createQueue("flow.disk")).getEnumeration().hasMoreElements())
                .isFalse();
    }

    /** A producer of {@link #COUNT} messages on a thread of its own, and how far it got. */
    private record Producing(CompletableFuture<Void> done, AtomicInteger sent, Thread[] thread) {

        static Producing start(Connection connection, boolean transacted, String queue) {
            AtomicInteger sent = new AtomicInteger();
            Thread[] thread = new Thread[1];
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                thread[0] = Thread.currentThread();
                try {
                    Session session = connection.createSession(transacted, transacted
                            ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue(queue));
                    producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                    for (int i = 0; i < COUNT; i++) {
                        producer.send(message(session, i));
                        sent.incrementAndGet();
                    }
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            return new Producing(done, sent, thread);
        }

        /**
         * Waits until the producer keeps waiting for send credit: a send may wait a moment for credit the broker is
         * about to grant, but a full broker keeps it waiting.
         */
        void awaitWaiting() {
            await("the producer keeps waiting for send credit").atMost(Duration.ofSeconds(30))
                    .during(Duration.ofMillis(300)).until(() -> thread[0] != null && !done.isDone()
                            && thread[0].getState() == Thread.State.WAITING && sent.get() < COUNT);
        }
    }

    private static BytesMessage message(Session session, int seq) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(new byte[SIZE]);
        message.setIntProperty("seq", seq);
        return message;
    }
}
