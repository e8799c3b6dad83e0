package org.tidings.broker.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free space of the file system that holds the store, against a minimum: below it the broker holds producers
 * back (like a full memory) so the store never fills the disk; {@code onRoom} runs once there is enough again.
 * {@link #check} is called periodically.
 *
 * <p>Confined to the broker core thread.
 */
public final class DiskSpace {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSpace.class);

    private final Path directory;
    private final long minFreeBytes;
    private boolean low;
    private Runnable onRoom = () -> { };

    /** Watches the file system of {@code directory}; a minimum of 0 never holds anyone back. */
    public DiskSpace(Path directory, long minFreeBytes) {
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
    }

    public boolean isLow() {
        return low;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Runs {@code task} whenever free space was low and is enough again. */
    public void onRoom(Runnable task) {
        this.onRoom = task;
    }

    /** Measures the free space now. */
    public void check() {
        if (minFreeBytes == 0) {
            return;
        }
        long free;
        try {
            FileStore store = Files.getFileStore(directory);
            free = store.getUsableSpace();
        } catch (IOException e) {
            LOG.warn("TDS1009: cannot read the free space of {}: {}", directory, e.toString());
            return;
        }
        boolean wasLow = low;
        low = free < minFreeBytes;
        if (low && !wasLow) {
            LOG.warn("TDS1010: {} MiB free on the store's disk, less than store.minFreeDiskMiB ({} MiB): producers "
                    + "wait until consumers make room", free >> 20, minFreeBytes >> 20);
        } else if (wasLow && !low) {
            LOG.info("{} MiB free on the store's disk again: producers go on", free >> 20);
            onRoom.run();
        }
    }
}
