package org.tidings.jms.client;

import java.io.IOException;

/** Told when a {@link ClientConnection} ends without being closed by its owner; called on the I/O thread. */
public interface ConnectionEventListener {

    void connectionLost(IOException cause);
}
