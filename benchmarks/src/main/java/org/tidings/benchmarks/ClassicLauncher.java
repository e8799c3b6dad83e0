package org.tidings.benchmarks;

import org.apache.activemq.broker.BrokerService;

import java.nio.file.Path;

/** Main class of the ActiveMQ Classic broker process: KahaDB in the data directory, one TCP connector. */
public final class ClassicLauncher {

    private ClassicLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path readyFile = Path.of(args[1]);
        int port = FreePort.find();
        BrokerService broker = new BrokerService();
        broker.setBrokerName("bench");
        broker.setDataDirectory(data.toString());
        broker.setPersistent(true);
        broker.setUseJmx(false);
        broker.addConnector("tcp://127.0.0.1:" + port);
        broker.start();
        broker.waitUntilStarted();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
                broker.waitUntilStopped();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        FreePort.announce(readyFile, port);
        Thread.currentThread().join();
    }
}
