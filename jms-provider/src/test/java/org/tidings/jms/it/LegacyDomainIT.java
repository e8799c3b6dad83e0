package org.tidings.jms.it;

import jakarta.jms.IllegalStateException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JMS 1.0 domain-specific sessions refuse the other domain's methods, as their contracts say. */
@Timeout(60)
class LegacyDomainIT extends BrokerTestSupport {

    @Test
    void aQueueSessionRefusesTopicMethods() throws Exception {
        QueueConnection connection = (QueueConnection) track(factory().createQueueConnection());
        QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = connection.createSession().createTopic(name);

        assertAllRefused(List.of(
                () -> session.createDurableSubscriber(topic, "sub"),
                () -> session.createDurableSubscriber(topic, "sub", "a = 1", false),
                () -> session.createDurableConsumer(topic, "sub"),
                () -> session.createSharedConsumer(topic, "sub"),
                () -> session.createSharedDurableConsumer(topic, "sub"),
                session::createTemporaryTopic,
                () -> session.createTopic("t"),
                () -> session.unsubscribe("sub")));
        assertThat(session.createQueue(name).getQueueName()).isEqualTo(name);
    }

    @Test
    void aTopicSessionRefusesQueueMethods() throws Exception {
        TopicConnection connection = (TopicConnection) track(factory().createTopicConnection());
        TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = connection.createSession().createQueue(name);

        assertAllRefused(List.of(
                () -> session.createBrowser(queue),
                () -> session.createBrowser(queue, "a = 1"),
                () -> session.createQueue("q"),
                session::createTemporaryQueue));
        assertThat(session.createTopic(name).getTopicName()).isEqualTo(name);
    }

    @Test
    void aPlainSessionOffersBoth() throws Exception {
        Session session = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);

        assertThat(session.createTemporaryTopic()).isNotNull();
        assertThat(session.createTemporaryQueue()).isNotNull();
        session.createBrowser(session.createQueue(name)).close();
    }

    private static void assertAllRefused(List<ThrowingCallable> calls) {
        assertThat(calls).allSatisfy(call -> assertThatThrownBy(call).isInstanceOf(IllegalStateException.class));
    }
}
