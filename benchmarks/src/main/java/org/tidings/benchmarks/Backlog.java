package org.tidings.benchmarks;

import jakarta.jms.ConnectionFactory;

import java.util.List;

/**
 * A backlog with no consumer: persistent messages sent by 4 transacted producers (commit every 500), the broker's
 * peak resident memory with all of them queued, then one consumer draining them.
 */
final class Backlog implements Scenario {

    private final int baseCount;

    Backlog(int baseCount) {
        this.baseCount = baseCount;
    }

    @Override
    public String id() {
        return "backlog";
    }

    @Override
    public List<Measurement> run(BrokerUnderTest broker, Settings settings) throws Exception {
        ConnectionFactory factory = broker.connectionFactory();
        int count = settings.count(baseCount) / 4 * 4;
        long fillNanos = Workloads.fill(factory, "bench.backlog", count, settings.messageSize());
        long peak = broker.peakRssKiB();
        long drainNanos = Workloads.drain(factory, "bench.backlog", count);
        return List.of(
                Measurement.rate(id(), "backlog fill (persistent, 4 tx producers)", count, fillNanos),
                Measurement.lower(id(), "broker peak RSS with backlog queued", "MiB", peak / 1024.0),
                Measurement.rate(id(), "backlog drain (1 consumer)", count, drainNanos));
    }
}
