package org.tidings.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A free local port for a peer broker that cannot bind port 0 itself, and the ready file that announces it. */
final class FreePort {

    private FreePort() {
    }

    static int find() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Writes the port atomically, so the harness never reads half a file. */
    static void announce(Path readyFile, int port) throws IOException {
        Path temp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
        Files.writeString(temp, Integer.toString(port));
        Files.move(temp, readyFile, StandardCopyOption.ATOMIC_MOVE);
    }
}
