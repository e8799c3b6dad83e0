package org.tidings.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryTopic;
import org.tidings.protocol.message.DestinationKind;

/**
 * A topic that lives as long as the connection that created it; only that connection may subscribe to it or delete
 * it. One read from a received message (as JMSReplyTo) can be published to but not deleted.
 */
public final class TidingsTemporaryTopic extends TidingsTopic implements TemporaryTopic {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    public TidingsTemporaryTopic(String name, TemporaryDestinationOwner owner) {
        super(DestinationKind.TEMPORARY_TOPIC, name);
        this.owner = owner;
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new IllegalStateException("temporary topic " + getName()
                    + " can only be deleted by the connection that created it");
        }
        owner.deleteTemporaryDestination(this);
    }
}
