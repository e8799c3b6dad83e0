package org.tidings.broker.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.BrokerVersion;
import org.tidings.broker.config.BrokerConfig;
import org.tidings.broker.config.BrokerConfigLoader;
import org.tidings.broker.transport.BrokerServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * {@code tidings}: starts a broker and keeps it running until SIGTERM, which stops it cleanly (stop accepting, close
 * connections, close the store). Command-line options override the {@code --config} file. Exits non-zero with a
 * message if the broker cannot start.
 */
@Command(name = "tidings", mixinStandardHelpOptions = true, versionProvider = BrokerMain.Version.class,
        description = "Runs a Tidings message broker.")
public final class BrokerMain implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);

    @Option(names = "--host", description = "address to listen on (default 127.0.0.1)")
    private String host;

    @Option(names = "--port", description = "port to listen on; 0 picks a free one (default 7766)")
    private Integer port;

    @Option(names = "--data", description = "directory of the message store (default ./data)")
    private Path data;

    @Option(names = "--config", description = "properties file with broker settings")
    private Path config;

    @Option(names = "--ready-file", description = "file to write the bound port to once the broker accepts clients")
    private Path readyFile;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new BrokerMain());
        int exit = commandLine.execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() {
        BrokerConfig effective;
        try {
            effective = effectiveConfig();
        } catch (IOException | RuntimeException e) {
            LOG.error("TDB1003: invalid configuration: {}", e.toString());
            return 1;
        }
        BrokerServer server;
        try {
            server = new BrokerServer(effective).start();
        } catch (Exception e) {
            LOG.error("TDB1001: the broker could not start on {}:{} with data in {}: {}", effective.host(),
                    effective.port(), effective.dataDir().toAbsolutePath(), e.toString());
            LOG.debug("Start-up failure", e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tidings-shutdown"));
        if (readyFile != null) {
            try {
                writeReadyFile(readyFile, server.port());
            } catch (IOException e) {
                LOG.error("TDB1002: cannot write the ready file {}: {}", readyFile, e.toString());
                server.close();
                return 1;
            }
        }
        return 0;
    }

    private BrokerConfig effectiveConfig() throws IOException {
        BrokerConfig effective = BrokerConfigLoader.load(config);
        if (host != null) {
            effective = effective.withHost(host);
        }
        if (port != null) {
            effective = effective.withPort(port);
        }
        if (data != null) {
            effective = effective.withDataDir(data);
        }
        return effective;
    }

    /** Reports {@link BrokerVersion#VERSION} for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BrokerVersion.VERSION};
        }
    }

    /** Writes {@code port} to a temporary file beside {@code file}, then renames it, so readers never see half. */
    static void writeReadyFile(Path file, int port) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.writeString(temp, Integer.toString(port), StandardCharsets.US_ASCII);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
