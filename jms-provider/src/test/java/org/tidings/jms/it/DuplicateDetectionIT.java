package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tidings.jms.producer.TidingsMessageProducer;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicate detection: a message whose TIDINGS_DUPLICATE_ID its destination has seen is confirmed but not
 * delivered again — also when the first one was sent before a broker restart, and within a transaction, checked at
 * commit; with {@code jms.duplicateDetection=true} the client gives every message an id of its own.
 */
@Timeout(60)
class DuplicateDetectionIT extends BrokerTestSupport {

    private static final String DUPLICATE_ID = TidingsMessageProducer.DUPLICATE_ID;

    @Test
    void aSecondMessageWithAKnownIdIsConfirmedButNotDelivered() throws Exception {
        Session session = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(name));
        producer.send(withId(session, "first", "order-1"));
        producer.send(withId(session, "again", "order-1"));
        producer.send(withId(session, "other", "order-2"));

        assertThat(drain(session.createConsumer(session.createQueue(name)))).containsExactly("first", "other");
    }

    @Test
    void theIdsOfStoredMessagesAreRememberedAcrossARestart() throws Exception {
        Connection before = connect();
        Session session = before.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createProducer(session.createQueue(name)).send(withId(session, "before", "order-7"));
        before.close();

        broker.stopBroker();
        broker.restart();

        Session after = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = after.createProducer(after.createQueue(name));
        producer.send(withId(after, "resent after restart", "order-7"));
        producer.send(withId(after, "new", "order-8"));

        assertThat(drain(after.createConsumer(after.createQueue(name)))).containsExactly("before", "new");
    }

    @Test
    void withinATransactionTheCheckHappensAtCommit() throws Exception {
        Connection connection = connect();
        Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        plain.createProducer(plain.createQueue(name)).send(withId(plain, "committed earlier", "tx-1"));
        Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = transacted.createProducer(transacted.createQueue(name));

        producer.send(withId(transacted, "rolled back", "tx-2"));
        transacted.rollback();
        producer.send(withId(transacted, "seen before", "tx-1"));
        producer.send(withId(transacted, "kept", "tx-2"));
        producer.send(withId(transacted, "twice in one transaction", "tx-2"));
        transacted.commit();

        assertThat(drain(plain.createConsumer(plain.createQueue(name)))).containsExactly("committed earlier", "kept");
    }

    @Test
    void withDuplicateDetectionOnEveryMessageCarriesItsOwnId() throws Exception {
        Session session = track(factory("jms.duplicateDetection=true").createConnection())
                .createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(name));
        TextMessage reused = session.createTextMessage("one");
        producer.send(reused);
        reused.setText("two");
        producer.send(reused);
        producer.send(withId(session, "chosen", "mine"));

        MessageConsumer consumer = session.createConsumer(session.createQueue(name));
        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Message m = consumer.receive(5_000); m != null; m = consumer.receive(500)) {
            ids.add(m.getStringProperty(DUPLICATE_ID));
            texts.add(((TextMessage) m).getText());
        }

        assertThat(texts).containsExactly("one", "two", "chosen");
        assertThat(ids.get(0)).isNotNull().isNotEqualTo(ids.get(1));
        assertThat(ids.get(2)).isEqualTo("mine");
        assertThat(reused.propertyExists(DUPLICATE_ID)).as("the application's message is left as it is").isFalse();
    }

    private static TextMessage withId(Session session, String text, String duplicateId) throws Exception {
        TextMessage message = session.createTextMessage(text);
        message.setStringProperty(DUPLICATE_ID, duplicateId);
        return message;
    }
}
