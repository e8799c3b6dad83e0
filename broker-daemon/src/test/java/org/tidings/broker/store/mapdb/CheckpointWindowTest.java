package org.tidings.broker.store.mapdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.RecordingListener;
import org.tidings.broker.store.journal.JournalPosition;

import java.nio.file.Path;

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
}
