package org.tidings.broker.store.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.StoreBatch;

/**
 * Reads the journal back at startup: every intact record at or after a checkpoint position, in order.
 *
 * <p>A record whose header or payload runs past the end of its segment, or whose checksum does not match, is the
 * unfinished write of a group that was never forced and so never confirmed: reading that segment stops there. Later
 * segments were begun after it (a restart, or a write failure, always starts a new segment) and are read in turn.
 *
 * <p>Threading: stateless; runs on the thread that opens the store, before the journal writer starts.
 */
public final class JournalReplayer {

    /** Receives each intact record, with the position just after it. */
    @FunctionalInterface
    public interface RecordSink {
        void accept(StoreBatch batch, JournalPosition end);
    }

    private static final Logger LOG = LoggerFactory.getLogger(JournalReplayer.class);

    private JournalReplayer() {
    }

    /**
     * Passes every intact record at or after {@code from} to {@code sink}, in journal order, and returns the position
     * after the last one ({@code from} if there is none).
     *
     * @throws IllegalStateException if a record with a valid checksum does not decode (a format error, not a torn
     *                               write: the store must not open over it)
     */
    public static JournalPosition replay(Path directory, JournalPosition from, RecordSink sink) {
        JournalPosition end = from;
        for (long number : Journal.segments(directory)) {
            if (number < from.segment()) {
                continue;
            }
            long start = number == from.segment() ? from.offset() : 0;
            end = new JournalPosition(number, replaySegment(Journal.file(directory, number), number, start, sink));
        }
        return end;
    }

    private static long replaySegment(Path file, long segment, long start, RecordSink sink) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            long at = start;
            ByteBuffer header = ByteBuffer.allocate(JournalCodec.HEADER);
            while (at + JournalCodec.HEADER <= size) {
                header.clear();
                readFully(in, header, at);
                int length = header.getInt(0);
                int checksum = header.getInt(4);
                if (length <= 0 || length > size - at - JournalCodec.HEADER) {
                    break;
                }
                byte[] payload = new byte[length];
                readFully(in, ByteBuffer.wrap(payload), at + JournalCodec.HEADER);
                if (!JournalCodec.checksumMatches(payload, checksum)) {
                    break;
                }
                StoreBatch batch;
                try {
                    batch = JournalCodec.decode(payload);
                } catch (IllegalStateException e) {
                    LOG.error("TDS3005: journal record at {} offset {} has a valid checksum but does not decode; "
                            + "the store will not open over it", file.getFileName(), at, e);
                    throw e;
                }
                at += JournalCodec.HEADER + length;
                sink.accept(batch, new JournalPosition(segment, at));
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
}
