package org.tidings.jms;

import jakarta.jms.Queue;
import org.tidings.protocol.message.DestinationKind;

/** A queue: each message goes to one consumer. Immutable. */
public class TidingsQueue extends TidingsDestination implements Queue {

    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException when {@code name} is empty */
    public TidingsQueue(String name) {
        super(DestinationKind.QUEUE, name);
    }

    TidingsQueue(DestinationKind kind, String name) {
        super(kind, name);
    }

    @Override
    public String getQueueName() {
        return getName();
    }
}
