package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Acknowledgement modes, recover() and local transactions, each observed through a second session. */
@Timeout(60)
class AcknowledgementIT extends BrokerTestSupport {

    private void sendTexts(Session session, Queue queue, String... texts) throws Exception {
        MessageProducer producer = session.createProducer(queue);
        for (String text : texts) {
            producer.send(session.createTextMessage(text));
        }
        producer.close();
    }

    private static String text(Message message) throws Exception {
        assertThat(message).as("a message").isNotNull();
        return ((TextMessage) message).getText();
    }

    @Test
    void autoAcknowledgedMessagesAreGoneAfterTheSessionCloses() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        sendTexts(session, queue, "a", "b");
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(text(consumer.receive(10_000))).isEqualTo("a");
        session.close();

        Session next = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Message redelivered = next.createConsumer(queue).receive(10_000);
        assertThat(text(redelivered)).isEqualTo("b");
        assertThat(redelivered.getJMSRedelivered()).isFalse();
    }

    @Test
    void dupsOkAcknowledgedMessagesAreConsumed() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        sendTexts(session, queue, "a", "b", "c");
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(text(consumer.receive(10_000))).isEqualTo("a");
        assertThat(text(consumer.receive(10_000))).isEqualTo("b");
        assertThat(text(consumer.receive(10_000))).isEqualTo("c");
        session.close();

        Session next = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThat(next.createConsumer(queue).receive(200)).isNull();
    }

    @Test
    void clientAcknowledgeAcknowledgesEverythingConsumedSoFarAndUnacknowledgedComesBack() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        sendTexts(session, queue, "a", "b", "c", "d");
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.receive(10_000);
        Message second = consumer.receive(10_000);
        assertThat(text(second)).isEqualTo("b");
        second.acknowledge(); // acknowledges a and b
        assertThat(text(consumer.receive(10_000))).isEqualTo("c");
        session.close(); // c was not acknowledged

        Session next = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer again = next.createConsumer(queue);
        Message c = again.receive(10_000);
        assertThat(text(c)).isEqualTo("c");
        assertThat(c.getJMSRedelivered()).isTrue();
        assertThat(c.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        Message d = again.receive(10_000);
        assertThat(text(d)).isEqualTo("d");
        assertThat(d.getJMSRedelivered()).isFalse();
        d.acknowledge();
    }

    @Test
    void recoverRedeliversUnacknowledgedMessagesInOrder() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        sendTexts(session, queue, "a", "b", "c");
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.receive(10_000).acknowledge();
        assertThat(text(consumer.receive(10_000))).isEqualTo("b");
        assertThat(text(consumer.receive(10_000))).isEqualTo("c");

        session.recover();

        Message b = consumer.receive(10_000);
        assertThat(text(b)).isEqualTo("b");
        assertThat(b.getJMSRedelivered()).isTrue();
        assertThat(b.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        Message c = consumer.receive(10_000);
        assertThat(text(c)).isEqualTo("c");
        assertThat(c.getJMSRedelivered()).isTrue();
        c.acknowledge();
        assertThat(consumer.receive(100)).isNull();
    }

    @Test
    void recoverInAutoAcknowledgeModeRedeliversTheMessageBeingProcessedByAListener() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        CountDownLatch redelivered = new CountDownLatch(1);
        StringBuilder seen = new StringBuilder();
        session.createConsumer(queue).setMessageListener(message -> {
            try {
                seen.append(text(message)).append(message.getJMSRedelivered() ? "+" : "").append(' ');
                if (!message.getJMSRedelivered()) {
                    session.recover();
                } else {
                    redelivered.countDown();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Session producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        sendTexts(producerSession, queue, "x");

        assertThat(redelivered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.toString()).isEqualTo("x x+ ");
    }

    @Test
    void transactedSendsAreInvisibleUntilCommitAndDiscardedOnRollback() throws Exception {
        Connection connection = connect();
        Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue(name);
        MessageProducer producer = tx.createProducer(queue);
        Session observer = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer watching = observer.createConsumer(queue);

        producer.send(tx.createTextMessage("rolled-back"));
        assertThat(watching.receive(200)).isNull();
        tx.rollback();
        producer.send(tx.createTextMessage("committed-1"));
        producer.send(tx.createTextMessage("committed-2"));
        assertThat(watching.receive(200)).isNull();
        tx.commit();

        assertThat(text(watching.receive(10_000))).isEqualTo("committed-1");
        assertThat(text(watching.receive(10_000))).isEqualTo("committed-2");
        assertThat(watching.receive(100)).isNull();
    }

    @Test
    void transactedReceivesAreRedeliveredAfterRollbackAndConsumedByCommit() throws Exception {
        Connection connection = connect();
        Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = plain.createQueue(name);
        sendTexts(plain, queue, "a", "b");

        Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(queue);
        assertThat(text(consumer.receive(10_000))).isEqualTo("a");
        assertThat(text(consumer.receive(10_000))).isEqualTo("b");
        tx.rollback();

        Message a = consumer.receive(10_000);
        assertThat(text(a)).isEqualTo("a");
        assertThat(a.getJMSRedelivered()).isTrue();
        assertThat(text(consumer.receive(10_000))).isEqualTo("b");
        tx.commit();
        tx.close();

        Session after = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThat(after.createConsumer(queue).receive(200)).isNull();
    }

    @Test
    void aTransactionConsumesAndProducesAsOneUnit() throws Exception {
        Connection connection = connect();
        Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue in = plain.createQueue(name + ".in");
        Queue out = plain.createQueue(name + ".out");
        sendTexts(plain, in, "work");

        Session tx = connection.createSession(true, Session.SESSION_TRANSACTED);
        Message work = tx.createConsumer(in).receive(10_000);
        tx.createProducer(out).send(tx.createTextMessage("done " + text(work)));
        tx.commit();
        tx.close();

        MessageConsumer results = plain.createConsumer(out);
        assertThat(text(results.receive(10_000))).isEqualTo("done work");
        assertThat(plain.createConsumer(in).receive(200)).isNull();
    }
}
