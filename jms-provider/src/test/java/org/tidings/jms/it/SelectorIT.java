package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Selectors evaluated by the broker: on queues, topic subscriptions and browsers. */
@Timeout(60)
class SelectorIT extends BrokerTestSupport {

    private void send(Session session, jakarta.jms.Destination destination, String text, String color, int size)
            throws Exception {
        MessageProducer producer = session.createProducer(destination);
        TextMessage message = session.createTextMessage(text);
        message.setStringProperty("color", color);
        message.setIntProperty("size", size);
        producer.send(message);
        producer.close();
    }

    @Test
    void aQueueConsumerGetsOnlyWhatItSelectsAndTheRestStaysForOthers() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageConsumer red = session.createConsumer(queue, "color = 'red' AND size BETWEEN 1 AND 10");
        send(session, queue, "r1", "red", 5);
        send(session, queue, "b1", "blue", 5);
        send(session, queue, "r2", "red", 50);
        send(session, queue, "r3", "red", 10);

        assertThat(drain(red)).containsExactly("r1", "r3");
        red.close();
        assertThat(drain(session.createConsumer(queue))).containsExactly("b1", "r2");
    }

    @Test
    void aTopicSubscriberWithASelectorGetsOnlyMatchingMessages() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(name);
        MessageConsumer big = session.createConsumer(topic, "size > 10");
        MessageConsumer all = session.createConsumer(topic);
        send(session, topic, "small", "red", 1);
        send(session, topic, "large", "red", 100);

        assertThat(drain(big)).containsExactly("large");
        assertThat(drain(all)).containsExactly("small", "large");
    }

    @Test
    void aBrowserWithASelectorShowsOnlyMatchingMessages() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        send(session, queue, "a", "red", 1);
        send(session, queue, "b", "blue", 1);

        List<?> seen = Collections.list(session.createBrowser(queue, "color LIKE 'bl%'").getEnumeration());
        assertThat(seen).extracting(m -> ((TextMessage) m).getText()).containsExactly("b");
    }

    @Test
    void anInvalidSelectorFailsWhenTheConsumerIsCreated() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        assertThatThrownBy(() -> session.createConsumer(queue, "color = "))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("color = ");
        assertThatThrownBy(() -> session.createBrowser(queue, "size + 1"))
                .isInstanceOf(InvalidSelectorException.class);
    }
}
