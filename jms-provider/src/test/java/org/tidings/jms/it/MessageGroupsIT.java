package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message groups: the messages of one JMSXGroupID go to one consumer of a queue, in order, while it lives; groups
 * spread over the consumers; when the consumer of a group closes, the group continues, in order, at another.
 */
@Timeout(60)
class MessageGroupsIT extends BrokerTestSupport {

    /** One message as a listener got it. */
    private record Got(int consumer, String group, int seq) {
    }

    private final List<Got> got = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch expected;

    @Test
    void twoGroupsOverThreeConsumersKeepTheirOrderAndMoveWhenTheirConsumerCloses() throws Exception {
        Connection connection = connect();
        List<MessageConsumer> consumers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(name));
            int index = i;
            consumer.setMessageListener(message -> {
                try {
                    got.add(new Got(index, message.getStringProperty("JMSXGroupID"),
                            message.getIntProperty("JMSXGroupSeq")));
                    expected.countDown();
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            consumers.add(consumer);
        }
        Session producing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producing.createProducer(producing.createQueue(name));

        expected = new CountDownLatch(60);
        for (int seq = 1; seq <= 30; seq++) {
            send(producing, producer, "A", seq);
            send(producing, producer, "B", seq);
        }
        assertThat(expected.await(30, TimeUnit.SECONDS)).isTrue();

        int ownerOfA = onlyConsumerOf("A");
        int ownerOfB = onlyConsumerOf("B");
        assertThat(ownerOfA).as("groups spread over consumers").isNotEqualTo(ownerOfB);
        assertThat(seqsOf("A")).isEqualTo(range(1, 30));
        assertThat(seqsOf("B")).isEqualTo(range(1, 30));

        consumers.get(ownerOfA).close();
        got.clear();
        expected = new CountDownLatch(20);
        for (int seq = 31; seq <= 50; seq++) {
            send(producing, producer, "A", seq);
        }
        assertThat(expected.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(onlyConsumerOf("A")).as("the group moved to a consumer that lives").isNotEqualTo(ownerOfA);
        assertThat(seqsOf("A")).isEqualTo(range(31, 50));
    }

    private static void send(Session session, MessageProducer producer, String group, int seq) throws JMSException {
        TextMessage message = session.createTextMessage(group + seq);
        message.setStringProperty("JMSXGroupID", group);
        message.setIntProperty("JMSXGroupSeq", seq);
        producer.send(message);
    }

    private int onlyConsumerOf(String group) {
        List<Integer> owners = got.stream().filter(g -> g.group().equals(group)).map(Got::consumer).distinct()
                .toList();
        assertThat(owners).as("consumers that got group %s", group).hasSize(1);
        return owners.get(0);
    }

    private List<Integer> seqsOf(String group) {
        return got.stream().filter(g -> g.group().equals(group)).map(Got::seq).toList();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> range = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            range.add(i);
        }
        return range;
    }
}
