package org.tidings.benchmarks;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The building blocks every scenario uses, written once against the plain JMS API: parallel producers, parallel
 * consumers that stop at an exact total, each on its own connection and session.
 */
final class Workloads {

    private Workloads() {
    }

    /**
     * Sends {@code perProducer} messages of {@code size} bytes from each of {@code producers} connections; with
     * {@code txBatch > 0} in transacted sessions committing every {@code txBatch} (and at the end).
     */
    static List<Callable<Void>> producers(ConnectionFactory factory, String queue, int producers, int perProducer,
                                          boolean persistent, int txBatch, int size) {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            tasks.add(() -> {
                try (Connection connection = factory.createConnection()) {
                    Session session = connection.createSession(txBatch > 0,
                            txBatch > 0 ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue(queue));
                    producer.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
                    byte[] body = new byte[size];
                    for (int i = 1; i <= perProducer; i++) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(body);
                        producer.send(message);
                        if (txBatch > 0 && i % txBatch == 0) {
                            session.commit();
                        }
                    }
                    if (txBatch > 0) {
                        session.commit();
                    }
                }
                return null;
            });
        }
        return tasks;
    }

    /**
     * Receives until {@code received} reaches {@code total} across all {@code consumers}; with {@code txBatch > 0}
     * in transacted sessions committing every {@code txBatch} per consumer (and at the end).
     */
    static List<Callable<Void>> consumers(ConnectionFactory factory, String queue, int consumers, int total,
                                          int txBatch, AtomicInteger received) {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            tasks.add(() -> {
                try (Connection connection = factory.createConnection()) {
                    Session session = connection.createSession(txBatch > 0,
                            txBatch > 0 ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
                    Queue destination = session.createQueue(queue);
                    MessageConsumer consumer = session.createConsumer(destination);
                    connection.start();
                    int uncommitted = 0;
                    while (received.get() < total) {
                        if (consumer.receive(100) != null) {
                            received.incrementAndGet();
                            if (txBatch > 0 && ++uncommitted == txBatch) {
                                session.commit();
                                uncommitted = 0;
                            }
                        }
                    }
                    if (txBatch > 0) {
                        session.commit();
                    }
                }
                return null;
            });
        }
        return tasks;
    }

    /** One round of a scenario's workload; returns the nanoseconds it measured. */
    interface Round {
        long run() throws Exception;
    }

    /** How many rounds ran and the nanoseconds they measured together. */
    record Repeated(int rounds, long nanos) {
    }

    /** A round of a scenario's workload of a given size; returns the nanoseconds it measured. */
    interface SizedRound {
        long run(int count) throws Exception;
    }

    /** How many units (messages, or messages per producer) the measured rounds got through, in how many nanoseconds. */
    record Measured(long units, long nanos) {
    }

    /** The size of a warm-up round of a scenario whose measured round is {@code count}: a fifth, at least 10. */
    static int warmupCount(int count) {
        return Math.max(10, count / 5);
    }

    /**
     * Warms up with rounds of {@link #warmupCount} units for {@code warmup}, then measures for {@code measurement}
     * with rounds of {@code count}, or fewer if the warm-up's rate says a round of {@code count} would take more than
     * half the measurement (never fewer than a warm-up round): a slow broker is measured in two or more rounds for
     * about as long as a fast one, instead of in one round that overruns the measurement by as much as it is slow.
     */
    static Measured warmUpAndMeasure(Duration warmup, Duration measurement, int count, SizedRound round)
            throws Exception {
        int warmupCount = warmupCount(count);
        Repeated warm = repeatFor(warmup, () -> round.run(warmupCount));
        double unitsPerNano = (double) warm.rounds() * warmupCount / Math.max(1, warm.nanos());
        int measuredCount = (int) Math.max(warmupCount, Math.min(count, unitsPerNano * measurement.toNanos() / 2));
        Repeated measured = repeatFor(measurement, () -> round.run(measuredCount));
        return new Measured((long) measured.rounds() * measuredCount, measured.nanos());
    }

    /**
     * Runs {@code round} once, then again until {@code duration} has passed since the first began: a fast broker is
     * measured (or warmed up) for as long as a slow one, not for fewer seconds because it got through the count
     * sooner.
     */
    static Repeated repeatFor(Duration duration, Round round) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        int rounds = 0;
        long nanos = 0;
        do {
            nanos += round.run();
            rounds++;
        } while (System.nanoTime() - end < 0);
        return new Repeated(rounds, nanos);
    }

    /** Runs tasks in parallel and returns the nanoseconds until all finished; fails with the first failure. */
    static long runAll(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            long begin = System.nanoTime();
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<Void> future : futures) {
                future.get();
            }
            return System.nanoTime() - begin;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Fills {@code queue} with {@code total} persistent messages, 4 producers committing every 500. */
    static long fill(ConnectionFactory factory, String queue, int total, int size) throws Exception {
        int producers = 4;
        return runAll(producers(factory, queue, producers, total / producers, true, 500, size));
    }

    /** Drains exactly {@code total} messages with one consumer. */
    static long drain(ConnectionFactory factory, String queue, int total) throws Exception {
        return runAll(consumers(factory, queue, 1, total, 0, new AtomicInteger()));
    }
}
