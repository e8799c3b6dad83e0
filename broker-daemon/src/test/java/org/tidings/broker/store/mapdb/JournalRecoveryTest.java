package org.tidings.broker.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tidings.broker.store.MessageStore;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.RecordingListener;
import org.tidings.broker.store.RecoveryResult;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreCallback;
import org.tidings.broker.store.journal.Journal;
import org.tidings.broker.store.journal.JournalCodec;
import org.tidings.broker.store.memory.InMemoryMessageStore;

/**
 * Opening the store over a journal that a kill left ahead of MapDB: records written after the last checkpoint are
 * replayed, an unfinished or corrupt last record is not, and what MapDB's own log could leave behind is cleaned up.
 * The directories are built as a kill would leave them: MapDB at an older checkpoint, forced journal records after it.
 */
@Timeout(60)
class JournalRecoveryTest {

    private static final CheckpointPolicy SMALL = new CheckpointPolicy(4096, 50, 10_000, 1 << 20, 1 << 20, 7);

    @TempDir
    Path directory;

    private static StoreBatch store(long messageId) {
        return StoreBatch.builder().addMessage(messageId, body(messageId)).addReference(1, messageId).build();
    }

    private static byte[] body(long messageId) {
        return ("body " + messageId).repeat(10).getBytes();
    }

    /** MapDB at its initial checkpoint, and {@code batches} forced into the journal after it, one segment. */
    private Path crashedWith(List<StoreBatch> batches) throws IOException {
        MapDbTables.open(directory).close();
        try (Journal journal = Journal.open(directory.resolve("journal"), 1 << 30)) {
            for (StoreBatch batch : batches) {
                journal.append(ByteBuffer.wrap(JournalCodec.encode(batch)));
            }
            journal.force();
        }
        return directory.resolve("journal").resolve("journal-0000000000000001.log");
    }

    private static List<StoreBatch> history() {
        List<StoreBatch> batches = new ArrayList<>();
        batches.add(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).addQueue(QueueRecord.queue(2, "r"))
                .build());
        for (long id = 1; id <= 60; id++) {
            StoreBatch.Builder add = StoreBatch.builder().addMessage(id, body(id)).addReference(1, id);
            batches.add((id <= 30 ? add.addReference(2, id) : add).build());
            if (id % 4 == 0) {
                StoreBatch.Builder ack = StoreBatch.builder().removeReference(1, id - 2);
                batches.add((id <= 30 ? ack.removeReference(2, id - 2) : ack).deleteMessage(id - 2).build());
            }
            if (id % 5 == 0) {
                batches.add(StoreBatch.builder().updateDeliveryCount(1, id - 1, 3).build());
            }
            if (id == 30) {
                batches.add(StoreBatch.builder().deleteQueue(2).build());
            }
            if (id == 40) {
                // A reference removed and added again within one window ends up present.
                batches.add(StoreBatch.builder().removeReference(1, 39).build());
                batches.add(StoreBatch.builder().addReference(1, 39).build());
            }
        }
        return batches;
    }

    private RecordingListener reopenAndRecover(RecordingListener listener) {
        try (MessageStore store = new MapDbMessageStore(directory, SMALL)) {
            store.recover(listener);
        }
        return listener;
    }

    private static RecordingListener expected(List<StoreBatch> batches) {
        InMemoryMessageStore memory = new InMemoryMessageStore();
        batches.forEach(batch -> memory.submit(batch, StoreCallback.NONE));
        RecordingListener listener = new RecordingListener();
        memory.recover(listener);
        return listener;
    }

    @Test
    void recordsAfterTheCheckpointAreReplayedInSmallTransactions() throws IOException {
        List<StoreBatch> batches = history();
        crashedWith(batches);

        RecordingListener recovered = reopenAndRecover(new RecordingListener());

        recovered.assertSameStateAs(expected(batches));
        assertThat(fileNames(directory.resolve("journal"))).as("the replayed segment keeps the queued bodies")
                .containsExactly("journal-0000000000000001.log", "journal-0000000000000002.log");
    }

    @Test
    void anUnfinishedLastRecordIsIgnoredAndWritingGoesOn() throws IOException {
        List<StoreBatch> batches = new ArrayList<>(List.of(StoreBatch.builder()
                .addQueue(QueueRecord.queue(1, "q")).build(), store(1), store(2)));
        Path segment = crashedWith(batches);
        byte[] torn = JournalCodec.encode(store(3));
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            file.write(ByteBuffer.wrap(torn, 0, torn.length - 5));
        }

        RecordingListener recovered;
        try (MessageStore store = new MapDbMessageStore(directory, SMALL)) {
            recovered = new RecordingListener();
            store.recover(recovered);
            storeDurably(store, store(4));
        }

        assertThat(recovered.messages).containsOnlyKeys(1L, 2L);
        assertThat(reopenAndRecover(new RecordingListener()).messages).containsOnlyKeys(1L, 2L, 4L);
    }

    @Test
    void aLastRecordWithABadChecksumIsIgnored() throws IOException {
        Path segment = crashedWith(List.of(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).build(),
                store(1), store(2)));
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {'X'}), file.size() - 3);
        }

        RecordingListener recovered = reopenAndRecover(new RecordingListener());

        assertThat(recovered.messages).containsOnlyKeys(1L);
        assertThat(recovered.messageIdsOf(1)).containsExactly(1L);
    }

    @Test
    void replayOverTablesThatAlreadyHoldPartOfTheWindowGivesTheSameState() throws IOException {
        List<StoreBatch> batches = history();
        crashedWith(batches);
        try (MapDbTables tables = MapDbTables.open(directory)) {
            // As a kill between the small transactions of a checkpoint leaves MapDB: part of the window's net
            // effect committed, the checkpoint position not yet moved.
            CheckpointWindow window = new CheckpointWindow(tables, 5);
            batches.subList(0, batches.size() / 2).forEach(window::merge);
            window.flush();
            tables.commit();
        }

        reopenAndRecover(new RecordingListener()).assertSameStateAs(expected(batches));
    }

    @Test
    void aMessageThatACutOffCheckpointLeftInMapDbStaysDeletedWhenItsDeletionFollowsInTheSameWindow()
            throws IOException {
        StoreBatch queue = StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).build();
        StoreBatch acknowledge = StoreBatch.builder().removeReference(1, 1).deleteMessage(1).build();
        crashedWith(List.of(queue, store(1), acknowledge, store(2)));
        try (MapDbTables tables = MapDbTables.open(directory)) {
            // The first small transaction of a checkpoint over these records committed, the position not yet moved.
            CheckpointWindow window = new CheckpointWindow(tables, 1_000);
            window.merge(queue);
            window.merge(store(1));
            window.flush();
            tables.commit();
        }

        RecordingListener recovered = reopenAndRecover(new RecordingListener());

        assertThat(recovered.messages).containsOnlyKeys(2L);
        assertThat(recovered.messageIdsOf(1)).containsExactly(2L);
    }

    @Test
    void highestIdsComeFromReplayedRecordsToo() throws IOException {
        crashedWith(List.of(StoreBatch.builder().addQueue(QueueRecord.queue(7, "q")).addMessage(70, body(70))
                .build(), StoreBatch.builder().deleteMessage(70).deleteQueue(7).build()));

        RecoveryResult result;
        try (MessageStore store = new MapDbMessageStore(directory, SMALL)) {
            result = store.recover(new RecordingListener());
        }

        assertThat(result).isEqualTo(new RecoveryResult(7, 70));
    }

    @Test
    void mapDbLogFilesOnDiskAreDeleted() throws IOException {
        try (MessageStore store = new MapDbMessageStore(directory, SMALL)) {
            store.recover(new RecordingListener());
            storeDurably(store, StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).build());
            storeDurably(store, store(1));
        }
        Path stale = directory.resolve(MapDbTables.FILE_NAME + ".wal.1");
        Files.write(stale, new byte[4096]);
        Path empty = directory.resolve(MapDbTables.FILE_NAME + ".wal.0");
        Files.write(empty, new byte[0]);

        RecordingListener recovered = reopenAndRecover(new RecordingListener());

        assertThat(recovered.messages).containsOnlyKeys(1L);
        assertThat(stale).doesNotExist();
        assertThat(empty).doesNotExist();
    }

    private static void storeDurably(MessageStore store, StoreBatch batch) {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        store.submit(batch, done::complete);
        assertThat(done).succeedsWithin(10, TimeUnit.SECONDS).isNull();
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
