package org.tidings.benchmarks;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Main class of the Artemis broker process: persistence on with the NIO journal, security off, one TCP acceptor on
 * a free port (written to the ready file once started), Artemis defaults for everything else.
 */
public final class ArtemisLauncher {

    private ArtemisLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path readyFile = Path.of(args[1]);
        int port = FreePort.find();
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setSecurityEnabled(false)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        FreePort.announce(readyFile, port);
        Thread.currentThread().join();
    }
}
