package org.tidings.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;
import org.tidings.protocol.message.DestinationKind;

/**
 * A queue that lives as long as the connection that created it; only that connection may consume from it or delete
 * it. One read from a received message (as JMSReplyTo) can be sent to but not deleted.
 */
public final class TidingsTemporaryQueue extends TidingsQueue implements TemporaryQueue {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    public TidingsTemporaryQueue(String name, TemporaryDestinationOwner owner) {
        super(DestinationKind.TEMPORARY_QUEUE, name);
        this.owner = owner;
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new IllegalStateException("temporary queue " + getName()
                    + " can only be deleted by the connection that created it");
        }
        owner.deleteTemporaryDestination(this);
    }
}
