package org.tidings.benchmarks;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** ActiveMQ Artemis, embedded in its own JVM by {@link ArtemisLauncher}: NIO journal, defaults otherwise. */
final class ArtemisBroker extends ExternalBroker {

    @Override
    public String name() {
        return "Artemis";
    }

    @Override
    List<String> command(Path dataDir, Path readyFile) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(HEAP);
        command.addAll(List.of("-cp", harnessClasspath(), ArtemisLauncher.class.getName(), dataDir.toString(),
                readyFile.toString()));
        return command;
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port());
    }
}
