package org.tidings.jms.message;

import jakarta.jms.JMSException;

/** What {@code Message.acknowledge()} does for a received message: its session's acknowledgement. */
@FunctionalInterface
public interface Acknowledger {

    void acknowledge() throws JMSException;
}
