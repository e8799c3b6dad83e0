package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(90)
class TopicIT extends BrokerTestSupport {

    @Test
    void everySubscriberGetsEveryMessage() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(name);
        List<MessageConsumer> subscribers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            subscribers.add(connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(topic));
        }
        MessageProducer producer = session.createProducer(topic);
        for (int i = 0; i < 100; i++) {
            producer.send(session.createTextMessage("t" + i));
        }

        for (MessageConsumer subscriber : subscribers) {
            for (int i = 0; i < 100; i++) {
                assertThat(((TextMessage) subscriber.receive(10_000)).getText()).isEqualTo("t" + i);
            }
            assertThat(subscriber.receive(50)).isNull();
        }
    }

    @Test
    void aNonDurableSubscriberMissesWhatWasPublishedBeforeIt() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(name);
        MessageProducer producer = session.createProducer(topic);
        producer.send(session.createTextMessage("before"));
        MessageConsumer late = session.createConsumer(topic);
        producer.send(session.createTextMessage("after"));
        assertThat(((TextMessage) late.receive(10_000)).getText()).isEqualTo("after");
    }

    @Test
    void durableSubscriptionKeepsMessagesWhileOfflineAndAcrossARestart() throws Exception {
        String clientId = "durable-client";
        Connection connection = factory().createConnection();
        connection.setClientID(clientId);
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic(name);
        TopicSubscriber subscriber = session.createDurableSubscriber(topic, "sub");
        subscriber.close();

        MessageProducer producer = session.createProducer(topic);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 0; i < 50; i++) {
            producer.send(session.createTextMessage("offline-" + i));
        }
        connection.close();

        broker.stopBroker();
        broker.restart();

        Connection again = factory().createConnection();
        again.setClientID(clientId);
        track(again);
        Session againSession = again.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer resumed = againSession.createDurableSubscriber(againSession.createTopic(name), "sub");
        for (int i = 0; i < 50; i++) {
            TextMessage message = (TextMessage) resumed.receive(10_000);
            assertThat(message).as("message " + i).isNotNull();
            assertThat(message.getText()).isEqualTo("offline-" + i);
        }
        assertThat(resumed.receive(100)).isNull();

        assertThatThrownBy(() -> againSession.unsubscribe("sub")).isInstanceOf(jakarta.jms.JMSException.class);
        resumed.close();
        againSession.unsubscribe("sub");
    }

    @Test
    void onlyTheOwningConnectionSubscribesToATemporaryTopicAndItDiesWithIt() throws Exception {
        Connection owner = connect();
        Session ownerSession = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
        TemporaryTopic temporary = ownerSession.createTemporaryTopic();
        MessageConsumer first = ownerSession.createConsumer(temporary);
        MessageConsumer second = owner.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(temporary);

        Connection other = connect();
        Session otherSession = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
        assertThatThrownBy(() -> otherSession.createConsumer(temporary)).isInstanceOf(JMSException.class);
        otherSession.createProducer(temporary).send(otherSession.createTextMessage("to the owner"));
        assertThat(((TextMessage) first.receive(10_000)).getText()).isEqualTo("to the owner");
        assertThat(((TextMessage) second.receive(10_000)).getText()).isEqualTo("to the owner");

        owner.close();
        assertThatThrownBy(() -> otherSession.createProducer(temporary).send(otherSession.createTextMessage("late")))
                .isInstanceOf(InvalidDestinationException.class);
    }
}
