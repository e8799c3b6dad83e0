package org.tidings.jms.message;

import jakarta.jms.JMSException;

/** What {@code Message.acknowledge()} and {@link TidingsMessage#reject} do for a received message. */
public interface Acknowledger {

    /** The session's acknowledgement. */
    void acknowledge() throws JMSException;

    /** Has the broker dead-letter this one message at once; {@code reason} may be {@code null}. */
    void reject(String reason) throws JMSException;
}
