package org.tidings.broker.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A broker running as a separate JVM ({@code org.tidings.broker.cli.BrokerMain}) on an ephemeral port, with its data
 * in a given directory. It is ready once it has written its bound port to the ready file. Its output goes to
 * {@code target/broker-logs/<name>-<n>.log}, so a failed test leaves the broker's log behind.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class BrokerProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path dataDir;
    private final List<String> extraArgs;
    private Process process;
    private Path log;
    private int port;
    private int starts;

    public BrokerProcess(String name, Path dataDir, String... extraArgs) {
        this.name = name;
        this.dataDir = dataDir;
        this.extraArgs = List.of(extraArgs);
    }

    /** Starts the broker and blocks (bounded) until it accepts connections. */
    public BrokerProcess start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker " + name + " is already running");
        }
        Path readyFile = Files.createTempFile("tidings-ready", ".port");
        Files.delete(readyFile);
        Path logDir = Path.of("target", "broker-logs");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + "-" + (++starts) + ".log");
        this.log = log;

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", brokerClasspath(),
                "org.tidings.broker.cli.BrokerMain",
                "--port", "0", "--data", dataDir.toString(), "--ready-file", readyFile.toString()));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process started = process;
        await("broker " + name + " ready (log: " + log + ")").atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("broker " + name + " exited with " + started.exitValue()
                                + " before it was ready; see " + log.toAbsolutePath());
                    }
                    return Files.exists(readyFile);
                });
        port = Integer.parseInt(Files.readString(readyFile).trim());
        Files.deleteIfExists(readyFile);
        return this;
    }

    /** The port the running broker listens on. */
    public int port() {
        return port;
    }

    /** The URL a {@code TidingsConnectionFactory} connects to. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The output (stdout and stderr) of the current or last run. */
    public Path logFile() {
        return log;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** SIGKILL: the broker gets no chance to flush or close anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker " + name + " survived SIGKILL");
        }
    }

    /** SIGTERM, then waits for a clean exit; fails if the broker does not exit with status 0 in time. */
    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("broker " + name + " did not stop within " + STOP_TIMEOUT);
        }
        int exit = process.exitValue();
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal
        if (exit != 0 && exit != 143) {
            throw new IllegalStateException("broker " + name + " exited with status " + exit);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private static String brokerClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
