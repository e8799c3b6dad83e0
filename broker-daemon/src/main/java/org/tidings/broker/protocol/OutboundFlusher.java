package org.tidings.broker.protocol;

import org.tidings.broker.addressing.BrokerCore;

import java.util.ArrayList;
import java.util.List;

/**
 * Write coalescing: frames are written without flushing, and every channel written to is flushed once by a task
 * that runs after the core thread has handled the current batch of reads and store completions. Many DELIVERs and
 * RESPONSEs thus leave in one system call. Connections with anything but deliveries (answers a client waits for, such
 * as a synchronous sender's) are flushed first: a group commit's senders get their answers before its consumers
 * their messages, and start on their next send sooner. Core thread only.
 */
final class OutboundFlusher {

    private final BrokerCore core;
    private List<Connection> urgent = new ArrayList<>();
    private List<Connection> deliveriesOnly = new ArrayList<>();
    private final List<Connection> flushing = new ArrayList<>();
    private boolean scheduled;

    OutboundFlusher(BrokerCore core) {
        this.core = core;
    }

    /**
     * Notes that {@code connection} has unflushed writes, {@code urgent} if not only deliveries; called once until it
     * is flushed, and once more if urgent writes follow deliveries.
     */
    void markDirty(Connection connection, boolean urgent) {
        (urgent ? this.urgent : deliveriesOnly).add(connection);
        if (!scheduled) {
            scheduled = true;
            core.execute(this::flushAll);
        }
    }

    private void flushAll() {
        scheduled = false;
        flushing.addAll(urgent);
        flushing.addAll(deliveriesOnly);
        urgent.clear();
        deliveriesOnly.clear();
        for (Connection connection : flushing) {
            connection.flush();
        }
        flushing.clear();
    }
}
