package org.tidings.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.message.BodyCodec;
import org.tidings.protocol.message.BodyType;

/** A message whose body is a string (possibly {@code null}). Not thread-safe. */
public class TidingsTextMessage extends TidingsMessage implements TextMessage {

    private String text;

    public TidingsTextMessage() {
    }

    public TidingsTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String value) throws JMSException {
        checkBodyWritable();
        text = value;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        text = null;
    }

    @Override
    BodyType bodyType() {
        return BodyType.TEXT;
    }

    @Override
    byte[] encodeBody() {
        return BodyCodec.encodeText(text);
    }

    @Override
    void decodeBody(byte[] body, FrameLimits limits) {
        text = BodyCodec.decodeText(body);
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (text == null) {
            return null;
        }
        if (!c.isAssignableFrom(String.class)) {
            throw notAssignable(text, c);
        }
        return c.cast(text);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return text == null || c.isAssignableFrom(String.class);
    }
}
