package org.tidings.jms.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;
import org.tidings.jms.TidingsQueue;
import org.tidings.jms.TidingsTemporaryQueue;
import org.tidings.jms.TidingsTopic;
import org.tidings.protocol.codec.FrameLimits;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every header, property type and body type survives encode → decode, and a decoded message is read-only. */
class MessageEncodingTest {

    private static TidingsMessage roundTrip(TidingsMessage message, int deliveryCount) throws JMSException {
        return TidingsMessage.decode(message.encode(), deliveryCount, FrameLimits.DEFAULT);
    }

    @Test
    void headersSurviveTheRoundTrip() throws Exception {
        TidingsMessage message = new TidingsMessage();
        message.setJMSMessageID("ID:abc-1:7");
        message.setJMSTimestamp(1234L);
        message.setJMSCorrelationIDAsBytes(new byte[] {1, 2, 3});
        message.setJMSDestination(new TidingsTopic("prices"));
        message.setJMSReplyTo(new TidingsTemporaryQueue("tmp.1", null));
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        message.setJMSPriority(7);
        message.setJMSExpiration(99_000L);
        message.setJMSDeliveryTime(98_000L);
        message.setJMSType("quote");

        Message decoded = roundTrip(message, 1);

        assertThat(decoded.getJMSMessageID()).isEqualTo("ID:abc-1:7");
        assertThat(decoded.getJMSTimestamp()).isEqualTo(1234L);
        assertThat(decoded.getJMSCorrelationIDAsBytes()).containsExactly(1, 2, 3);
        assertThat(decoded.getJMSDestination()).isEqualTo(new TidingsTopic("prices"));
        assertThat(decoded.getJMSReplyTo()).isEqualTo(new TidingsTemporaryQueue("tmp.1", null));
        assertThat(decoded.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(decoded.getJMSPriority()).isEqualTo(7);
        assertThat(decoded.getJMSExpiration()).isEqualTo(99_000L);
        assertThat(decoded.getJMSDeliveryTime()).isEqualTo(98_000L);
        assertThat(decoded.getJMSType()).isEqualTo("quote");
        assertThat(decoded.getJMSRedelivered()).isFalse();
        assertThat(decoded.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void everyPropertyTypeSurvivesAndReceivedPropertiesAreReadOnly() throws Exception {
        TidingsMessage message = new TidingsTextMessage("body");
        message.setBooleanProperty("b", true);
        message.setByteProperty("y", (byte) 1);
        message.setShortProperty("s", (short) 2);
        message.setIntProperty("i", 3);
        message.setLongProperty("l", 4L);
        message.setFloatProperty("f", 5.5f);
        message.setDoubleProperty("d", 6.5);
        message.setStringProperty("t", "seven");
        message.setObjectProperty("JMSXGroupID", "group");
        message.setIntProperty("JMSXGroupSeq", 3);

        Message decoded = roundTrip(message, 3);

        assertThat(decoded.getBooleanProperty("b")).isTrue();
        assertThat(decoded.getByteProperty("y")).isEqualTo((byte) 1);
        assertThat(decoded.getShortProperty("s")).isEqualTo((short) 2);
        assertThat(decoded.getIntProperty("i")).isEqualTo(3);
        assertThat(decoded.getLongProperty("l")).isEqualTo(4L);
        assertThat(decoded.getFloatProperty("f")).isEqualTo(5.5f);
        assertThat(decoded.getDoubleProperty("d")).isEqualTo(6.5);
        assertThat(decoded.getStringProperty("t")).isEqualTo("seven");
        assertThat(decoded.getStringProperty("JMSXGroupID")).isEqualTo("group");
        assertThat(decoded.getJMSRedelivered()).isTrue();
        assertThat(decoded.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
        assertThat(Collections.list(decoded.getPropertyNames()))
                .containsExactlyInAnyOrder("b", "y", "s", "i", "l", "f", "d", "t", "JMSXGroupID", "JMSXGroupSeq",
                        "JMSXDeliveryCount");
        assertThatThrownBy(() -> decoded.setIntProperty("i", 9)).isInstanceOf(MessageNotWriteableException.class);
        decoded.clearProperties();
        decoded.setIntProperty("i", 9);
        assertThat(decoded.getIntProperty("i")).isEqualTo(9);
    }

    @Test
    void theDeliveryCountIsNotEncodedWithTheMessage() throws Exception {
        TidingsMessage received = roundTrip(new TidingsMessage(), 4);
        received.setJMSDestination(new TidingsQueue("again"));

        TidingsMessage resent = roundTrip(received, 1);

        assertThat(resent.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(resent.getJMSRedelivered()).isFalse();
    }

    @Test
    void everyBodyTypeSurvivesAndIsReadOnlyUntilCleared() throws Exception {
        TidingsTextMessage text = new TidingsTextMessage("héllo");
        TidingsBytesMessage bytes = new TidingsBytesMessage();
        bytes.writeInt(42);
        bytes.writeUTF("x");
        TidingsMapMessage map = new TidingsMapMessage();
        map.setChar("c", 'z');
        map.setBytes("raw", new byte[] {9});
        TidingsStreamMessage stream = new TidingsStreamMessage();
        stream.writeLong(5L);
        stream.writeString("s");
        TidingsObjectMessage object = new TidingsObjectMessage(new java.util.ArrayList<>(List.of("a", "b")));

        TidingsTextMessage text2 = (TidingsTextMessage) roundTrip(text, 1);
        TidingsBytesMessage bytes2 = (TidingsBytesMessage) roundTrip(bytes, 1);
        TidingsMapMessage map2 = (TidingsMapMessage) roundTrip(map, 1);
        TidingsStreamMessage stream2 = (TidingsStreamMessage) roundTrip(stream, 1);
        TidingsObjectMessage object2 = (TidingsObjectMessage) roundTrip(object, 1);

        assertThat(text2.getText()).isEqualTo("héllo");
        assertThat(bytes2.getBodyLength()).isEqualTo(7);
        assertThat(bytes2.readInt()).isEqualTo(42);
        assertThat(bytes2.readUTF()).isEqualTo("x");
        assertThat(map2.getChar("c")).isEqualTo('z');
        assertThat(map2.getBytes("raw")).containsExactly(9);
        assertThat(stream2.readLong()).isEqualTo(5L);
        assertThat(stream2.readString()).isEqualTo("s");
        assertThat(object2.getObject()).isEqualTo(List.of("a", "b"));
        assertThat(object2.getBody(List.class)).isEqualTo(List.of("a", "b"));
        assertThat(map2.getBody(Map.class)).containsEntry("c", 'z');

        assertThatThrownBy(() -> text2.setText("no")).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> bytes2.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> map2.setInt("n", 1)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> stream2.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> object2.setObject("no")).isInstanceOf(MessageNotWriteableException.class);
        text2.clearBody();
        text2.setText("yes");
        assertThat(text2.getText()).isEqualTo("yes");
    }

    @Test
    void anObjectBodyIsACopyTakenWhenItIsSet() throws Exception {
        java.util.ArrayList<String> list = new java.util.ArrayList<>(List.of("before"));
        TidingsObjectMessage message = new TidingsObjectMessage(list);
        list.add("after");
        assertThat(message.getObject()).isEqualTo(List.of("before"));
    }

    @Test
    void anotherProvidersTextMessageIsCopiedWithHeadersAndProperties() throws Exception {
        Map<String, Object> properties = Map.of("n", 5);
        jakarta.jms.TextMessage foreign = (jakarta.jms.TextMessage) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {jakarta.jms.TextMessage.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getText" -> "from elsewhere";
                    case "getJMSCorrelationID" -> "corr";
                    case "getJMSType" -> "kind";
                    case "getPropertyNames" -> Collections.enumeration(properties.keySet());
                    case "getObjectProperty" -> properties.get((String) args[0]);
                    default -> null;
                });

        TidingsMessage copy = TidingsMessage.copyOf(foreign);

        assertThat(((TidingsTextMessage) copy).getText()).isEqualTo("from elsewhere");
        assertThat(copy.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(copy.getJMSType()).isEqualTo("kind");
        assertThat(copy.getIntProperty("n")).isEqualTo(5);
    }
}
