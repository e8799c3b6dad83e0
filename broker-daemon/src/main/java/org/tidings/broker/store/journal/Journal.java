package org.tidings.broker.store.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writing end of an append-only write-ahead journal of {@link JournalCodec} records in numbered segment files
 * ({@code journal-0000000000000001.log}, ...) of one directory. Appending and forcing is what makes a batch durable;
 * the indexed store catches up later and then lets the segments it covers be deleted, once no message body in them
 * is in use. {@link JournalScanner} reads the segments back, {@link JournalBodies} single bodies.
 *
 * <p>Writing always starts in a new segment after every existing one, and continues in a new one after a failed
 * write, so a torn record can only ever be the last thing in its segment.
 *
 * <p>Segments are written into zeros laid down before (see {@link SpareSegment}): each next segment is a spare
 * prepared in the background once the current one is half full (a writer faster than that waits for it); when no
 * spare is left from the last run, the first segment is a new file whose first {@value #FIRST_PREPARED_BYTES}
 * bytes are zero-filled on the spot, and it ends there. After a crash a segment may end in zeros, which a scan
 * reads as its end; a closed journal cuts its last segment to what it holds. Only if preparing fails does a
 * segment grow as it is written.
 *
 * <p>Threading: everything but {@link #deleteSegmentsBefore} is called by one writer thread;
 * {@code deleteSegmentsBefore} may be called from another (the checkpoint thread), so the current segment number is
 * read under the object's lock.
 */
public final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{16})\\.log");
    /** How much of the first segment is zero-filled at start-up when no spare is ready: a few milliseconds' work. */
    static final long FIRST_PREPARED_BYTES = 4L << 20;

    private final Path directory;
    private final long segmentSize;
    private final SpareSegment spare;
    private FileChannel channel;
    /** Guarded by this object's lock for readers other than the writer. */
    private long segment;
    private long offset;
    /** Where the current segment ends: the segment size, or less for a first segment filled on the spot. */
    private long rollAt;

    private Journal(Path directory, long segmentSize, long segment) throws IOException {
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.spare = new SpareSegment(directory, segmentSize);
        if (!openSegment(segment, false)) {
            rollAt = Math.min(segmentSize, FIRST_PREPARED_BYTES);
            SpareSegment.zeroFill(channel, 0, rollAt);
            channel.force(true);
        }
    }

    /**
     * Opens the journal for appending in a new segment after every existing one (existing segments are left for
     * {@link #deleteSegmentsBefore}).
     */
    public static Journal open(Path directory, long segmentSize) {
        try {
            Files.createDirectories(directory);
            List<Long> existing = segments(directory);
            long next = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
            return new Journal(directory, segmentSize, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + directory, e);
        }
    }

    /**
     * Closes the current segment and begins the next one if the current one is full; starts preparing the next
     * one once the current one is half full.
     */
    public void rollIfDue() throws IOException {
        if (offset >= rollAt) {
            roll();
        } else if (offset >= rollAt / 2) {
            spare.prepareInBackground();
        }
    }

    /** Appends the bytes between position and limit of {@code records} to the current segment (not yet durable). */
    public void append(ByteBuffer records) throws IOException {
        while (records.hasRemaining()) {
            offset += channel.write(records, offset);
        }
    }

    /** Makes everything appended durable. */
    public void force() throws IOException {
        channel.force(false);
    }

    /**
     * Drops what was appended at or after {@code start} (a group whose write or force failed, never confirmed) and
     * continues in a new segment, so nothing later is ever written behind bytes of uncertain state.
     */
    public void discardFrom(JournalPosition start) throws IOException {
        if (start.segment() == segment) {
            channel.truncate(start.offset());
            offset = start.offset();
        }
        roll();
    }

    /** Where the next record goes; the writer thread only. */
    public JournalPosition position() {
        return new JournalPosition(segment, offset);
    }

    /**
     * Deletes the segments that lie wholly before {@code position} (the indexed store holds what their records
     * did) and that {@code pinned} does not keep (they hold no message body still in use); returns the numbers
     * deleted.
     */
    public List<Long> deleteSegmentsBefore(JournalPosition position, LongPredicate pinned) {
        long current;
        synchronized (this) {
            current = segment;
        }
        List<Long> deleted = new ArrayList<>();
        for (long number : segments(directory)) {
            if (number < position.segment() && number < current && !pinned.test(number)) {
                try {
                    Files.deleteIfExists(file(directory, number));
                    deleted.add(number);
                } catch (IOException e) {
                    LOG.warn("TDS3002: cannot delete journal segment {}: {}", number, e.toString());
                }
            }
        }
        return deleted;
    }

    /** Cuts the current segment to what it holds, makes it durable and closes it; a ready spare stays. */
    @Override
    public void close() {
        spare.close();
        try {
            channel.truncate(offset);
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            LOG.warn("TDS3003: closing the journal failed: {}", e.toString());
        }
    }

    private void roll() throws IOException {
        channel.force(false);
        channel.close();
        openSegment(segment + 1, true);
    }

    /**
     * Opens segment {@code number} in the spare (with {@code waitForSpare}, in one filled first; else only in one
     * left by the last run), or as a new empty file; returns whether it is a spare.
     */
    private boolean openSegment(long number, boolean waitForSpare) throws IOException {
        Path file = file(directory, number);
        boolean fromSpare = waitForSpare ? spare.takeAs(file) : spare.takeReadyAs(file);
        FileChannel opened = FileChannel.open(file, fromSpare ? StandardOpenOption.WRITE
                : StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        forceDirectory(directory);
        rollAt = segmentSize;
        synchronized (this) {
            channel = opened;
            segment = number;
            offset = 0;
        }
        return fromSpare;
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    static Path file(Path directory, long number) {
        return directory.resolve(String.format("journal-%016d.log", number));
    }

    /** The segment numbers present, ascending. */
    public static List<Long> segments(Path directory) {
        List<Long> numbers = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return numbers;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(path -> {
                Matcher m = SEGMENT.matcher(path.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Long.parseLong(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journal segments in " + directory, e);
        }
        numbers.sort(null);
        return numbers;
    }
}
