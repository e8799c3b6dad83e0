package org.tidings.jms.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.util.Enumeration;

/** Copies the body of another provider's message into a Tidings message of the same type. */
final class ForeignMessages {

    private ForeignMessages() {
    }

    static TidingsMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage text) {
            return new TidingsTextMessage(text.getText());
        }
        if (foreign instanceof BytesMessage bytes) {
            TidingsBytesMessage copy = new TidingsBytesMessage();
            bytes.reset();
            byte[] buffer = new byte[8192];
            for (int n = bytes.readBytes(buffer); n > 0; n = bytes.readBytes(buffer)) {
                copy.writeBytes(buffer, 0, n);
            }
            bytes.reset();
            return copy;
        }
        if (foreign instanceof MapMessage map) {
            TidingsMapMessage copy = new TidingsMapMessage();
            Enumeration<?> names = map.getMapNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof StreamMessage stream) {
            TidingsStreamMessage copy = new TidingsStreamMessage();
            stream.reset();
            try {
                while (true) {
                    copy.writeObject(stream.readObject());
                }
            } catch (MessageEOFException end) {
                stream.reset();
            }
            return copy;
        }
        if (foreign instanceof ObjectMessage object) {
            return new TidingsObjectMessage(object.getObject());
        }
        return new TidingsMessage();
    }
}
