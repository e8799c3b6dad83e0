package org.tidings.jms;

import jakarta.jms.Topic;
import org.tidings.protocol.message.DestinationKind;

/** A topic: every subscription gets every message. Immutable. */
public class TidingsTopic extends TidingsDestination implements Topic {

    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException when {@code name} is empty */
    public TidingsTopic(String name) {
        super(DestinationKind.TOPIC, name);
    }

    TidingsTopic(DestinationKind kind, String name) {
        super(kind, name);
    }

    @Override
    public String getTopicName() {
        return getName();
    }
}
