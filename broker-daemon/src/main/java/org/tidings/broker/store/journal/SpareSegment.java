package org.tidings.broker.store.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.StoreThreads;

/**
 * A zero-filled, forced file beside the journal's segments, ready to become the next one. Forcing a record written
 * into blocks that already exist flushes only the data; forcing one that grows its file flushes the file system's
 * metadata too, which costs about half again as much per force on this kind of disk (measured: 1,800 forces/s
 * appending, 2,800 overwriting). So a journal written slowly, with many small forces, writes into prepared files,
 * and this class prepares the next one in the background while the current one fills.
 *
 * <p>The file is filled as {@code spare.tmp} and renamed to {@code spare.zero} once it is complete and forced, so a
 * {@code spare.zero} found at start-up is always whole and is used, and a {@code spare.tmp} is a crash's leftover and
 * is deleted. Neither name looks like a segment's, so a scan never reads them.
 *
 * <p>Threading: {@link #prepareInBackground}, {@link #takeAs} and {@link #close} are called by the journal's writer
 * thread. Filling runs on a daemon thread of its own, one fill at a time, started by {@code prepareInBackground};
 * the hand-over between the two is under this object's lock.
 */
final class SpareSegment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpareSegment.class);
    private static final int FILL_CHUNK = 1 << 20;
    /** Never written to; each write reads it through a duplicate of its own. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(FILL_CHUNK);

    private final Path ready;
    private final Path filling;
    private final long size;
    /** Guarded by this. */
    private boolean isReady;
    /** Guarded by this; the running fill, or null. */
    private Thread filler;
    /** Guarded by this. */
    private boolean closed;

    /** The spare of {@code directory}, {@code size} bytes long; keeps a complete one left by an earlier run. */
    SpareSegment(Path directory, long size) {
        this.ready = directory.resolve("spare.zero");
        this.filling = directory.resolve("spare.tmp");
        this.size = size;
        try {
            Files.deleteIfExists(filling);
            if (Files.exists(ready) && Files.size(ready) != size) {
                Files.delete(ready);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the journal's spare segment in " + directory, e);
        }
        this.isReady = Files.exists(ready);
    }

    /** Starts filling a spare unless one is ready or being filled. */
    synchronized void prepareInBackground() {
        if (isReady || filler != null || closed) {
            return;
        }
        filler = new Thread(this::fill, "tidings-journal-spare");
        filler.setDaemon(true);
        filler.start();
    }

    /**
     * Moves the spare, if one is ready, to {@code segment} (which must not exist) and returns true; returns false,
     * and leaves everything as it was, if none is ready.
     */
    synchronized boolean takeAs(Path segment) throws IOException {
        if (!isReady) {
            return false;
        }
        Files.move(ready, segment, StandardCopyOption.ATOMIC_MOVE);
        isReady = false;
        return true;
    }

    /** Stops a running fill and waits for it; a ready spare stays for the next start. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = filler;
        }
        if (running != null) {
            StoreThreads.joinUninterruptibly(running);
        }
    }

    private void fill() {
        try {
            boolean complete = fillAndForce();
            synchronized (this) {
                if (complete) {
                    Files.move(filling, ready, StandardCopyOption.ATOMIC_MOVE);
                    isReady = true;
                } else {
                    Files.deleteIfExists(filling);
                }
            }
        } catch (IOException e) {
            LOG.warn("TDS3010: cannot prepare a journal segment; the next one grows as it is written: {}",
                    e.toString());
            try {
                Files.deleteIfExists(filling);
            } catch (IOException ignored) {
                // the next start deletes it
            }
        } finally {
            synchronized (this) {
                filler = null;
            }
        }
    }

    /** Fills {@link #filling} with zeros and forces it; false if the spare was closed meanwhile. */
    private boolean fillAndForce() throws IOException {
        try (FileChannel out = FileChannel.open(filling, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long at = 0; at < size; at += FILL_CHUNK) {
                if (isClosed()) {
                    return false;
                }
                zeroFill(out, at, Math.min(FILL_CHUNK, size - at));
            }
            out.force(true);
        }
        return !isClosed();
    }

    /** Writes {@code length} zeros at {@code position} of {@code out}, not forced. */
    static void zeroFill(FileChannel out, long position, long length) throws IOException {
        ByteBuffer zeros = ZEROS.duplicate();
        for (long done = 0; done < length; ) {
            zeros.clear().limit((int) Math.min(FILL_CHUNK, length - done));
            while (zeros.hasRemaining()) {
                done += out.write(zeros, position + done);
            }
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }
}
