package org.tidings.jms.it;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simplified API over a real broker: bodies, producer properties, auto-start, shared connections. */
@Timeout(60)
class JMSContextIT extends BrokerTestSupport {

    @Test
    void sendsBodiesAndPropertiesAndReceivesThemAsBodies() throws Exception {
        try (JMSContext context = factory().createContext()) {
            Queue queue = context.createQueue(name);
            JMSConsumer consumer = context.createConsumer(queue);
            context.createProducer().setProperty("region", "north").setJMSCorrelationID("c-1")
                    .send(queue, "text body")
                    .send(queue, Map.of("k", 1))
                    .send(queue, new byte[] {1, 2});

            TextMessage first = (TextMessage) consumer.receive(5000);
            assertThat(first.getBody(String.class)).isEqualTo("text body");
            assertThat(first.getStringProperty("region")).isEqualTo("north");
            assertThat(first.getJMSCorrelationID()).isEqualTo("c-1");
            assertThat(consumer.receiveBody(Map.class, 5000)).isEqualTo(Map.of("k", 1));
            assertThat(consumer.receiveBody(byte[].class, 5000)).containsExactly(1, 2);
            assertThat(consumer.receiveNoWait()).isNull();
        }
    }

    @Test
    void aBodyReceiveBodyCannotAssignIsRefusedAndDeliveredAgain() throws Exception {
        try (JMSContext context = factory().createContext()) {
            Queue queue = context.createQueue(name);
            JMSConsumer consumer = context.createConsumer(queue);
            context.createProducer().send(queue, "text").send(queue, context.createMessage())
                    .send(queue, context.createStreamMessage());

            assertThatThrownBy(() -> consumer.receiveBody(Integer.class, 5000))
                    .isInstanceOf(MessageFormatRuntimeException.class);
            assertThat(consumer.receiveBody(String.class, 5000)).isEqualTo("text");
            assertThatThrownBy(() -> consumer.receiveBody(Boolean.class, 5000))
                    .isInstanceOf(MessageFormatRuntimeException.class).hasMessageContaining("without a body");
            Message again = consumer.receive(5000);
            assertThat(again.getJMSRedelivered()).isTrue();
            assertThat(again.getBody(Object.class)).isNull();
            assertThatThrownBy(() -> consumer.receiveBody(Object.class, 5000))
                    .isInstanceOf(MessageFormatRuntimeException.class).hasMessageContaining("StreamMessage");
        }
    }

    @Test
    void contextsCreatedFromAContextShareItsConnectionUntilTheLastCloses() {
        JMSContext first = factory().createContext();
        JMSContext second = first.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        Queue queue = first.createQueue(name);
        first.close();

        second.createProducer().send(queue, "still open");
        JMSConsumer consumer = second.createConsumer(queue);
        assertThat(consumer.receiveBody(String.class, 5000)).isEqualTo("still open");
        second.acknowledge();
        second.close();

        assertThatThrownBy(() -> second.createQueue("x")).isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void theClientIdCanBeSetRightAfterCreationButNotOnceUsed() {
        try (JMSContext context = factory().createContext()) {
            context.setClientID(name);
            assertThat(context.getClientID()).isEqualTo(name);
            context.createProducer().send(context.createQueue(name), "x");
            assertThatThrownBy(() -> context.setClientID("other"))
                    .isInstanceOf(IllegalStateRuntimeException.class);
        }
    }
}
