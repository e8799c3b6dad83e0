package org.tidings.broker.tx;

import org.tidings.broker.addressing.IncomingMessage;
import org.tidings.broker.addressing.QueuedMemory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The open local transaction of a transacted session: sends held until COMMIT, and the delivery ids accepted in it.
 * The held sends count against the memory for queued messages, so a large transaction holds producers back too.
 * Confined to the broker core thread.
 */
public final class LocalTransaction {

    private final QueuedMemory memory;
    private final List<IncomingMessage> sends = new ArrayList<>();
    private final Set<Long> accepted = new LinkedHashSet<>();
    private long heldBytes;
    private String failure;

    public LocalTransaction(QueuedMemory memory) {
        this.memory = memory;
    }

    public void send(IncomingMessage message) {
        sends.add(message);
        long bytes = QueuedMemory.heldSendBytes(message.encoded().length);
        heldBytes += bytes;
        memory.hold(bytes);
    }

    public void accept(long deliveryId) {
        accepted.add(deliveryId);
    }

    /** Forgets an accept, because the delivery was settled otherwise (released or redelivered). */
    public void forget(long deliveryId) {
        accepted.remove(deliveryId);
    }

    /** Records why a send of this transaction was refused; COMMIT then rolls back with this reason. */
    public void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    /** The first refused send's reason, or {@code null}. */
    public String failure() {
        return failure;
    }

    public List<IncomingMessage> sends() {
        return List.copyOf(sends);
    }

    public Set<Long> accepted() {
        return Set.copyOf(accepted);
    }

    /** Ends the transaction: holds nothing any more (after COMMIT, or ROLLBACK discarding it all). */
    public void clear() {
        sends.clear();
        accepted.clear();
        failure = null;
        memory.release(heldBytes);
        heldBytes = 0;
    }
}
