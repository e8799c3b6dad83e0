package org.tidings.benchmarks;

import jakarta.jms.ConnectionFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** ActiveMQ Classic, embedded in its own JVM by {@link ClassicLauncher}: KahaDB defaults. */
final class ClassicBroker extends ExternalBroker {

    @Override
    public String name() {
        return "Classic";
    }

    @Override
    List<String> command(Path dataDir, Path readyFile) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(HEAP);
        command.addAll(List.of("-cp", harnessClasspath(), ClassicLauncher.class.getName(), dataDir.toString(),
                readyFile.toString()));
        return command;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return new org.apache.activemq.ActiveMQConnectionFactory("tcp://127.0.0.1:" + port());
    }
}
