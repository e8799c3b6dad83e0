package org.tidings.broker.protocol;

import org.tidings.broker.addressing.BrokerCore;

import java.util.ArrayList;
import java.util.List;

/**
 * Write coalescing: frames are written without flushing, and every channel written to is flushed once by a task
 * that runs after the core thread has handled the current batch of reads and store completions. Many DELIVERs and
 * RESPONSEs thus leave in one system call. Core thread only.
 */
final class OutboundFlusher {

    private final BrokerCore core;
    private List<Connection> dirty = new ArrayList<>();
    private List<Connection> flushing = new ArrayList<>();
    private boolean scheduled;

    OutboundFlusher(BrokerCore core) {
        this.core = core;
    }

    /** Notes that {@code connection} has unflushed writes; called once until it is flushed. */
    void markDirty(Connection connection) {
        dirty.add(connection);
        if (!scheduled) {
            scheduled = true;
            core.execute(this::flushAll);
        }
    }

    private void flushAll() {
        scheduled = false;
        List<Connection> batch = dirty;
        dirty = flushing;
        flushing = batch;
        for (Connection connection : batch) {
            connection.flush();
        }
        batch.clear();
    }
}
