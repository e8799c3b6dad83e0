package org.tidings.benchmarks;

import java.util.List;

/**
 * Tidings only: stores {@code bench.restartMessages} persistent messages, stops the broker and measures how long the
 * restart takes until it accepts connections again; then checks they are all still there.
 */
final class Restart implements Scenario {

    @Override
    public String id() {
        return "restart";
    }

    @Override
    public boolean tidingsOnly() {
        return true;
    }

    @Override
    public List<Measurement> run(BrokerUnderTest broker, Settings settings) throws Exception {
        int count = settings.count(settings.restartMessages()) / 4 * 4;
        Workloads.fill(broker.connectionFactory(), "bench.restart", count, settings.messageSize());
        broker.restart();
        long restartMillis = broker.lastStartMillis();
        Workloads.drain(broker.connectionFactory(), "bench.restart", count);
        return List.of(Measurement.lower(id(), "restart with " + count + " stored messages", "ms", restartMillis));
    }
}
