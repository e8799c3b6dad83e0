package org.tidings.broker.protocol;

import java.util.HashSet;
import java.util.Set;

/** The client ids of live connections, which must be unique. Core thread only. */
final class ClientIdRegistry {

    private final Set<String> inUse = new HashSet<>();

    /** Takes {@code clientId} for a connection; {@code false} if another live connection has it. */
    boolean claim(String clientId) {
        return inUse.add(clientId);
    }

    void release(String clientId) {
        if (clientId != null) {
            inUse.remove(clientId);
        }
    }
}
