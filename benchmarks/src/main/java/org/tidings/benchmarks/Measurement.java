package org.tidings.benchmarks;

/**
 * One figure of one scenario on one broker.
 *
 * @param higherIsBetter throughput (true) or latency and memory (false); says which way a ratio is good
 */
public record Measurement(String scenario, String metric, String unit, double value, boolean higherIsBetter) {

    static Measurement rate(String scenario, String metric, long messages, long nanos) {
        return new Measurement(scenario, metric, "msg/s", messages / (nanos / 1e9), true);
    }

    static Measurement lower(String scenario, String metric, String unit, double value) {
        return new Measurement(scenario, metric, unit, value, false);
    }
}
