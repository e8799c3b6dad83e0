package org.tidings.broker.addressing;

import org.tidings.broker.testing.TestWireClient;

import java.util.ArrayList;
import java.util.List;

/** A subscriber with a credit window that records what it got; for tests on the core thread. */
final class Recorder implements Subscriber {
    final List<QueueEntry> entries = new ArrayList<>();
    int credit;
    MessageFilter filter;

    Recorder(int credit) {
        this.credit = credit;
    }

    @Override
    public boolean hasDemand() {
        return credit > 0;
    }

    @Override
    public boolean accepts(QueueEntry entry) {
        return filter == null || filter.accepts(entry.message(), entry.deliveryCount() + 1);
    }

    @Override
    public void deliver(QueueDispatcher from, QueueEntry entry) {
        credit--;
        entries.add(entry);
    }

    List<String> texts() {
        return entries.stream().map(e -> TestWireClient.text(e.message().encoded())).toList();
    }
}
