package org.tidings.benchmarks;

import jakarta.jms.ConnectionFactory;
import org.tidings.jms.TidingsConnectionFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tidings from its shaded jar ({@code tidings.broker.jar}), default configuration, MapDB store. */
final class TidingsBroker extends ExternalBroker {

    @Override
    public String name() {
        return "Tidings";
    }

    @Override
    List<String> command(Path dataDir, Path readyFile) {
        String jar = System.getProperty("tidings.broker.jar", "broker-daemon/target/tidings-broker.jar");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(HEAP);
        command.addAll(List.of("-jar", jar, "--host", "127.0.0.1", "--port", "0", "--data", dataDir.toString(),
                "--ready-file", readyFile.toString()));
        return command;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return new TidingsConnectionFactory("tcp://127.0.0.1:" + port());
    }
}
