package org.tidings.jms.context;

import jakarta.jms.JMSException;
import org.tidings.jms.connection.TidingsConnection;

/**
 * A connection shared by a {@code JMSContext} and the contexts created from it; closed when the last of them
 * closes. Thread-safe.
 */
final class SharedConnection {

    private final TidingsConnection connection;
    private int users = 1;

    SharedConnection(TidingsConnection connection) {
        this.connection = connection;
    }

    TidingsConnection connection() {
        return connection;
    }

    synchronized SharedConnection acquire() {
        users++;
        return this;
    }

    void release() throws JMSException {
        boolean last;
        synchronized (this) {
            last = --users == 0;
        }
        if (last) {
            connection.close();
        }
    }
}
