package org.tidings.benchmarks;

import jakarta.jms.ConnectionFactory;

import java.nio.file.Path;

/** A broker the harness can start as a separate process, connect to through JMS, measure and stop. */
public interface BrokerUnderTest {

    /** Short name in tables: {@code Tidings}, {@code Artemis}, {@code Classic}. */
    String name();

    /** Starts the broker on {@code dataDir} (kept between starts) and blocks until it accepts connections. */
    void start(Path dataDir) throws Exception;

    /** Stops the broker and starts it again on the same data directory. */
    void restart() throws Exception;

    /** A connection factory for the running broker. */
    ConnectionFactory connectionFactory();

    /** The peak resident set size of the broker process so far, in KiB. */
    long peakRssKiB();

    /** How long the last {@link #start} took until the broker accepted connections, in milliseconds. */
    long lastStartMillis();

    /** Stops the broker (SIGTERM, then SIGKILL if it hangs). */
    void stop() throws Exception;
}
