package org.tidings.jms.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class MessageTypesIT extends BrokerTestSupport {

    @ParameterizedTest(name = "persistent={0}")
    @ValueSource(booleans = {true, false})
    void everyMessageTypeCrossesTheBrokerIntact(boolean persistent) throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name + persistent);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);

        TextMessage text = session.createTextMessage("héllo wörld");
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3});
        bytes.writeUTF("tail");
        MapMessage map = session.createMapMessage();
        map.setInt("count", 7);
        map.setString("who", "map");
        map.setBytes("raw", new byte[] {9});
        StreamMessage stream = session.createStreamMessage();
        stream.writeBoolean(true);
        stream.writeLong(42L);
        stream.writeString("s");
        ObjectMessage object = session.createObjectMessage(new ArrayList<>(List.of("a", "b")));
        Message plain = session.createMessage();
        List<Message> sent = List.of(text, bytes, map, stream, object, plain);
        for (Message message : sent) {
            message.setStringProperty("kind", message.getClass().getSimpleName());
            message.setLongProperty("big", Long.MAX_VALUE);
            message.setDoubleProperty("ratio", 0.5);
            message.setJMSCorrelationID("corr-" + sent.indexOf(message));
            message.setJMSType("type-" + sent.indexOf(message));
            producer.send(message);
        }

        MessageConsumer consumer = session.createConsumer(queue);
        TextMessage gotText = (TextMessage) consumer.receive(10_000);
        assertThat(gotText.getText()).isEqualTo("héllo wörld");
        BytesMessage gotBytes = (BytesMessage) consumer.receive(10_000);
        byte[] head = new byte[3];
        assertThat(gotBytes.readBytes(head)).isEqualTo(3);
        assertThat(head).containsExactly(1, 2, 3);
        assertThat(gotBytes.readUTF()).isEqualTo("tail");
        MapMessage gotMap = (MapMessage) consumer.receive(10_000);
        assertThat(gotMap.getInt("count")).isEqualTo(7);
        assertThat(gotMap.getString("count")).isEqualTo("7");
        assertThat(gotMap.getString("who")).isEqualTo("map");
        assertThat(gotMap.getBytes("raw")).containsExactly(9);
        StreamMessage gotStream = (StreamMessage) consumer.receive(10_000);
        assertThat(gotStream.readBoolean()).isTrue();
        assertThat(gotStream.readLong()).isEqualTo(42L);
        assertThat(gotStream.readString()).isEqualTo("s");
        ObjectMessage gotObject = (ObjectMessage) consumer.receive(10_000);
        assertThat(gotObject.getObject()).isEqualTo(List.of("a", "b"));
        Message gotPlain = consumer.receive(10_000);
        assertThat(gotPlain).isNotInstanceOfAny(TextMessage.class, BytesMessage.class, MapMessage.class,
                StreamMessage.class, ObjectMessage.class);

        List<Message> received = List.of(gotText, gotBytes, gotMap, gotStream, gotObject, gotPlain);
        for (int i = 0; i < received.size(); i++) {
            Message got = received.get(i);
            Message original = sent.get(i);
            assertThat(got.getJMSMessageID()).isEqualTo(original.getJMSMessageID()).startsWith("ID:");
            assertThat(got.getJMSTimestamp()).isEqualTo(original.getJMSTimestamp()).isPositive();
            assertThat(got.getJMSDestination()).isEqualTo(queue);
            assertThat(got.getJMSDeliveryMode())
                    .isEqualTo(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
            assertThat(got.getJMSPriority()).isEqualTo(Message.DEFAULT_PRIORITY);
            assertThat(got.getJMSCorrelationID()).isEqualTo("corr-" + i);
            assertThat(got.getJMSType()).isEqualTo("type-" + i);
            assertThat(got.getJMSRedelivered()).isFalse();
            assertThat(got.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
            assertThat(got.getStringProperty("kind")).isEqualTo(original.getStringProperty("kind"));
            assertThat(got.getLongProperty("big")).isEqualTo(Long.MAX_VALUE);
            assertThat(got.getDoubleProperty("ratio")).isEqualTo(0.5);
        }
        assertThat(consumer.receiveNoWait()).isNull();
    }

    @Test
    void prefetchZeroPullsOneMessagePerReceive() throws Exception {
        Connection connection = track(factory("jms.prefetch=0").createConnection());
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageConsumer first = session.createConsumer(queue);
        MessageConsumer second = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("one"));
        producer.send(session.createTextMessage("two"));

        assertThat(((TextMessage) first.receive(10_000)).getText()).isEqualTo("one");
        // with no prefetch, the second message was not parked at the first consumer
        assertThat(((TextMessage) second.receive(10_000)).getText()).isEqualTo("two");
        assertThat(first.receive(100)).isNull();
        assertThat(second.receiveNoWait()).isNull();
    }
}
