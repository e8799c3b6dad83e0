package org.tidings.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole harness with tiny counts against all three brokers, so it cannot rot: every scenario runs on every
 * broker, every message is accounted for (the scenarios fail otherwise), every figure is a positive number, and the
 * output says where it ran and which provider each broker is.
 */
@Timeout(600)
class BenchmarkSmokeIT {

    @TempDir
    Path output;

    @Test
    void everyScenarioRunsOnEveryBroker() throws Exception {
        Settings settings = new Settings(0.005, 1024, List.of("Tidings", "Artemis", "Classic"), List.of(), output,
                1_000, Duration.ZERO, Duration.ZERO);

        ResultTable table = BenchmarkMain.run(settings);
        table.write(output);

        assertThat(table.failures()).isEmpty();
        String text = table.text();
        for (String scenario : List.of("a", "a1", "b", "c", "fanout", "reqreply", "backlog")) {
            assertThat(text).contains(scenario + " ");
        }
        // 4 throughput rows + fan-out + 3 latency percentiles + 4 backlog figures, each for 3 brokers
        assertThat(table.values()).hasSize(12 * 3).allSatisfy(value -> assertThat(value).isPositive());
        assertThat(text).startsWith("run ").contains("processors", "scale 0.005",
                "Tidings = Tidings ", "Artemis = ActiveMQ ", "Classic = ActiveMQ ");
        assertThat(Files.readString(output.resolve("benchmark-results.csv"))).contains("Tidings/Artemis");
        assertThat(Files.readString(output.resolve("benchmark-results.json")))
                .contains("\"machine\": ", "\"providers\": {\"Tidings\": \"Tidings ", "\"results\": [",
                        "\"Classic\": ");
    }

    @Test
    void theRestartScenarioMeasuresTidingsOnly() throws Exception {
        Settings settings = new Settings(1, 1024, List.of("Tidings", "Artemis"), List.of("restart"), output,
                2_000, Duration.ZERO, Duration.ZERO);

        ResultTable table = BenchmarkMain.run(settings);

        assertThat(table.values()).hasSize(1).allSatisfy(value -> assertThat(value).isPositive());
    }
}
