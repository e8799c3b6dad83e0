package org.tidings.broker.store.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.tidings.broker.store.StoreBatch;

/**
 * An append-only write-ahead journal of {@link StoreBatch} records in numbered segment files
 * ({@code journal-0000000000000001.log}, ...) of one directory. Appending and forcing is what makes a batch
 * durable; the indexed store catches up later and then lets the segments it covers be deleted.
 *
 * <p>Threading: {@link #append}, {@link #force}, {@link #truncate} and {@link #position} are called by one writer
 * thread; {@link #deleteSegmentsBefore} may be called from another (the checkpoint thread), so segment bookkeeping
 * is synchronized. {@link #replay} runs before the writer starts.
 */
public final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d{16})\\.log");

    private final Path directory;
    private final long segmentSize;
    private FileChannel channel;
    private long segment;
    private long offset;

    private Journal(Path directory, long segmentSize, long segment) throws IOException {
        this.directory = directory;
        this.segmentSize = segmentSize;
        openSegment(segment);
    }

    /**
     * Reads every intact record at or after {@code from}, in order, into {@code apply}; a torn record at the end of
     * the last segment (never confirmed) ends the replay. Returns the position after the last intact record.
     */
    public static JournalPosition replay(Path directory, JournalPosition from, Consumer<StoreBatch> apply) {
        JournalPosition end = from;
        for (long number : segments(directory)) {
            if (number < from.segment()) {
                continue;
            }
            long start = number == from.segment() ? from.offset() : 0;
            end = new JournalPosition(number, replaySegment(file(directory, number), start, apply));
        }
        return end;
    }

    private static long replaySegment(Path file, long start, Consumer<StoreBatch> apply) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long at = start;
            ByteBuffer header = ByteBuffer.allocate(JournalCodec.HEADER);
            while (at + JournalCodec.HEADER <= size) {
                header.clear();
                readFully(in, header, at);
                header.flip();
                int length = header.getInt();
                int checksum = header.getInt();
                if (length <= 0 || at + JournalCodec.HEADER + length > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(in, payload, at + JournalCodec.HEADER);
                if (!JournalCodec.checksumMatches(payload.array(), checksum)) {
                    break;
                }
                apply.accept(JournalCodec.decode(payload.array()));
                at += JournalCodec.HEADER + length;
            }
            if (at < size) {
                LOG.warn("TDS3001: journal {} ends with {} bytes of an unfinished write after offset {}; they were "
                        + "never confirmed and are ignored", file.getFileName(), size - at, at);
            }
            return at;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal segment " + file, e);
        }
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, position);
            if (n < 0) {
                throw new IOException("unexpected end of " + in);
            }
            position += n;
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
     * Appends the records between position and limit of {@code records} (not yet durable); rolls to a new segment
     * first when the current one is full.
     */
    public void append(ByteBuffer records) throws IOException {
        if (offset >= segmentSize) {
            roll();
        }
        int total = records.remaining();
        while (records.hasRemaining()) {
            channel.write(records);
        }
        offset += total;
    }

    /** Makes everything appended durable. */
    public void force() throws IOException {
        channel.force(false);
    }

    /** Cuts the current segment back to {@code position} (a failed group is discarded). */
    public void truncate(JournalPosition position) throws IOException {
        if (position.segment() == segment) {
            channel.truncate(position.offset());
            channel.position(position.offset());
            offset = position.offset();
        }
    }

    /** Where the next record goes. */
    public synchronized JournalPosition position() {
        return new JournalPosition(segment, offset);
    }

    /** Deletes the segments that lie wholly before {@code position}: the indexed store holds their content. */
    public void deleteSegmentsBefore(JournalPosition position) {
        long current;
        synchronized (this) {
            current = segment;
        }
        for (long number : segments(directory)) {
            if (number < position.segment() && number < current) {
                try {
                    Files.deleteIfExists(file(directory, number));
                } catch (IOException e) {
                    LOG.warn("TDS3002: cannot delete journal segment {}: {}", number, e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.force(false);
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

    private synchronized void openSegment(long number) throws IOException {
        Path file = file(directory, number);
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        forceDirectory(directory);
        segment = number;
        offset = 0;
    }

    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static Path file(Path directory, long number) {
        return directory.resolve(String.format("journal-%016d.log", number));
    }

    /** The segment numbers present, ascending. */
    static List<Long> segments(Path directory) {
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
