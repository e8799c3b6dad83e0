package org.tidings.broker.store.mapdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.RecordingListener;
import org.tidings.broker.store.journal.JournalPosition;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the net effect of a window reaches MapDB, and it is the same state the operations describe. */
class CheckpointWindowTest {

    @TempDir
    Path directory;

    @Test
    void whatIsAddedAndRemovedWithinAWindowNeverReachesTheTables() {
        try (MapDbTables tables = MapDbTables.open(directory)) {
            CheckpointWindow window = new CheckpointWindow(tables, 2);
            window.merge(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).build());
            window.merge(StoreBatch.builder().addMessage(10, new byte[] {1}).addReference(1, 10).build());
            window.merge(StoreBatch.builder().addMessage(11, new byte[] {2}).addReference(1, 11).build());
            window.merge(StoreBatch.builder().updateDeliveryCount(1, 11, 3).build());
            window.merge(StoreBatch.builder().removeReference(1, 10).deleteMessage(10).build());
            assertThat(window.operations()).isEqualTo(8);
            window.flush();
            tables.commitAt(new JournalPosition(1, 100));

            RecordingListener recovered = new RecordingListener();
            tables.loadReferences().replay(recovered);
            assertThat(recovered.references).containsExactly(new RecordingListener.Reference(1, 11, 3));
            assertThat(tables.highestIds().maxMessageId()).isEqualTo(11);
            assertThat(tables.checkpoint()).isEqualTo(new JournalPosition(1, 100));
        }
    }

    @Test
    void removalsOfWhatAnEarlierWindowStoredReachTheTables() {
        try (MapDbTables tables = MapDbTables.open(directory)) {
            CheckpointWindow window = new CheckpointWindow(tables, 2);
            window.merge(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).addMessage(10, new byte[] {1})
                    .addReference(1, 10).build());
            window.flush();
            window.merge(StoreBatch.builder().updateDeliveryCount(1, 10, 2).removeReference(1, 10)
                    .deleteMessage(10).addMessage(12, new byte[] {3}).removeReference(1, 12).deleteMessage(12)
                    .build());
            window.flush();
            tables.commit();

            RecordingListener recovered = new RecordingListener();
            tables.loadReferences().replay(recovered);
            assertThat(recovered.references).isEmpty();
            assertThat(tables.highestIds().maxMessageId()).isEqualTo(12);
        }
    }

    @Test
    void windowsOverManyPagesAndQueuesLeaveTheStateTheOperationsDescribe() {
        Random random = new Random(11);
        Set<List<Long>> everAdded = new HashSet<>();
        Map<List<Long>, Integer> expected = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? Long.compare(a.get(1), b.get(1)) : Long.compare(a.get(0), b.get(0)));
        try (MapDbTables tables = MapDbTables.open(directory)) {
            CheckpointWindow window = new CheckpointWindow(tables, 500);
            window.merge(StoreBatch.builder().addQueue(QueueRecord.queue(1, "a")).addQueue(QueueRecord.queue(2, "b"))
                    .addQueue(QueueRecord.queue(3, "c")).build());
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 3_000; i++) {
                    long queueId = 1 + random.nextInt(3);
                    long messageId = 1 + random.nextInt(5 * ReferencePage.SIZE);
                    List<Long> key = List.of(queueId, messageId);
                    StoreBatch.Builder batch = StoreBatch.builder();
                    switch (random.nextInt(3)) {
                        // a queue references a message once: ids are never reused
                        case 0 -> {
                            if (!everAdded.add(key)) {
                                continue;
                            }
                            batch.addReference(queueId, messageId);
                            expected.put(key, 0);
                        }
                        case 1 -> {
                            int count = 1 + random.nextInt(4);
                            batch.updateDeliveryCount(queueId, messageId, count);
                            expected.computeIfPresent(key, (k, v) -> count);
                        }
                        default -> {
                            batch.removeReference(queueId, messageId);
                            expected.remove(key);
                        }
                    }
                    window.merge(batch.build());
                }
                window.flush();
                tables.commit();
            }

            RecordingListener recovered = new RecordingListener();
            tables.loadReferences().replay(recovered);
            assertThat(recovered.references).containsExactlyElementsOf(expected.entrySet().stream()
                    .map(e -> new RecordingListener.Reference(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                    .toList());
        }
    }
}
