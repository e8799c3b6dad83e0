package org.tidings.broker.store.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the intact records of the journal's segments in order, through one reused buffer, so a scan over gigabytes
 * of journal allocates next to nothing.
 *
 * <p>A record whose header or payload runs past the end of its segment, or whose checksum does not match, is the
 * unfinished write of a group that was never forced and so never confirmed: reading that segment stops there. Later
 * segments were begun after it (a restart, or a write failure, always starts a new segment) and are read in turn.
 *
 * <p>Threading: one scan per instance at a time; the visitor runs on the scanning thread.
 */
public final class JournalScanner {

    /** Receives each intact record. */
    @FunctionalInterface
    public interface RecordVisitor {

        /**
         * One record: its payload lies between position and limit of {@code payload} (valid only during the call),
         * starting at byte {@code payloadOffset} of segment {@code segment}; the next record starts at {@code end}.
         */
        void record(long segment, ByteBuffer payload, long payloadOffset, long end);
    }

    private static final Logger LOG = LoggerFactory.getLogger(JournalScanner.class);
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path directory;
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

    public JournalScanner(Path directory) {
        this.directory = directory;
    }

    /**
     * Passes every intact record at or after {@code from} to {@code visitor}, in journal order, and returns the
     * position after the last one ({@code from} if there is none).
     */
    public JournalPosition scan(JournalPosition from, RecordVisitor visitor) {
        JournalPosition end = from;
        for (long number : Journal.segments(directory)) {
            if (number < from.segment()) {
                continue;
            }
            long start = number == from.segment() ? from.offset() : 0;
            end = new JournalPosition(number, scanSegment(number, start, visitor));
        }
        return end;
    }

    /** Passes every intact record of segment {@code number} to {@code visitor}; returns the offset after them. */
    public long scanSegment(long number, long start, RecordVisitor visitor) {
        Path file = Journal.file(directory, number);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long at = start;
            buffer.clear().limit(0);
            CRC32C crc = new CRC32C();
            while (at + JournalCodec.HEADER <= size) {
                if (buffer.remaining() < JournalCodec.HEADER) {
                    refill(in, at, JournalCodec.HEADER, size);
                }
                int length = buffer.getInt(buffer.position());
                int checksum = buffer.getInt(buffer.position() + 4);
                if (length <= 0 || length > size - at - JournalCodec.HEADER) {
                    break;
                }
                int recordBytes = JournalCodec.HEADER + length;
                if (buffer.remaining() < recordBytes) {
                    refill(in, at, recordBytes, size);
                }
                int payloadStart = buffer.position() + JournalCodec.HEADER;
                ByteBuffer payload = buffer.duplicate().position(payloadStart).limit(payloadStart + length);
                crc.reset();
                crc.update(payload.duplicate());
                if ((int) crc.getValue() != checksum) {
                    break;
                }
                long end = at + recordBytes;
                visitor.record(number, payload, at + JournalCodec.HEADER, end);
                buffer.position(payloadStart + length);
                at = end;
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

    /**
     * Makes the buffer hold at least {@code needed} bytes from file offset {@code at} (all there are, if fewer),
     * starting at its position.
     */
    private void refill(FileChannel in, long at, int needed, long size) throws IOException {
        if (buffer.capacity() < needed) {
            ByteBuffer larger = ByteBuffer.allocate(needed);
            larger.put(buffer);
            buffer = larger;
        } else {
            buffer.compact();
        }
        long fileOffset = at + buffer.position();
        while (buffer.hasRemaining() && fileOffset < size) {
            int n = in.read(buffer, fileOffset);
            if (n < 0) {
                break;
            }
            fileOffset += n;
        }
        buffer.flip();
    }
}
