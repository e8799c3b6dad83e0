package org.tidings.jms.it;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tidings.broker.testing.BrokerProcessExtension;
import org.tidings.jms.TidingsConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiry: a queued message that expires goes to the expiry queue as soon as it expires, with no consumer ever
 * asking for it, intact and no longer expiring; where configured, expired messages are dropped instead.
 */
@Timeout(60)
class ExpiryIT extends TrackedConnections {

    @RegisterExtension
    static final BrokerProcessExtension broker = new BrokerProcessExtension("--config", brokerConfig(
            "destination.transient.*.expiryQueue="));

    private Session session() throws JMSException {
        return track(new TidingsConnectionFactory(broker.url()).createConnection())
                .createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Test
    void anExpiredMessageMovesToTheExpiryQueueWithoutAConsumerAsking() throws Exception {
        Session session = session();
        MessageProducer producer = session.createProducer(session.createQueue("orders.expiring"));
        TextMessage expiring = session.createTextMessage("stale");
        expiring.setStringProperty("customer", "c-3");
        producer.send(expiring, DeliveryMode.PERSISTENT, 4, 300);
        producer.send(session.createTextMessage("fresh"));

        Message expired = session.createConsumer(session.createQueue("ExpiryQueue")).receive(10_000);

        assertThat(expired).isNotNull();
        assertThat(((TextMessage) expired).getText()).isEqualTo("stale");
        assertThat(expired.getJMSMessageID()).isEqualTo(expiring.getJMSMessageID());
        assertThat(expired.getJMSExpiration()).as("the copy no longer expires").isZero();
        assertThat(expired.getStringProperty("customer")).isEqualTo("c-3");
        assertThat(expired.getStringProperty("TIDINGS_DLQ_REASON")).isEqualTo("EXPIRED");
        assertThat(expired.getStringProperty("TIDINGS_DLQ_ORIGINAL_DESTINATION")).isEqualTo("orders.expiring");
        assertThat(expired.getLongProperty("TIDINGS_DLQ_TIME")).isGreaterThanOrEqualTo(expiring.getJMSExpiration());
        assertThat(browseTexts(session, "orders.expiring")).containsExactly("fresh");
    }

    @Test
    void whereConfiguredExpiredMessagesAreDropped() throws Exception {
        Session session = session();
        session.createProducer(session.createQueue("transient.quotes"))
                .send(session.createTextMessage("dropped"), DeliveryMode.PERSISTENT, 4, 100);
        session.createProducer(session.createQueue("kept.quotes"))
                .send(session.createTextMessage("kept"), DeliveryMode.NON_PERSISTENT, 4, 400);
        MessageConsumer expiryQueue = session.createConsumer(session.createQueue("ExpiryQueue"));

        Message first = expiryQueue.receive(10_000);

        assertThat(((TextMessage) first).getText()).as("the earlier expired message was dropped").isEqualTo("kept");
        assertThat(browseTexts(session, "transient.quotes")).isEmpty();
        assertThat(expiryQueue.receiveNoWait()).isNull();
    }

}
