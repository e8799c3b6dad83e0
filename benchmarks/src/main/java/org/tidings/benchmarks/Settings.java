package org.tidings.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How much work each scenario does, read from system properties; {@code bench.scale} multiplies every count (the
 * smoke test runs with a tiny scale).
 *
 * @param scale            multiplier of every message count
 * @param messageSize      body size in bytes of the throughput scenarios (1 KiB)
 * @param vendors          which brokers to run, in the order they alternate
 * @param scenarios        which scenarios to run; empty (or {@code all}) for all but {@code restart}
 * @param output           where tables go as CSV and JSON
 * @param restartMessages  messages stored before the restart scenario
 * @param warmup           how long each scenario at least warms up before it measures, so that every broker's JIT
 *                         has compiled its hot path (10 s; a fixed count alone ends too early for a fast broker)
 * @param measurement      how long each throughput and latency scenario at least measures, repeating its count
 *                         (10 s: a count a fast broker gets through in a few seconds measures mostly noise)
 */
public record Settings(double scale, int messageSize, List<String> vendors, List<String> scenarios, Path output,
                       int restartMessages, Duration warmup, Duration measurement) {

    static Settings fromSystemProperties() {
        return new Settings(
                Double.parseDouble(System.getProperty("bench.scale", "1")),
                Integer.getInteger("bench.messageSize", 1024),
                List.of(System.getProperty("bench.vendors", "Tidings,Artemis,Classic").split(",")),
                List.of(System.getProperty("bench.scenarios", "all").split(",")).stream()
                        .filter(s -> !s.isBlank() && !s.equals("all")).toList(),
                Path.of(System.getProperty("bench.output", "benchmarks/target")),
                Integer.getInteger("bench.restartMessages", 1_000_000),
                Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 10)),
                Duration.ofSeconds(Integer.getInteger("bench.measureSeconds", 10)));
    }

    /** {@code base} scaled, at least 10. */
    int count(int base) {
        return Math.max(10, (int) Math.round(base * scale));
    }

    boolean selected(Scenario scenario) {
        return scenarios.isEmpty() ? !scenario.id().equals("restart") : scenarios.contains(scenario.id());
    }
}
