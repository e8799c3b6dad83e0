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
 * prepared in the background once the current one is half full; when no spare is left from the last run, the first
 * segment is a new file whose first {@value #FIRST_PREPARED_BYTES} bytes are zero-filled on the spot, and it ends
 * there. A spare is prepared only while the journal is written slowly (below {@value #SPARE_BELOW_BYTES_PER_SECOND}
 * bytes a second over the first half of the segment): that is when the forces are many and small and the metadata
 * flushed with each one costs most. A fast writer forces large groups, over which growing the file costs little,
 * while filling a spare would double what goes to the disk (measured: backlog fill 41-42k msg/s growing against
 * 35k with a spare always filled). A segment begun while no spare was ready grows as it is written; either way a
 * segment ends only when full, so segment sizes never depend on timing. After a crash a
 * segment may end in zeros, which a scan reads as its end; a closed journal cuts its last segment to what it
 * holds.
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
    /** Below this write rate a spare is prepared. */
    public static final long SPARE_BELOW_BYTES_PER_SECOND = 16L << 20;

    private final Path directory;
    private final long segmentSize;
    private final SpareSegment spare;
    private FileChannel channel;
    /** Guarded by this object's lock for readers other than the writer. */
    private long segment;
    private long offset;
    /** Where the current segment ends: the segment size, or less for a first segment filled on the spot. */
    private long rollAt;
    private final long spareBelowBytesPerSecond;
    /** When the current segment was begun. */
    private long segmentStartNanos;
    /** Whether the current segment's first half was looked at to decide on a spare. */
    private boolean spareDecided;

    private Journal(Path directory, long segmentSize, long spareBelowBytesPerSecond, long segment)
            throws IOException {
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.spareBelowBytesPerSecond = spareBelowBytesPerSecond;
        this.spare = new SpareSegment(directory, segmentSize);
        if (!openSegment(segment)) {
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
        return open(directory, segmentSize, SPARE_BELOW_BYTES_PER_SECOND);
    }

    /** As {@link #open(Path, long)}, preparing spares below {@code spareBelowBytesPerSecond}. */
    static Journal open(Path directory, long segmentSize, long spareBelowBytesPerSecond) {
        try {
            Files.createDirectories(directory);
            List<Long> existing = segments(directory);
            long next = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
            return new Journal(directory, segmentSize, spareBelowBytesPerSecond, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + directory, e);
        }
    }

    /**
     * Closes the current segment and begins the next one if the current one is full; once it is half full, starts
     * preparing the next one if it filled slowly.
     */
    public void rollIfDue() throws IOException {
        if (offset >= rollAt) {
            roll();
        } else if (!spareDecided && offset >= rollAt / 2) {
            spareDecided = true;
            long nanos = System.nanoTime() - segmentStartNanos;
            if (offset * 1_000_000_000.0 / Math.max(1, nanos) < spareBelowBytesPerSecond) {
                spare.prepareInBackground();
            }
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
        openSegment(segment + 1);
    }

    /** Opens segment {@code number} in the spare if one is ready, else as a new empty file; returns which. */
    private boolean openSegment(long number) throws IOException {
        Path file = file(directory, number);
        boolean fromSpare = spare.takeAs(file);
        FileChannel opened = FileChannel.open(file, fromSpare ? StandardOpenOption.WRITE
                : StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        forceDirectory(directory);
        rollAt = segmentSize;
        segmentStartNanos = System.nanoTime();
        spareDecided = false;
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
