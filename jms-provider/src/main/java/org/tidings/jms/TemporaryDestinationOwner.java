package org.tidings.jms;

import jakarta.jms.JMSException;

/** The connection that created a temporary destination and alone may delete it. */
public interface TemporaryDestinationOwner {

    /** Deletes {@code destination} at the broker; refused while it has consumers. */
    void deleteTemporaryDestination(TidingsDestination destination) throws JMSException;
}
