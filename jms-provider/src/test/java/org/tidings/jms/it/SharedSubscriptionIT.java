package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shared subscriptions split a topic's messages among their consumers; unsubscribe waits for them to close. */
@Timeout(60)
class SharedSubscriptionIT extends BrokerTestSupport {

    @Test
    void aSharedSubscriptionGivesEachMessageToOneOfItsConsumers() throws Exception {
        Connection first = track(factory("jms.prefetch=1").createConnection());
        Connection second = track(factory("jms.prefetch=1").createConnection());
        Session one = first.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session two = second.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = one.createTopic(name);
        MessageConsumer a = one.createSharedConsumer(topic, "shared-sub");
        MessageConsumer b = two.createSharedConsumer(topic, "shared-sub");
        MessageConsumer unshared = one.createConsumer(topic);

        MessageProducer producer = one.createProducer(topic);
        for (int i = 0; i < 20; i++) {
            producer.send(one.createTextMessage("m" + i));
        }

        List<String> gotA = drain(a);
        List<String> gotB = drain(b);
        Set<String> together = new HashSet<>(gotA);
        together.addAll(gotB);
        assertThat(gotA.size() + gotB.size()).isEqualTo(20);
        assertThat(together).hasSize(20);
        assertThat(gotA).isNotEmpty();
        assertThat(gotB).isNotEmpty();
        assertThat(drain(unshared)).hasSize(20);
    }

    @Test
    void aSharedDurableSubscriptionKeepsMessagesAndCannotBeRemovedWhileInUse() throws Exception {
        Connection connection = factory().createConnection();
        connection.setClientID(name);
        track(connection);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(name);
        MessageConsumer consumer = session.createSharedDurableConsumer(topic, "durable-shared");

        assertThatThrownBy(() -> session.unsubscribe("durable-shared")).isInstanceOf(IllegalStateException.class);
        consumer.close();
        session.createProducer(topic).send(session.createTextMessage("kept"));

        MessageConsumer again = session.createSharedDurableConsumer(topic, "durable-shared");
        assertThat(((TextMessage) again.receive(5000)).getText()).isEqualTo("kept");
        again.close();
        session.unsubscribe("durable-shared");
    }
}
