package org.tidings.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Where and how a comparison ran — the machine, the JVM, the settings — written with its table, so that figures of
 * two runs are never compared without knowing what differed between them.
 *
 * @param started  when the run began, to the second
 * @param machine  operating system, architecture, processors and memory
 * @param java     the JVM that ran the harness and every broker
 * @param settings the counts and durations of the run
 */
record RunConditions(Instant started, String machine, String java, Settings settings) {

    /** This JVM's machine and runtime, starting now. */
    static RunConditions current(Settings settings) {
        String machine = String.format(Locale.ROOT, "%s %s %s, %d processors, %d MiB", System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), physicalMemoryBytes() >> 20);
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        return new RunConditions(Instant.now().truncatedTo(ChronoUnit.SECONDS), machine, java, settings);
    }

    private static long physicalMemoryBytes() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }

    /** How much each scenario does, in one line. */
    String workload() {
        return String.format(Locale.ROOT, "warm-up %d s, measurement %d s, scale %s, %d-byte messages",
                settings.warmup().toSeconds(), settings.measurement().toSeconds(), settings.scale(),
                settings.messageSize());
    }
}
