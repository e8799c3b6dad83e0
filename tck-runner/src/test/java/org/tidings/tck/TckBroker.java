package org.tidings.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.naming.Context;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.tidings.broker.testing.BrokerProcess;

/**
 * Starts the Tidings broker the TCK runs against when the test run begins, on a fresh data directory
 * ({@code target/tck-broker-data}) and an ephemeral port, with {@code tck-broker.properties}; points JNDI at it
 * ({@code java.naming.provider.url}, see {@code jndi.properties}); stops it when the run ends. Registered as a JUnit
 * Platform launcher session listener, so it brackets the whole suite, not one test class.
 *
 * <p>Threading: JUnit calls it on the thread that runs the suite, before the first and after the last test.
 */
public final class TckBroker implements LauncherSessionListener {

    private static final Path DATA = Path.of("target", "tck-broker-data");

    private BrokerProcess broker;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            deleteRecursively(DATA);
            broker = new BrokerProcess("tck", DATA, "--config", resource("tck-broker.properties").toString())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker for the TCK", e);
        }
        System.setProperty(Context.PROVIDER_URL, broker.url());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (broker == null) {
            return;
        }
        try {
            broker.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(TckBroker.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(name + " is not a file", e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
