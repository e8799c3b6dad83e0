package org.tidings.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs every selected scenario against every selected broker, alternating brokers per scenario, each run on a fresh
 * broker process and data directory; prints the table and writes it under {@code bench.output}.
 *
 * <p>System properties: {@code bench.scale} (1), {@code bench.vendors} (Tidings,Artemis,Classic),
 * {@code bench.scenarios} (all but restart; ids a, a1, b, c, fanout, reqreply, backlog, restart),
 * {@code bench.messageSize} (1024), {@code bench.warmupSeconds} (10), {@code bench.measureSeconds} (10),
 * {@code bench.restartMessages} (1000000), {@code bench.output} (benchmarks/target), {@code tidings.broker.jar}.
 */
public final class BenchmarkMain {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

    private BenchmarkMain() {
    }

    /** The scenarios of the comparison, in run order. */
    static List<Scenario> scenarios() {
        return List.of(
                new QueueThroughput("a", "persistent queue 4x4, sync sends", 4, 4, true, 0, 20_000),
                new QueueThroughput("a1", "persistent queue 1x1, sync sends", 1, 1, true, 0, 5_000),
                new QueueThroughput("b", "non-persistent queue 4x4", 4, 4, false, 0, 200_000),
                new QueueThroughput("c", "persistent queue 4x4, tx of 100", 4, 4, true, 100, 100_000),
                new TopicFanOut(4, 50_000),
                new RequestReply(5_000),
                new Backlog(200_000),
                new Restart());
    }

    static Supplier<BrokerUnderTest> vendor(String name) {
        return switch (name) {
            case "Tidings" -> TidingsBroker::new;
            case "Artemis" -> ArtemisBroker::new;
            case "Classic" -> ClassicBroker::new;
            default -> throw new IllegalArgumentException("unknown vendor " + name + " (Tidings, Artemis, Classic)");
        };
    }

    /** Runs the comparison with {@code settings} and returns the table. */
    static ResultTable run(Settings settings) throws Exception {
        ResultTable table = new ResultTable(RunConditions.current(settings));
        Path dataRoot = Files.createTempDirectory(Files.createDirectories(settings.output()), "bench-data");
        for (Scenario scenario : scenarios()) {
            if (!settings.selected(scenario)) {
                continue;
            }
            for (String vendorName : settings.vendors()) {
                if (scenario.tidingsOnly() && !vendorName.equals("Tidings")) {
                    continue;
                }
                BrokerUnderTest broker = vendor(vendorName).get();
                Path data = dataRoot.resolve(vendorName + "-" + scenario.id());
                LOG.info("scenario {} on {}", scenario.id(), vendorName);
                broker.start(data);
                try {
                    if (!table.knowsProvider(vendorName)) {
                        table.provider(vendorName, provider(broker));
                    }
                    List<Measurement> measured = scenario.run(broker, settings);
                    measured.forEach(m -> LOG.info("  {} {}: {} {}", vendorName, m.metric(), m.value(), m.unit()));
                    table.add(vendorName, measured);
                } catch (Exception e) {
                    LOG.error("scenario {} failed on {}; the run goes on without its figures", scenario.id(),
                            vendorName, e);
                    table.failed(vendorName, scenario.id(), e);
                } finally {
                    broker.stop();
                    deleteRecursively(data);
                }
            }
        }
        return table;
    }

    /** The JMS provider name and version the broker's client reports. */
    private static String provider(BrokerUnderTest broker) throws JMSException {
        try (Connection connection = broker.connectionFactory().createConnection()) {
            ConnectionMetaData metaData = connection.getMetaData();
            return metaData.getJMSProviderName() + " " + metaData.getProviderVersion();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        ResultTable table = run(settings);
        table.write(settings.output());
        System.out.println();
        System.out.println(table.text());
        table.failures().forEach(failure -> System.out.println("FAILED: " + failure));
        System.out.println("written to " + settings.output().toAbsolutePath().resolve("benchmark-results.csv"));
    }
}
