package org.tidings.broker.store.mapdb;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

import org.mapdb.DataInput2;
import org.mapdb.volume.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MapDB data file, made atomic from one {@link #sync()} to the next. MapDB 3.1's transactional store writes its
 * own log before a commit's in-place writes but never reads that log back when it opens, so a kill during those
 * writes leaves a torn file (seen here as garbage records after kill -9). This volume holds every write since the
 * last sync in memory pages of {@value #PAGE_SIZE} bytes and serves reads from them; {@code sync()} first writes
 * all those pages to a redo file and forces it, then writes them in place and forces the data file. Opening
 * applies an intact redo file again (harmless if it was applied already: the data file changes only after a newer
 * redo file was forced) and ignores a torn one, whose in-place writes never began.
 *
 * <p>Redo file layout: magic {@code int}, page count {@code int}, CRC32C of the pages {@code int}, then per page its
 * index {@code long} and its {@value #PAGE_SIZE} bytes.
 *
 * <p>Threading: MapDB's store writes only while it holds all its locks (commit) and reads under its own locks, so
 * writes never race reads of the same bytes. Writes and {@code sync} are serialized here; reads take no lock.
 */
final class RedoLoggedVolume extends Volume {

    static final int PAGE_SIZE = 4096;
    private static final int MAGIC = 0x54524544;
    private static final int HEADER = 12;
    private static final int PAGE_RECORD = Long.BYTES + PAGE_SIZE;

    private static final Logger LOG = LoggerFactory.getLogger(RedoLoggedVolume.class);

    private final Volume data;
    private final Path redoFile;
    private final FileChannel redo;
    /** Page index to the page's new contents; filled by writes, emptied by {@link #sync}. */
    private final Map<Long, byte[]> dirty = new ConcurrentHashMap<>();
    /** Reused for every redo write: 256 pages at a time. */
    private final ByteBuffer redoBuffer = ByteBuffer.allocateDirect(256 * PAGE_RECORD);

    private RedoLoggedVolume(Volume data, Path redoFile, FileChannel redo) {
        this.data = data;
        this.redoFile = redoFile;
        this.redo = redo;
    }

    /** Wraps {@code data}, first applying what an intact {@code redoFile} holds. */
    static RedoLoggedVolume open(Volume data, Path redoFile) {
        try {
            FileChannel redo = FileChannel.open(redoFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                applyRedo(redo, data, redoFile);
                return new RedoLoggedVolume(data, redoFile, redo);
            } catch (RuntimeException | IOException e) {
                redo.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the MapDB redo file " + redoFile, e);
        }
    }

    private static void applyRedo(FileChannel redo, Volume data, Path redoFile) throws IOException {
        long size = redo.size();
        if (size < HEADER) {
            return;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(redo, header, 0);
        int pages = header.getInt(4);
        ByteBuffer body = null;
        if (header.getInt(0) == MAGIC && pages >= 0 && HEADER + (long) pages * PAGE_RECORD <= size) {
            body = ByteBuffer.allocate(pages * PAGE_RECORD);
            readFully(redo, body, HEADER);
            CRC32C crc = new CRC32C();
            crc.update(body.array(), 0, body.capacity());
            body = (int) crc.getValue() == header.getInt(8) ? body : null;
        }
        if (body == null) {
            LOG.warn("TDS1006: ignoring the unfinished MapDB redo file {}; the data file was not yet written from it",
                    redoFile);
            return;
        }
        for (int i = 0; i < pages; i++) {
            long index = body.getLong(i * PAGE_RECORD);
            long offset = index * PAGE_SIZE;
            data.ensureAvailable(offset + PAGE_SIZE);
            data.putData(offset, body.array(), i * PAGE_RECORD + Long.BYTES, PAGE_SIZE);
        }
        data.sync();
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            int n = in.read(buffer, position);
            if (n < 0) {
                throw new IOException("unexpected end of the MapDB redo file");
            }
            position += n;
        }
        buffer.flip();
    }

    @Override
    public synchronized void sync() {
        if (dirty.isEmpty()) {
            return;
        }
        try {
            writeRedo();
            redo.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the MapDB redo file " + redoFile, e);
        }
        dirty.forEach((index, page) -> data.putData(index * PAGE_SIZE, page, 0, PAGE_SIZE));
        data.sync();
        dirty.clear();
    }

    /**
     * Writes the dirty pages after the header through a fixed buffer, then the header, which names their count and
     * checksum: until both are forced the file reads as torn.
     */
    private void writeRedo() throws IOException {
        ByteBuffer out = redoBuffer.clear();
        CRC32C crc = new CRC32C();
        long position = HEADER;
        for (Map.Entry<Long, byte[]> page : dirty.entrySet()) {
            if (out.remaining() < PAGE_RECORD) {
                position += writeAt(out, position);
            }
            int start = out.position();
            out.putLong(page.getKey()).put(page.getValue());
            crc.update(out.duplicate().position(start).limit(out.position()));
        }
        writeAt(out, position);
        out.clear().putInt(MAGIC).putInt(dirty.size()).putInt((int) crc.getValue());
        writeAt(out, 0);
    }

    /** Writes what {@code buffer} holds at {@code position} and empties it; returns the bytes written. */
    private long writeAt(ByteBuffer buffer, long position) throws IOException {
        buffer.flip();
        long written = 0;
        while (buffer.hasRemaining()) {
            written += redo.write(buffer, position + written);
        }
        buffer.clear();
        return written;
    }

    // ---- writes: into the dirty pages only

    @Override
    public synchronized void putData(long offset, byte[] src, int srcPos, int srcSize) {
        int done = 0;
        while (done < srcSize) {
            long at = offset + done;
            int inPage = (int) (at % PAGE_SIZE);
            int n = Math.min(srcSize - done, PAGE_SIZE - inPage);
            System.arraycopy(src, srcPos + done, pageForWrite(at / PAGE_SIZE), inPage, n);
            done += n;
        }
    }

    @Override
    public void putData(long offset, ByteBuffer buf) {
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        putData(offset, bytes, 0, bytes.length);
    }

    @Override
    public void putLong(long offset, long value) {
        putData(offset, ByteBuffer.allocate(Long.BYTES).putLong(0, value).array(), 0, Long.BYTES);
    }

    @Override
    public void putInt(long offset, int value) {
        putData(offset, ByteBuffer.allocate(Integer.BYTES).putInt(0, value).array(), 0, Integer.BYTES);
    }

    @Override
    public void putByte(long offset, byte value) {
        putData(offset, new byte[] {value}, 0, 1);
    }

    @Override
    public void clear(long startOffset, long endOffset) {
        putData(startOffset, new byte[Math.toIntExact(endOffset - startOffset)], 0,
                Math.toIntExact(endOffset - startOffset));
    }

    private byte[] pageForWrite(long index) {
        return dirty.computeIfAbsent(index, this::readPage);
    }

    private byte[] readPage(long index) {
        byte[] page = new byte[PAGE_SIZE];
        long offset = index * PAGE_SIZE;
        long available = Math.min(PAGE_SIZE, data.length() - offset);
        if (available > 0) {
            data.getData(offset, page, 0, (int) available);
        }
        return page;
    }

    // ---- reads: the dirty pages over the data file

    @Override
    public void getData(long offset, byte[] bytes, int bytesPos, int size) {
        if (dirty.isEmpty()) {
            data.getData(offset, bytes, bytesPos, size);
            return;
        }
        int done = 0;
        while (done < size) {
            long at = offset + done;
            int inPage = (int) (at % PAGE_SIZE);
            int n = Math.min(size - done, PAGE_SIZE - inPage);
            byte[] page = dirty.get(at / PAGE_SIZE);
            if (page != null) {
                System.arraycopy(page, inPage, bytes, bytesPos + done, n);
            } else {
                data.getData(at, bytes, bytesPos + done, n);
            }
            done += n;
        }
    }

    @Override
    public DataInput2 getDataInput(long offset, int size) {
        if (dirty.isEmpty()) {
            return data.getDataInput(offset, size);
        }
        return new DataInput2.ByteArray(read(offset, size).array());
    }

    @Override
    public long getLong(long offset) {
        return dirty.isEmpty() ? data.getLong(offset) : read(offset, Long.BYTES).getLong();
    }

    @Override
    public int getInt(long offset) {
        return dirty.isEmpty() ? data.getInt(offset) : read(offset, Integer.BYTES).getInt();
    }

    private ByteBuffer read(long offset, int size) {
        byte[] bytes = new byte[size];
        getData(offset, bytes, 0, size);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public byte getByte(long offset) {
        if (dirty.isEmpty()) {
            return data.getByte(offset);
        }
        byte[] page = dirty.get(offset / PAGE_SIZE);
        return page != null ? page[(int) (offset % PAGE_SIZE)] : data.getByte(offset);
    }

    // ---- the rest is the data file's

    @Override
    public void ensureAvailable(long offset) {
        data.ensureAvailable(offset);
    }

    @Override
    public void truncate(long size) {
        throw new UnsupportedOperationException("MapDB's transactional store never truncates its data file");
    }

    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dirty.clear();
        try {
            redo.close();
        } catch (IOException e) {
            LOG.warn("TDS1007: cannot close the MapDB redo file {}", redoFile, e);
        }
        data.close();
    }

    @Override
    public int sliceSize() {
        return data.sliceSize();
    }

    @Override
    public boolean isSliced() {
        return data.isSliced();
    }

    @Override
    public long length() {
        return data.length();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public File getFile() {
        return data.getFile();
    }

    @Override
    public boolean getFileLocked() {
        return data.getFileLocked();
    }
}
