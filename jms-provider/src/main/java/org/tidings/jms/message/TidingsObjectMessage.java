package org.tidings.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.message.BodyType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * A message whose body is a serializable object. The object is serialized when it is set, so later changes to it do
 * not change the message; {@link #getObject()} deserializes a fresh copy with the thread's context class loader.
 * Not thread-safe.
 */
public class TidingsObjectMessage extends TidingsMessage implements ObjectMessage {

    private byte[] serialized;

    public TidingsObjectMessage() {
    }

    public TidingsObjectMessage(Serializable object) throws JMSException {
        serialized = serialize(object);
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = serialize(object);
    }

    @Override
    public Serializable getObject() throws JMSException {
        if (serialized == null) {
            return null;
        }
        try (ObjectInputStream in = new ContextClassLoaderObjectInputStream(new ByteArrayInputStream(serialized))) {
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw (MessageFormatException) new MessageFormatException("cannot deserialize the object body: " + e)
                    .initCause(e);
        }
    }

    private static byte[] serialize(Serializable object) throws MessageFormatException {
        if (object == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw (MessageFormatException) new MessageFormatException("cannot serialize "
                    + object.getClass().getName() + ": " + e).initCause(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void clearBody() throws JMSException {
        super.clearBody();
        serialized = null;
    }

    @Override
    BodyType bodyType() {
        return BodyType.OBJECT;
    }

    @Override
    byte[] encodeBody() {
        return serialized;
    }

    @Override
    void decodeBody(byte[] body, FrameLimits limits) {
        serialized = body;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        Serializable object = getObject();
        if (object == null) {
            return null;
        }
        if (!c.isInstance(object)) {
            throw notAssignable(object, c);
        }
        return c.cast(object);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        if (serialized == null) {
            return true;
        }
        return c.isInstance(getObject());
    }

    /** Resolves classes with the context class loader first (application servers), then the default way. */
    private static final class ContextClassLoaderObjectInputStream extends ObjectInputStream {
        ContextClassLoaderObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(description.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(description);
                }
            }
            return super.resolveClass(description);
        }
    }
}
