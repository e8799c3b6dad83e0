package org.tidings.broker.store.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads message bodies in place from the journal's segments, by a body position: one {@code long} that packs the
 * segment number (high 32 bits) with the file offset of the body's length field (low 32 bits), as
 * {@link JournalCodec} wrote it. Each segment read from stays open for reading until {@link #forget} closes it.
 *
 * <p>Threading: thread-safe. A thread interrupted during a read closes that segment's channel (FileChannel's rule);
 * the next read opens it again.
 */
public final class JournalBodies implements AutoCloseable {

    private final Path directory;
    private final ConcurrentMap<Long, FileChannel> channels = new ConcurrentHashMap<>();

    public JournalBodies(Path directory) {
        this.directory = directory;
    }

    /** The body position of the length field at {@code offset} of segment {@code segment}. */
    public static long position(long segment, long offset) {
        if (segment < 0 || segment > 0xFFFF_FFFFL || offset < 0 || offset > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("journal place out of range: segment " + segment + " offset "
                    + offset);
        }
        return segment << 32 | offset;
    }

    /** The segment number of a body position. */
    public static long segmentOf(long position) {
        return position >>> 32;
    }

    private static long offsetOf(long position) {
        return position & 0xFFFF_FFFFL;
    }

    /** The body at {@code position}. */
    public byte[] read(long position) {
        long segment = segmentOf(position);
        long offset = offsetOf(position);
        try {
            FileChannel channel = channel(segment);
            ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
            readFully(channel, length, offset);
            byte[] body = new byte[length.getInt(0)];
            readFully(channel, ByteBuffer.wrap(body), offset + Integer.BYTES);
            return body;
        } catch (IOException e) {
            FileChannel broken = channels.remove(segment);
            closeQuietly(broken);
            throw new UncheckedIOException("cannot read a message body from journal segment " + segment, e);
        }
    }

    /** Closes segment {@code segment}, which was deleted. */
    public void forget(long segment) {
        closeQuietly(channels.remove(segment));
    }

    @Override
    public void close() {
        channels.keySet().forEach(this::forget);
    }

    private FileChannel channel(long segment) throws IOException {
        FileChannel open = channels.get(segment);
        if (open != null && open.isOpen()) {
            return open;
        }
        try {
            return channels.compute(segment, (number, current) -> current != null && current.isOpen() ? current
                    : openForReading(number));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private FileChannel openForReading(long segment) {
        try {
            return FileChannel.open(Journal.file(directory, segment), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("the journal ends before the message body at offset " + at);
            }
            position += n;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // reading only: nothing to lose
            }
        }
    }
}
