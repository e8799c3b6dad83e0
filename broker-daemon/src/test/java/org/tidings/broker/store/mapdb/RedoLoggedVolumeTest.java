package org.tidings.broker.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.volume.FileChannelVol;
import org.mapdb.volume.Volume;

/**
 * The data file changes only at {@code sync}, and a crash at any moment of a sync leaves either the old or the new
 * contents: a complete redo file is applied on opening, a torn one is ignored.
 */
@Timeout(30)
class RedoLoggedVolumeTest {

    private static final int PAGE = RedoLoggedVolume.PAGE_SIZE;

    @TempDir
    Path directory;

    private Path dataFile() {
        return directory.resolve("data");
    }

    private Path redoFile() {
        return directory.resolve("data.redo");
    }

    private RedoLoggedVolume open() {
        return RedoLoggedVolume.open(new FileChannelVol(dataFile().toFile()), redoFile());
    }

    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i * 31);
        }
        return bytes;
    }

    @Test
    void writesAreReadBackBeforeTheSyncButReachTheFileOnlyWithIt() throws IOException {
        byte[] spanning = pattern(PAGE + 100, 7);
        try (RedoLoggedVolume volume = open()) {
            volume.ensureAvailable(3L * PAGE);
            volume.putLong(8, 0x0102030405060708L);
            volume.putData(PAGE - 50, spanning, 0, spanning.length);
            volume.putInt(2L * PAGE + 60, 42);

            assertThat(volume.getLong(8)).isEqualTo(0x0102030405060708L);
            assertThat(volume.getInt(2L * PAGE + 60)).isEqualTo(42);
            byte[] read = new byte[spanning.length];
            volume.getDataInput(PAGE - 50, spanning.length).readFully(read);
            assertThat(read).isEqualTo(spanning);
            assertThat(onDisk(8, 8)).as("nothing reaches the data file before sync").isEqualTo(new byte[8]);

            volume.sync();
        }
        assertThat(ByteBuffer.wrap(onDisk(8, 8)).getLong()).isEqualTo(0x0102030405060708L);
        assertThat(onDisk(PAGE - 50, spanning.length)).isEqualTo(spanning);
        try (RedoLoggedVolume reopened = open()) {
            assertThat(reopened.getInt(2L * PAGE + 60)).isEqualTo(42);
        }
    }

    @Test
    void unsyncedWritesAreLostWithTheProcess() throws IOException {
        try (RedoLoggedVolume volume = open()) {
            volume.ensureAvailable(PAGE);
            volume.putLong(0, 1);
            volume.sync();
            volume.putLong(0, 2);
        }
        try (RedoLoggedVolume reopened = open()) {
            assertThat(reopened.getLong(0)).isEqualTo(1);
        }
    }

    @Test
    void aCompleteRedoFileIsAppliedWhenTheInPlaceWritesWereCutOff() throws IOException {
        byte[] before = pattern(2 * PAGE, 1);
        byte[] after = pattern(2 * PAGE, 2);
        try (RedoLoggedVolume volume = open()) {
            volume.ensureAvailable(2L * PAGE);
            volume.putData(0, before, 0, before.length);
            volume.sync();
            volume.putData(0, after, 0, after.length);
            volume.sync();
        }
        // As a kill after the redo file was forced leaves the data file: some in-place writes done, others not.
        writeOnDisk(0, before, 0, PAGE);

        try (RedoLoggedVolume reopened = open()) {
            byte[] read = new byte[after.length];
            reopened.getData(0, read, 0, read.length);
            assertThat(read).isEqualTo(after);
        }
        assertThat(onDisk(0, after.length)).isEqualTo(after);
    }

    @Test
    void aTornRedoFileIsIgnoredAndTheFileKeepsItsLastSyncedContents() throws IOException {
        byte[] synced = syncedThenANewerRedoFile(3);
        // The next sync's redo write cut off: its header names more pages than the file holds.
        try (FileChannel redo = FileChannel.open(redoFile(), StandardOpenOption.WRITE)) {
            redo.write(ByteBuffer.allocate(4).putInt(0, 9), 4);
            redo.truncate(redo.size() - 10);
        }

        try (RedoLoggedVolume reopened = open()) {
            byte[] read = new byte[PAGE];
            reopened.getData(0, read, 0, PAGE);
            assertThat(read).isEqualTo(synced);
        }
    }

    @Test
    void aRedoFileWithAWrongChecksumIsIgnored() throws IOException {
        byte[] synced = syncedThenANewerRedoFile(5);
        try (FileChannel redo = FileChannel.open(redoFile(), StandardOpenOption.WRITE)) {
            redo.write(ByteBuffer.wrap(new byte[] {0x55}), redo.size() - 1);
        }

        try (Volume reopened = open()) {
            assertThat(reopened.getByte(0)).isEqualTo(synced[0]);
            assertThat(reopened.getByte(PAGE - 1)).isEqualTo(synced[PAGE - 1]);
        }
    }

    /**
     * A page synced with contents returned here, then a second sync whose redo file stays while the data file is put
     * back to the first contents: the state in which the redo file decides what the page holds.
     */
    private byte[] syncedThenANewerRedoFile(int seed) throws IOException {
        byte[] synced = pattern(PAGE, seed);
        try (RedoLoggedVolume volume = open()) {
            volume.ensureAvailable(PAGE);
            volume.putData(0, synced, 0, synced.length);
            volume.sync();
            volume.putData(0, pattern(PAGE, seed + 1), 0, PAGE);
            volume.sync();
        }
        writeOnDisk(0, synced, 0, PAGE);
        return synced;
    }

    private byte[] onDisk(long offset, int length) throws IOException {
        byte[] bytes = Files.readAllBytes(dataFile());
        byte[] slice = new byte[length];
        System.arraycopy(bytes, (int) offset, slice, 0, Math.max(0, Math.min(length, bytes.length - (int) offset)));
        return slice;
    }

    private void writeOnDisk(long offset, byte[] bytes, int from, int length) throws IOException {
        try (FileChannel file = FileChannel.open(dataFile(), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(bytes, from, length), offset);
        }
    }
}
