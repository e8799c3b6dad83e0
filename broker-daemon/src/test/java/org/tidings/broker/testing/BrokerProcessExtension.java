package org.tidings.broker.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts one broker process per test class on a fresh data directory and stops it after the class, asserting a
 * clean exit. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrokerProcessExtension broker = new BrokerProcessExtension();
 * }</pre>
 *
 * Tests may {@link #kill()} and {@link #restart()} it; the data directory stays the same for the whole class.
 */
public final class BrokerProcessExtension implements BeforeAllCallback, AfterAllCallback {

    private final String[] extraArgs;
    private BrokerProcess broker;

    public BrokerProcessExtension(String... extraArgs) {
        this.extraArgs = extraArgs;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path dataDir = Files.createTempDirectory("tidings-data");
        broker = new BrokerProcess(context.getRequiredTestClass().getSimpleName(), dataDir, extraArgs).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }

    public String url() {
        return broker.url();
    }

    public int port() {
        return broker.port();
    }

    /** The broker's output of its current run. */
    public java.nio.file.Path logFile() {
        return broker.logFile();
    }

    /** SIGKILL of the broker process. */
    public void kill() throws InterruptedException {
        broker.kill();
    }

    /** Starts the broker again on the same data directory (after {@link #kill()} or {@link #stopBroker()}). */
    public void restart() {
        try {
            broker.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Orderly stop (SIGTERM), asserting a clean exit. */
    public void stopBroker() throws InterruptedException {
        broker.stop();
    }
}
