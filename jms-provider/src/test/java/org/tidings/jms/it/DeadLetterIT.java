package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tidings.broker.testing.BrokerProcessExtension;
import org.tidings.jms.TidingsConnectionFactory;
import org.tidings.jms.connection.TidingsConnection;
import org.tidings.jms.message.TidingsMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Poison messages: a listener that always throws sees a message exactly {@code maxDeliveryAttempts} times, each
 * redelivery after a longer wait while the messages behind it keep flowing, and then the message is on its
 * dead-letter queue, intact, with the properties that say why; a rejected message goes there at once; dead letters
 * survive a restart.
 */
@Timeout(120)
class DeadLetterIT extends TrackedConnections {

    private static final long FIRST_DELAY = 150;

    @RegisterExtension
    static final BrokerProcessExtension broker = new BrokerProcessExtension("--config", brokerConfig(
            "destination.poison.*.maxDeliveryAttempts=4",
            "destination.poison.*.redeliveryDelayMillis=" + FIRST_DELAY,
            "destination.poison.*.redeliveryMultiplier=2",
            "destination.poison.*.maxRedeliveryDelayMillis=400",
            "destination.poison.restart.redeliveryDelayMillis=0",
            "destination.poison.restart.maxDeliveryAttempts=2",
            "destination.poison.restart.deadLetterQueue=dead.{name}",
            "destination.replay.*.maxDeliveryAttempts=1"));

    private Connection connect() throws JMSException {
        return track(new TidingsConnectionFactory(broker.url()).createConnection());
    }

    /** What a listener saw: the text, the time and the delivery count of each delivery. */
    private record Seen(String text, long nanos, int deliveryCount, boolean redelivered) {
    }

    @Test
    void aPoisonMessageIsTriedMaxDeliveryAttemptsTimesWithGrowingGapsThenDeadLetteredIntact() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("poison.orders"));
        TextMessage poison = session.createTextMessage("poison");
        poison.setStringProperty("customer", "c-17");
        producer.send(poison);
        for (int i = 1; i <= 3; i++) {
            producer.send(session.createTextMessage("good-" + i));
        }

        List<Seen> seen = new CopyOnWriteArrayList<>();
        Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        long before = System.currentTimeMillis();
        listening.createConsumer(listening.createQueue("poison.orders")).setMessageListener(message -> {
            try {
                String text = ((TextMessage) message).getText();
                seen.add(new Seen(text, System.nanoTime(), message.getIntProperty("JMSXDeliveryCount"),
                        message.getJMSRedelivered()));
                if (text.equals("poison")) {
                    throw new IllegalStateException("cannot process " + text);
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        Session dlqSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message dead = dlqSession.createConsumer(dlqSession.createQueue("DLQ.poison.orders")).receive(20_000);
        long after = System.currentTimeMillis();

        assertThat(dead).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) dead).getText()).isEqualTo("poison");
        assertThat(dead.getJMSMessageID()).isEqualTo(poison.getJMSMessageID());
        assertThat(dead.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(dead.getStringProperty("customer")).isEqualTo("c-17");
        assertThat(dead.getStringProperty("TIDINGS_DLQ_ORIGINAL_DESTINATION")).isEqualTo("poison.orders");
        assertThat(dead.getStringProperty("TIDINGS_DLQ_REASON")).isEqualTo("MAX_DELIVERIES");
        assertThat(dead.getIntProperty("TIDINGS_DLQ_DELIVERY_COUNT")).isEqualTo(4);
        assertThat(dead.getLongProperty("TIDINGS_DLQ_TIME")).isBetween(before, after);
        assertThat(dead.getStringProperty("TIDINGS_DLQ_ERROR"))
                .startsWith("java.lang.IllegalStateException: cannot process poison")
                .contains("at org.tidings.jms.it.DeadLetterIT");

        List<Seen> attempts = seen.stream().filter(s -> s.text().equals("poison")).toList();
        assertThat(attempts).extracting(Seen::deliveryCount).containsExactly(1, 2, 3, 4);
        assertThat(attempts).extracting(Seen::redelivered).containsExactly(false, true, true, true);
        long[] expectedGaps = {FIRST_DELAY, 2 * FIRST_DELAY, 400};
        for (int i = 0; i < expectedGaps.length; i++) {
            long gapMillis = TimeUnit.NANOSECONDS.toMillis(attempts.get(i + 1).nanos() - attempts.get(i).nanos());
            assertThat(gapMillis).as("wait before attempt %d", i + 2).isGreaterThanOrEqualTo(expectedGaps[i] - 2);
        }
        List<Seen> good = seen.stream().filter(s -> s.text().startsWith("good")).toList();
        assertThat(good).extracting(Seen::text).containsExactly("good-1", "good-2", "good-3");
        assertThat(good.get(2).nanos()).as("the messages behind the poison one do not wait for it")
                .isLessThan(attempts.get(1).nanos());
    }

    @Test
    void everyRollbackCountsSoATransactedConsumerThatAlwaysRollsBackDeadLettersTheMessage() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createProducer(session.createQueue("poison.tx")).send(session.createTextMessage("tx-poison"));

        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = transacted.createConsumer(transacted.createQueue("poison.tx"));
        List<Integer> counts = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            Message message = consumer.receive(10_000);
            assertThat(message).as("attempt %d", attempt).isNotNull();
            counts.add(message.getIntProperty("JMSXDeliveryCount"));
            transacted.rollback();
        }
        Message dead = session.createConsumer(session.createQueue("DLQ.poison.tx")).receive(10_000);

        assertThat(counts).containsExactly(1, 2, 3, 4);
        assertThat(consumer.receiveNoWait()).isNull();
        assertThat(((TextMessage) dead).getText()).isEqualTo("tx-poison");
        assertThat(dead.getIntProperty("TIDINGS_DLQ_DELIVERY_COUNT")).isEqualTo(4);
        assertThat(dead.propertyExists("TIDINGS_DLQ_ERROR")).isFalse();
    }

    @Test
    void aRecoveredMessageWaitsOutItsDelayWhileTheNextOneIsDelivered() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("poison.recover"));
        producer.send(session.createTextMessage("A"));
        producer.send(session.createTextMessage("B"));
        MessageConsumer consumer = session.createConsumer(session.createQueue("poison.recover"));

        Message first = consumer.receive(10_000);
        session.recover();
        Message second = consumer.receive(10_000);
        second.acknowledge();
        Message third = consumer.receive(10_000);
        third.acknowledge();

        assertThat(((TextMessage) first).getText()).isEqualTo("A");
        assertThat(((TextMessage) second).getText()).as("B is not held up by A's redelivery delay").isEqualTo("B");
        assertThat(second.getJMSRedelivered()).isFalse();
        assertThat(((TextMessage) third).getText()).isEqualTo("A");
        assertThat(third.getJMSRedelivered()).isTrue();
        assertThat(third.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void aRejectedMessageIsDeadLetteredAtOnceInEverySessionModeWhileTheNextOnesFlow() throws Exception {
        Connection connection = connect();
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        for (String mode : List.of("listener", "client", "transacted", "received")) {
            MessageProducer producer = session.createProducer(session.createQueue("reject." + mode));
            producer.send(session.createTextMessage("refused"));
            producer.send(session.createTextMessage("next"));
        }

        List<String> heard = new CopyOnWriteArrayList<>();
        Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        listening.createConsumer(listening.createQueue("reject.listener")).setMessageListener(message -> {
            try {
                String text = ((TextMessage) message).getText();
                heard.add(text);
                if (text.equals("refused")) {
                    ((TidingsMessage) message).reject("bad order");
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        Session clientAck = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer byClient = clientAck.createConsumer(clientAck.createQueue("reject.client"));
        ((TidingsMessage) byClient.receive(10_000)).reject("no");
        Message next = byClient.receive(10_000);
        next.acknowledge();
        clientAck.recover();

        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer inTransaction = transacted.createConsumer(transacted.createQueue("reject.transacted"));
        ((TidingsMessage) inTransaction.receive(10_000)).reject(null);
        transacted.rollback();
        Message afterRollback = inTransaction.receive(10_000);
        transacted.commit();

        MessageConsumer received = session.createConsumer(session.createQueue("reject.received"));
        TidingsMessage alreadyAcknowledged = (TidingsMessage) received.receive(10_000);
        assertThatThrownBy(() -> alreadyAcknowledged.reject("too late"))
                .isInstanceOf(jakarta.jms.IllegalStateException.class);

        Map<String, String> reasons = new HashMap<>();
        reasons.put("listener", "bad order");
        reasons.put("client", "no");
        reasons.put("transacted", null);
        for (Map.Entry<String, String> rejected : reasons.entrySet()) {
            String mode = rejected.getKey();
            Message dead = session.createConsumer(session.createQueue("DLQ.reject." + mode)).receive(10_000);
            assertThat(((TextMessage) dead).getText()).as(mode).isEqualTo("refused");
            assertThat(dead.getStringProperty("TIDINGS_DLQ_REASON")).as(mode).isEqualTo("REJECTED");
            assertThat(dead.getIntProperty("TIDINGS_DLQ_DELIVERY_COUNT")).as(mode).isEqualTo(1);
            assertThat(dead.getStringProperty("TIDINGS_DLQ_ERROR")).as(mode).isEqualTo(rejected.getValue());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
        assertThat(heard).containsExactly("refused", "next");
        assertThat(((TextMessage) next).getText()).isEqualTo("next");
        assertThat(((TextMessage) afterRollback).getText()).isEqualTo("next");
        assertThat(browseTexts(session, "DLQ.reject.received")).isEmpty();
        for (String mode : List.of("listener", "client", "transacted")) {
            assertThat(browseTexts(session, "reject." + mode)).as(mode).isEmpty();
        }
    }

    @Test
    void deadLettersAreReplayedToTheirQueueBySelectorOrAllIntactAndAsNew() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("replay.orders"));
        List<String> ids = new ArrayList<>();
        for (String customer : List.of("a", "b", "a")) {
            TextMessage message = session.createTextMessage("for " + customer + " " + ids.size());
            message.setStringProperty("customer", customer);
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }
        Connection failing = connect();
        Session failingSession = failing.createSession(false, Session.AUTO_ACKNOWLEDGE);
        failingSession.createConsumer(failingSession.createQueue("replay.orders")).setMessageListener(message -> {
            throw new IllegalStateException("not today");
        });
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browseTexts(session, "DLQ.replay.orders").size() == 3);
        failing.close();
        TidingsConnection admin = (TidingsConnection) connection;
        Queue deadLetters = session.createQueue("DLQ.replay.orders");

        assertThat(admin.replayDeadLetters(deadLetters, "customer = 'b'")).isEqualTo(1);
        assertThat(browseTexts(session, "DLQ.replay.orders")).containsExactly("for a 0", "for a 2");
        assertThat(admin.replayDeadLetters(deadLetters, null)).isEqualTo(2);
        assertThat(browseTexts(session, "DLQ.replay.orders")).isEmpty();
        assertThatThrownBy(() -> admin.replayDeadLetters(deadLetters, "customer ="))
                .isInstanceOf(InvalidSelectorException.class);

        MessageConsumer consumer = session.createConsumer(session.createQueue("replay.orders"));
        List<Message> replayed = new ArrayList<>();
        for (Message m = consumer.receive(5_000); m != null; m = consumer.receive(500)) {
            replayed.add(m);
        }
        assertThat(replayed).extracting(m -> ((TextMessage) m).getText())
                .containsExactly("for b 1", "for a 0", "for a 2");
        assertThat(replayed).extracting(Message::getJMSMessageID).containsExactly(ids.get(1), ids.get(0), ids.get(2));
        for (Message m : replayed) {
            assertThat(m.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
            assertThat(m.getJMSRedelivered()).isFalse();
            assertThat(m.propertyExists("TIDINGS_DLQ_REASON")).isFalse();
            assertThat(m.propertyExists("TIDINGS_DLQ_ERROR")).isFalse();
            assertThat(m.getStringProperty("customer")).isIn("a", "b");
        }
    }

    @Test
    void deadLettersSurviveARestartAndTheOriginalQueueStaysEmpty() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("poison.restart"));
        for (int i = 0; i < 3; i++) {
            producer.send(session.createTextMessage("bad-" + i));
        }
        Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer failing = listening.createConsumer(listening.createQueue("poison.restart"));
        failing.setMessageListener(message -> {
            throw new IllegalArgumentException("always");
        });
        Session browsing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browseTexts(browsing, "dead.poison.restart").size() == 3);
        connection.close();

        broker.stopBroker();
        broker.restart();

        Session afterRestart = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThat(browseTexts(afterRestart, "dead.poison.restart")).containsExactly("bad-0", "bad-1", "bad-2");
        assertThat(browseTexts(afterRestart, "poison.restart")).isEmpty();
        MessageConsumer dlq = afterRestart.createConsumer(afterRestart.createQueue("dead.poison.restart"));
        Message first = dlq.receive(10_000);
        assertThat(first.getIntProperty("TIDINGS_DLQ_DELIVERY_COUNT")).isEqualTo(2);
        assertThat(first.getStringProperty("TIDINGS_DLQ_ERROR")).startsWith("java.lang.IllegalArgumentException");
    }

}
