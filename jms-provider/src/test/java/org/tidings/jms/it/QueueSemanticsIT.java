package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class QueueSemanticsIT extends BrokerTestSupport {

    @Test
    void competingConsumersShareAQueueWithoutDuplicates() throws Exception {
        int count = 2_000;
        Connection connection = track(factory("jms.prefetch=10").createConnection());
        Session producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = producerSession.createQueue(name);
        Set<String> seen = Collections.synchronizedSet(new HashSet<>());
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(count);
        int[] perConsumer = new int[3];
        for (int c = 0; c < 3; c++) {
            int index = c;
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(queue).setMessageListener(message -> {
                try {
                    if (!seen.add(((TextMessage) message).getText())) {
                        duplicates.add(((TextMessage) message).getText());
                    }
                    perConsumer[index]++;
                    all.countDown();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        MessageProducer producer = producerSession.createProducer(queue);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (int i = 0; i < count; i++) {
            producer.send(producerSession.createTextMessage("m" + i));
        }

        assertThat(all.await(30, TimeUnit.SECONDS)).as("all messages consumed").isTrue();
        assertThat(duplicates).isEmpty();
        assertThat(seen).hasSize(count);
        assertThat(java.util.Arrays.stream(perConsumer).boxed().toList())
                .allSatisfy(n -> assertThat(n).as("every consumer got a share").isPositive());
    }

    @Test
    void aConsumerCreatedWhileItsConnectionIsStoppedTakesNoMessagesFromOthers() throws Exception {
        Connection idle = track(factory().createConnection());
        idle.stop();
        Session idleSession = idle.createSession(false, Session.AUTO_ACKNOWLEDGE);
        idleSession.createConsumer(idleSession.createQueue(name));
        Connection running = connect();
        Session session = running.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);

        for (int i = 0; i < 3; i++) {
            producer.send(session.createTextMessage("m" + i));
        }

        for (int i = 0; i < 3; i++) {
            Message received = consumer.receive(5000);
            assertThat(received).as("message %d", i).isNotNull();
            assertThat(((TextMessage) received).getText()).isEqualTo("m" + i);
        }
    }

    @Test
    void higherPriorityFirstAndFifoWithinAPriority() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageProducer producer = session.createProducer(queue);
        int[] priorities = {0, 4, 9, 4, 1, 9, 0, 7};
        for (int i = 0; i < priorities.length; i++) {
            producer.send(session.createTextMessage(priorities[i] + ":" + i), DeliveryMode.PERSISTENT,
                    priorities[i], 0);
        }

        MessageConsumer consumer = session.createConsumer(queue);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < priorities.length; i++) {
            order.add(((TextMessage) consumer.receive(10_000)).getText());
        }
        assertThat(order).containsExactly("9:2", "9:5", "7:7", "4:1", "4:3", "1:4", "0:0", "0:6");
    }

    @Test
    void expiredMessagesAreNeverDelivered() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("short-lived"), DeliveryMode.PERSISTENT, 4, 1);
        producer.send(session.createTextMessage("short-lived-too"), DeliveryMode.NON_PERSISTENT, 4, 1);
        TextMessage longLived = session.createTextMessage("long-lived");
        producer.send(longLived, DeliveryMode.PERSISTENT, 4, 60_000);
        assertThat(longLived.getJMSExpiration()).isGreaterThan(longLived.getJMSTimestamp());
        // a 1 ms time-to-live has run out once this later message carries a later timestamp
        Message marker = session.createTextMessage("marker");
        do {
            producer.send(marker);
        } while (marker.getJMSTimestamp() <= longLived.getJMSTimestamp() + 1);

        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("long-lived");
        Message next = consumer.receive(10_000);
        assertThat(((TextMessage) next).getText()).isEqualTo("marker");
    }

    @Test
    void requestReplyOverATemporaryQueue() throws Exception {
        Connection serverConnection = connect();
        Session serverSession = serverConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue requests = serverSession.createQueue(name);
        MessageProducer replier = serverSession.createProducer(null);
        serverSession.createConsumer(requests).setMessageListener(request -> {
            try {
                TextMessage reply = serverSession.createTextMessage(
                        "re: " + ((TextMessage) request).getText());
                reply.setJMSCorrelationID(request.getJMSMessageID());
                replier.send(request.getJMSReplyTo(), reply);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        Connection clientConnection = connect();
        Session session = clientConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue replyQueue = session.createTemporaryQueue();
        MessageConsumer replies = session.createConsumer(replyQueue);
        MessageProducer requester = session.createProducer(requests);
        for (int i = 0; i < 20; i++) {
            TextMessage request = session.createTextMessage("q" + i);
            request.setJMSReplyTo(replyQueue);
            requester.send(request);
            TextMessage reply = (TextMessage) replies.receive(10_000);
            assertThat(reply).as("reply " + i).isNotNull();
            assertThat(reply.getText()).isEqualTo("re: q" + i);
            assertThat(reply.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
            assertThat(reply.getJMSDestination()).isEqualTo(replyQueue);
        }
    }

    @Test
    void onlyTheOwningConnectionConsumesATemporaryQueueAndItDiesWithIt() throws Exception {
        Connection owner = connect();
        Session ownerSession = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryQueue temporary = ownerSession.createTemporaryQueue();

        Connection other = connect();
        Session otherSession = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> otherSession.createConsumer(temporary))
                .isInstanceOf(jakarta.jms.JMSException.class);
        otherSession.createProducer(temporary).send(otherSession.createTextMessage("to the owner"));
        assertThat(((TextMessage) ownerSession.createConsumer(temporary).receive(10_000)).getText())
                .isEqualTo("to the owner");

        owner.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        otherSession.createProducer(temporary).send(otherSession.createTextMessage("too late")))
                .isInstanceOf(jakarta.jms.InvalidDestinationException.class);
    }

    @Test
    void browserSeesMessagesWithoutConsumingThem() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 250; i++) {
            producer.send(session.createTextMessage("b" + i));
        }

        QueueBrowser browser = session.createBrowser(queue);
        List<String> browsed = new ArrayList<>();
        for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
            browsed.add(((TextMessage) e.nextElement()).getText());
        }
        browser.close();
        assertThat(browsed).hasSize(250).startsWith("b0", "b1").endsWith("b249");

        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 250; i++) {
            assertThat(((TextMessage) consumer.receive(10_000)).getText()).isEqualTo("b" + i);
        }
    }
}
