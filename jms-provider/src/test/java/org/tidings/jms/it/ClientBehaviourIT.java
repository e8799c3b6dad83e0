package org.tidings.jms.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Client behaviour users rely on: limits, listeners, start/stop, bad input from elsewhere. */
@Timeout(120)
class ClientBehaviourIT extends BrokerTestSupport {

    private static final int BROKER_MAX_MESSAGE_SIZE = 10 * 1024 * 1024;

    @Test
    void anOversizedMessageIsRefusedNamingTheLimitAndTheConnectionKeepsWorking() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageProducer producer = session.createProducer(queue);
        BytesMessage big = session.createBytesMessage();
        big.writeBytes(new byte[BROKER_MAX_MESSAGE_SIZE + 1]);

        assertThatThrownBy(() -> producer.send(big))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining(String.valueOf(BROKER_MAX_MESSAGE_SIZE));

        producer.send(session.createTextMessage("small"));
        TextMessage received = (TextMessage) session.createConsumer(queue).receive(5000);
        assertThat(received.getText()).isEqualTo("small");
    }

    @Test
    void aMalformedFrameClosesOnlyItsOwnConnectionWithALoggedReason() throws Exception {
        Connection healthy = connect();
        Session session = healthy.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageConsumer consumer = session.createConsumer(queue);

        try (Socket rogue = new Socket("127.0.0.1", broker.port())) {
            rogue.setSoTimeout(10_000);
            OutputStream out = rogue.getOutputStream();
            out.write(new byte[] {0, 0, 0, 3, (byte) 0xEE, 1, 2});
            out.flush();
            InputStream in = rogue.getInputStream();
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // drain whatever the broker says before it closes the socket; end of stream is the close
            }
        }

        session.createProducer(queue).send(session.createTextMessage("still working"));
        assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("still working");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Files.readString(broker.logFile())).contains("unknown frame type 238"));
    }

    @Test
    void listenersOfOneSessionRunOneAtATime() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue first = session.createQueue(name + ".a");
        Queue second = session.createQueue(name + ".b");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int perQueue = 200;
        CountDownLatch all = new CountDownLatch(2 * perQueue);
        jakarta.jms.MessageListener listener = message -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.yield();
            running.decrementAndGet();
            all.countDown();
        };
        session.createConsumer(first).setMessageListener(listener);
        session.createConsumer(second).setMessageListener(listener);

        Session sending = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = sending.createProducer(null);
        for (int i = 0; i < perQueue; i++) {
            producer.send(first, sending.createTextMessage("a" + i));
            producer.send(second, sending.createTextMessage("b" + i));
        }

        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(overlaps.get()).isZero();
    }

    @Test
    void aStoppedConnectionDeliversNothingUntilStarted() throws Exception {
        Connection connection = connect();
        connection.stop();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        session.createConsumer(queue).setMessageListener(received::add);

        Connection sender = connect();
        Session sending = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
        sending.createProducer(queue).send(sending.createTextMessage("held"));
        // a bounded look for something that must not happen: nothing may reach the listener while stopped
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).isNull();

        connection.start();
        Message message = received.poll(10, TimeUnit.SECONDS);
        assertThat(((TextMessage) message).getText()).isEqualTo("held");
    }

    @Test
    void aListenerMayNotCloseItsOwnSessionOrConnection() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        List<Throwable> refusals = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        session.createConsumer(queue).setMessageListener(message -> {
            try {
                session.close();
            } catch (Throwable e) {
                refusals.add(e);
            }
            try {
                connection.close();
            } catch (Throwable e) {
                refusals.add(e);
            }
            done.countDown();
        });
        session.createProducer(queue).send(session.createTextMessage("close me"));

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(refusals).hasSize(2).allMatch(e -> e instanceof IllegalStateException);
    }

    @Test
    void theExceptionListenerHearsWhenTheConnectionIsLost() throws Exception {
        Connection connection = connect();
        AtomicReference<JMSException> heard = new AtomicReference<>();
        CountDownLatch lost = new CountDownLatch(1);
        connection.setExceptionListener(e -> {
            heard.set(e);
            lost.countDown();
        });
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageConsumer consumer = session.createConsumer(queue);

        broker.kill();
        try {
            assertThat(lost.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(heard.get()).hasMessageContaining("lost");
            assertThatThrownBy(() -> consumer.receive(1000)).isInstanceOf(JMSException.class);
        } finally {
            broker.restart();
        }
    }
}
