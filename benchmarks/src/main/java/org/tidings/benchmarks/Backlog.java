package org.tidings.benchmarks;

import jakarta.jms.ConnectionFactory;

import java.time.Duration;
import java.util.List;

/**
 * A backlog with no consumer: persistent messages sent by 4 transacted producers (commit every 500), the broker's
 * peak resident memory with all of them queued, then one consumer draining them.
 *
 * <p>The peak memory is read on a freshly started broker's first backlog, as the peers' figures in the design notes
 * were. Filling and draining that backlog is the start of the warm-up, which, as in every other scenario, lasts at
 * least the warm-up time: if the first backlog took less, rounds of a fifth of the count fill the rest. Only then
 * are the fill and drain rates measured, on a second backlog of the same size: a drain on a cold JIT measures the
 * compiler (a second drain in the same broker ran twice as fast as the first). The peak over the whole scenario is
 * reported too, since a warm broker's heap has grown.
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
        long warmupEnd = System.nanoTime() + settings.warmup().toNanos();
        Workloads.fill(factory, "bench.backlog", count, settings.messageSize());
        long firstPeak = broker.peakRssKiB();
        Workloads.drain(factory, "bench.backlog", count);
        long warmupLeft = warmupEnd - System.nanoTime();
        if (warmupLeft > 0) {
            int warmupCount = Math.max(4, count / 5 / 4 * 4);
            Workloads.repeatFor(Duration.ofNanos(warmupLeft), () -> Workloads.fill(factory, "bench.backlog",
                    warmupCount, settings.messageSize()) + Workloads.drain(factory, "bench.backlog", warmupCount));
        }
        long fillNanos = Workloads.fill(factory, "bench.backlog", count, settings.messageSize());
        long drainNanos = Workloads.drain(factory, "bench.backlog", count);
        long peak = broker.peakRssKiB();
        return List.of(
                Measurement.rate(id(), "backlog fill (persistent, 4 tx producers)", count, fillNanos),
                Measurement.lower(id(), "broker peak RSS with backlog queued", "MiB", firstPeak / 1024.0),
                Measurement.lower(id(), "broker peak RSS, whole scenario", "MiB", peak / 1024.0),
                Measurement.rate(id(), "backlog drain (1 consumer)", count, drainNanos));
    }
}
