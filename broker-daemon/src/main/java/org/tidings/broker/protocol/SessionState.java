package org.tidings.broker.protocol;

import org.tidings.broker.addressing.QueuedMemory;
import org.tidings.broker.tx.LocalTransaction;
import org.tidings.protocol.frame.SessionMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A session of a connection: its consumers, its unsettled deliveries and its transaction. Core thread only. */
final class SessionState {

    private final int id;
    private final SessionMode mode;
    private final LocalTransaction transaction;
    private final Set<ConsumerState> consumers = new LinkedHashSet<>();
    private final Map<Long, Delivery> deliveries = new LinkedHashMap<>();

    SessionState(int id, SessionMode mode, QueuedMemory memory) {
        this.id = id;
        this.mode = mode;
        this.transaction = mode == SessionMode.TRANSACTED ? new LocalTransaction(memory) : null;
    }

    int id() {
        return id;
    }

    boolean isTransacted() {
        return mode == SessionMode.TRANSACTED;
    }

    /** The open transaction; only for a transacted session. */
    LocalTransaction transaction() {
        return transaction;
    }

    Set<ConsumerState> consumers() {
        return consumers;
    }

    void addDelivery(Delivery delivery) {
        deliveries.put(delivery.deliveryId(), delivery);
    }

    Delivery delivery(long deliveryId) {
        return deliveries.get(deliveryId);
    }

    Delivery removeDelivery(long deliveryId) {
        return deliveries.remove(deliveryId);
    }

    /** Removes and returns the unsettled deliveries of {@code consumer} not listed in {@code retained}. */
    List<Delivery> removeDeliveriesOf(ConsumerState consumer, Set<Long> retained) {
        List<Delivery> removed = new ArrayList<>();
        deliveries.values().removeIf(d -> {
            boolean take = d.consumer() == consumer && !retained.contains(d.deliveryId());
            if (take) {
                removed.add(d);
            }
            return take;
        });
        return removed;
    }

    /** Removes and returns every unsettled delivery. */
    List<Delivery> removeAllDeliveries() {
        List<Delivery> all = new ArrayList<>(deliveries.values());
        deliveries.clear();
        return all;
    }
}
