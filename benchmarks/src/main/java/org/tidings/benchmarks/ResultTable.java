package org.tidings.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of every broker side by side, with Tidings's ratio to each peer, printed as a text table and written
 * as CSV and JSON. A ratio above 1 favours Tidings for throughput; for latency and memory the ratio is
 * Tidings / peer too, so there below 1 favours Tidings. The text and the JSON begin with the {@link RunConditions}
 * and with each broker's JMS provider name and version, as its client reports them.
 */
final class ResultTable {

    private record Row(String scenario, String metric, String unit, boolean higherIsBetter) { }

    private final RunConditions conditions;
    private final List<String> vendors;
    private final Map<String, String> providers = new LinkedHashMap<>();
    private final Map<Row, Map<String, Double>> rows = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    ResultTable(RunConditions conditions) {
        this.conditions = conditions;
        this.vendors = conditions.settings().vendors();
    }

    /** Whether {@link #provider} was recorded for {@code vendor}. */
    boolean knowsProvider(String vendor) {
        return providers.containsKey(vendor);
    }

    /** Records which JMS provider, in which version, {@code vendor} is. */
    void provider(String vendor, String nameAndVersion) {
        providers.put(vendor, nameAndVersion);
    }

    void add(String vendor, List<Measurement> measurements) {
        for (Measurement m : measurements) {
            rows.computeIfAbsent(new Row(m.scenario(), m.metric(), m.unit(), m.higherIsBetter()),
                    r -> new LinkedHashMap<>()).put(vendor, m.value());
        }
    }

    /** Records that {@code scenario} failed on {@code vendor}; its figures stay empty. */
    void failed(String vendor, String scenario, Exception cause) {
        failures.add(vendor + " " + scenario + ": " + cause);
    }

    /** What failed, one line each. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private List<String> peers() {
        return vendors.stream().filter(v -> !v.equals("Tidings")).toList();
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("run ").append(conditions.started()).append(" on ").append(conditions.machine()).append(", ")
                .append(conditions.java()).append('\n').append(conditions.workload()).append('\n');
        List<String> described = new ArrayList<>();
        providers.forEach((vendor, provider) -> described.add(vendor + " = " + provider));
        out.append(String.join("; ", described)).append("\n\n");
        List<String> header = new ArrayList<>(List.of("scenario", "metric", "unit"));
        header.addAll(vendors);
        peers().forEach(peer -> header.add("T/" + peer));
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        rows.forEach((row, values) -> {
            List<String> line = new ArrayList<>(List.of(row.scenario(), row.metric(), row.unit()));
            vendors.forEach(v -> line.add(format(values.get(v))));
            peers().forEach(peer -> line.add(ratio(values.get("Tidings"), values.get(peer))));
            lines.add(line);
        });
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                out.append(i < 3 ? pad(line.get(i), widths[i]) : padLeft(line.get(i), widths[i])).append("  ");
            }
            out.append('\n');
        }
        return out.toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        StringBuilder csv = new StringBuilder("scenario,metric,unit,higher_is_better");
        vendors.forEach(v -> csv.append(',').append(v));
        peers().forEach(peer -> csv.append(",Tidings/").append(peer));
        csv.append('\n');
        StringBuilder json = new StringBuilder("{\n  \"run\": {\"started\": ").append(quoted(conditions.started()))
                .append(", \"machine\": ").append(quoted(conditions.machine()))
                .append(", \"java\": ").append(quoted(conditions.java()))
                .append(", \"workload\": ").append(quoted(conditions.workload())).append(", \"providers\": {");
        List<String> described = new ArrayList<>();
        providers.forEach((vendor, provider) -> described.add(quoted(vendor) + ": " + quoted(provider)));
        json.append(String.join(", ", described)).append("}},\n  \"results\": [\n");
        int resultsStart = json.length();
        rows.forEach((row, values) -> {
            csv.append(row.scenario()).append(",\"").append(row.metric()).append("\",").append(row.unit())
                    .append(',').append(row.higherIsBetter());
            vendors.forEach(v -> csv.append(',').append(format(values.get(v))));
            peers().forEach(peer -> csv.append(',').append(ratio(values.get("Tidings"), values.get(peer))));
            csv.append('\n');
            json.append(json.length() > resultsStart ? ",\n" : "").append("    {\"scenario\": ")
                    .append(quoted(row.scenario())).append(", \"metric\": ").append(quoted(row.metric()))
                    .append(", \"unit\": ").append(quoted(row.unit())).append(", \"higherIsBetter\": ")
                    .append(row.higherIsBetter()).append(", \"values\": {");
            List<String> entries = new ArrayList<>();
            values.forEach((vendor, value) -> entries.add(quoted(vendor) + ": " + format(value)));
            json.append(String.join(", ", entries)).append("}}");
        });
        json.append("\n  ]\n}\n");
        Files.writeString(directory.resolve("benchmark-results.csv"), csv);
        Files.writeString(directory.resolve("benchmark-results.json"), json);
        StringBuilder text = new StringBuilder(text());
        failures.forEach(failure -> text.append("FAILED: ").append(failure).append('\n'));
        Files.writeString(directory.resolve("benchmark-results.txt"), text);
    }

    /** Every value of every row, for checks. */
    List<Double> values() {
        List<Double> all = new ArrayList<>();
        rows.values().forEach(v -> all.addAll(v.values()));
        return all;
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    /** {@code value} as a JSON string. */
    private static String quoted(Object value) {
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String ratio(Double tidings, Double peer) {
        return tidings == null || peer == null || peer == 0 ? "-"
                : String.format(Locale.ROOT, "%.2f", tidings / peer);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }
}
