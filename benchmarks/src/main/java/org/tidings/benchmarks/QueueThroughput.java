package org.tidings.benchmarks;

import jakarta.jms.ConnectionFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** Producers and consumers on one queue at the same time; the rate is messages consumed per second. */
final class QueueThroughput implements Scenario {

    private final String id;
    private final String description;
    private final int producers;
    private final int consumers;
    private final boolean persistent;
    private final int txBatch;
    private final int baseCount;

    QueueThroughput(String id, String description, int producers, int consumers, boolean persistent, int txBatch,
                    int baseCount) {
        this.id = id;
        this.description = description;
        this.producers = producers;
        this.consumers = consumers;
        this.persistent = persistent;
        this.txBatch = txBatch;
        this.baseCount = baseCount;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<Measurement> run(BrokerUnderTest broker, Settings settings) throws Exception {
        ConnectionFactory factory = broker.connectionFactory();
        int perProducer = settings.count(baseCount) / producers;
        Workloads.Measured measured = Workloads.warmUpAndMeasure(settings.warmup(), settings.measurement(),
                perProducer, count -> once(factory, "bench." + id, count, settings));
        return List.of(Measurement.rate(id, description, measured.units() * producers, measured.nanos()));
    }

    private long once(ConnectionFactory factory, String queue, int perProducer, Settings settings) throws Exception {
        int total = perProducer * producers;
        AtomicInteger received = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>(
                Workloads.consumers(factory, queue, consumers, total, txBatch, received));
        tasks.addAll(Workloads.producers(factory, queue, producers, perProducer, persistent, txBatch,
                settings.messageSize()));
        long nanos = Workloads.runAll(tasks);
        if (received.get() != total) {
            throw new IllegalStateException(id + ": received " + received.get() + " of " + total);
        }
        return nanos;
    }
}
