package org.tidings.benchmarks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker in its own JVM: started with a command, ready once it wrote its port to a ready file, measured through
 * {@code /proc}, stopped with SIGTERM. Subclasses say how to start it and how to connect.
 */
abstract class ExternalBroker implements BrokerUnderTest {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalBroker.class);
    private static final long START_TIMEOUT_MILLIS = 120_000;
    static final List<String> HEAP = List.of("-Xms512m", "-Xmx2g");

    private Process process;
    private Path dataDir;
    private int port;
    private long lastStartMillis;

    /** The command that starts the broker on {@code dataDir}, writing its port to {@code readyFile}. */
    abstract List<String> command(Path dataDir, Path readyFile);

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The classpath of this harness, for launchers that run from it. */
    static String harnessClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    int port() {
        return port;
    }

    @Override
    public void start(Path dataDir) throws Exception {
        this.dataDir = dataDir;
        Files.createDirectories(dataDir);
        Path readyFile = dataDir.resolveSibling(dataDir.getFileName() + ".ready");
        Files.deleteIfExists(readyFile);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        List<String> command = new ArrayList<>(command(dataDir, readyFile));
        long begin = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = begin + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (!readable(readyFile)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name() + " exited with " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name() + " not ready within " + START_TIMEOUT_MILLIS + " ms; see "
                        + log);
            }
            Thread.sleep(5);
        }
        lastStartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        port = Integer.parseInt(Files.readString(readyFile).trim());
        LOG.info("{} ready on port {} in {} ms (log: {})", name(), port, lastStartMillis, log);
    }

    private static boolean readable(Path readyFile) throws IOException {
        return Files.exists(readyFile) && !Files.readString(readyFile).isBlank();
    }

    @Override
    public void restart() throws Exception {
        stop();
        start(dataDir);
    }

    @Override
    public long lastStartMillis() {
        return lastStartMillis;
    }

    @Override
    public long peakRssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("cannot read the peak RSS of {}: {}", name(), e.toString());
        }
        return -1;
    }

    @Override
    public void stop() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            LOG.warn("{} did not stop within 60 s; killing it", name());
            process.destroyForcibly().waitFor();
        }
    }
}
