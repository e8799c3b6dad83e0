package org.tidings.broker.protocol;

import org.tidings.broker.addressing.QueuedMemory;
import org.tidings.broker.store.DiskSpace;
import org.tidings.protocol.frame.SendCredit;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Producer flow control (PROTOCOL.md): each connection starts with a window of send credit and gets back what its
 * SENDs took while the broker has room. While queued messages fill the memory limit ({@link QueuedMemory}) the
 * grants are held back, so producers wait and the broker does not run out of memory; so too while the store's disk
 * is short of free space ({@link DiskSpace}). Consumers go on, and once they have made room every waiting
 * connection gets what it is owed. With {@code failWhenFull} grants are never held back
 * and sends are refused instead while full.
 *
 * <p>Confined to the broker core thread.
 */
final class ProducerFlowControl {

    /** Send credit of a connection, in message bytes. */
    static final int WINDOW = 1 << 20;

    private final QueuedMemory memory;
    private final DiskSpace disk;
    private final boolean failWhenFull;
    private final Set<Connection> waiting = new LinkedHashSet<>();

    ProducerFlowControl(QueuedMemory memory, DiskSpace disk, boolean failWhenFull) {
        this.memory = memory;
        this.disk = disk;
        this.failWhenFull = failWhenFull;
        memory.onRoom(this::grantWaiting);
        disk.onRoom(this::grantWaiting);
    }

    private boolean isFull() {
        return memory.isFull() || disk.isLow();
    }

    /** A connection completed its handshake: it gets its window. */
    void opened(Connection connection) {
        connection.send(new SendCredit(WINDOW));
    }

    /** A SEND of {@code bytes} came on {@code connection}: the bytes are granted back, now or once there is room. */
    void took(Connection connection, int bytes) {
        long owed = connection.oweSendCredit(bytes);
        if (isFull() && !failWhenFull) {
            waiting.add(connection);
        } else if (owed >= WINDOW / 2) {
            grant(connection);
        }
    }

    /** Whether sends are refused now: the broker is full and configured to fail rather than wait. */
    boolean refusesSends() {
        return failWhenFull && isFull();
    }

    /** Why a send was refused, naming the limit. */
    String refusal() {
        if (disk.isLow()) {
            return "the store's disk has less free space than the broker keeps (" + (disk.minFreeBytes() >> 20)
                    + " MiB, store.minFreeDiskMiB); consume messages or free disk space";
        }
        return "the broker's memory for queued messages is full (" + (memory.limitBytes() >> 20)
                + " MiB, memory.maxQueuedMiB); consume messages or raise the limit";
    }

    void closed(Connection connection) {
        waiting.remove(connection);
    }

    private void grantWaiting() {
        if (isFull()) {
            return;
        }
        for (Connection connection : waiting) {
            grant(connection);
        }
        waiting.clear();
    }

    private static void grant(Connection connection) {
        long owed = connection.takeOwedSendCredit();
        if (owed > 0) {
            connection.send(new SendCredit(owed));
        }
    }
}
