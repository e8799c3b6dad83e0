package org.tidings.broker.store.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreOperation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTest {

    @TempDir
    Path directory;

    private static StoreBatch everyOperation() {
        return StoreBatch.builder()
                .addQueue(new QueueRecord(3, QueueRecord.Kind.DURABLE_SUBSCRIPTION, "prices", "client", "sub",
                        "price > 3", true))
                .addQueue(QueueRecord.queue(4, "orders"))
                .addMessage(10, new byte[] {1, 2, 3})
                .addReference(4, 10)
                .updateDeliveryCount(4, 10, 2)
                .removeReference(4, 10)
                .deleteMessage(10)
                .deleteQueue(3)
                .build();
    }

    private static List<StoreOperation> opsOf(List<StoreBatch> batches) {
        List<StoreOperation> ops = new ArrayList<>();
        batches.forEach(b -> ops.addAll(b.operations()));
        return ops;
    }

    private static void append(Journal journal, byte[]... records) throws IOException {
        int total = 0;
        for (byte[] record : records) {
            total += record.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (byte[] record : records) {
            buffer.put(record);
        }
        journal.append(buffer.flip());
    }

    @Test
    void everyOperationRoundTripsThroughTheJournal() throws IOException {
        StoreBatch batch = everyOperation();
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            append(journal, JournalCodec.encode(batch));
            journal.force();
        }
        List<StoreBatch> replayed = new ArrayList<>();
        Journal.replay(directory, JournalPosition.START, replayed::add);

        assertThat(replayed).hasSize(1);
        List<StoreOperation> ops = replayed.get(0).operations();
        assertThat(ops).hasSize(batch.operations().size());
        assertThat(((StoreOperation.AddMessage) ops.get(2)).encoded()).containsExactly(1, 2, 3);
        assertThat(ops.subList(3, ops.size())).isEqualTo(batch.operations().subList(3, ops.size()));
        assertThat(ops.get(0)).isEqualTo(batch.operations().get(0));
    }

    @Test
    void replayStartsAtTheCheckpointAndStopsAtATornRecord() throws IOException {
        JournalPosition afterFirst;
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            append(journal, JournalCodec.encode(StoreBatch.builder().deleteMessage(1).build()));
            afterFirst = journal.position();
            append(journal, JournalCodec.encode(StoreBatch.builder().deleteMessage(2).build()),
                    JournalCodec.encode(StoreBatch.builder().deleteMessage(3).build()));
            journal.force();
        }
        Path segment = directory.resolve("journal-0000000000000001.log");
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            long size = file.size();
            file.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 100, 1, 2}), size);
        }
        List<StoreBatch> replayed = new ArrayList<>();
        JournalPosition end = Journal.replay(directory, afterFirst, replayed::add);

        assertThat(opsOf(replayed)).containsExactly(new StoreOperation.DeleteMessage(2),
                new StoreOperation.DeleteMessage(3));
        assertThat(end.segment()).isEqualTo(1);
    }

    @Test
    void aCorruptRecordIsNotApplied() throws IOException {
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            append(journal, JournalCodec.encode(StoreBatch.builder().deleteMessage(1).build()));
            journal.force();
        }
        Path segment = directory.resolve("journal-0000000000000001.log");
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), file.size() - 1);
        }
        List<StoreBatch> replayed = new ArrayList<>();
        Journal.replay(directory, JournalPosition.START, replayed::add);
        assertThat(replayed).isEmpty();
    }

    @Test
    void segmentsRollAndCoveredOnesAreDeleted() throws IOException {
        try (Journal journal = Journal.open(directory, 64)) {
            for (int i = 0; i < 5; i++) {
                append(journal, JournalCodec.encode(StoreBatch.builder().addMessage(i, new byte[80]).build()));
            }
            journal.force();
            assertThat(Journal.segments(directory)).hasSize(5);
            JournalPosition now = journal.position();
            journal.deleteSegmentsBefore(now);
            assertThat(Journal.segments(directory)).containsExactly(now.segment());
        }
        List<StoreBatch> replayed = new ArrayList<>();
        Journal.replay(directory, JournalPosition.START, replayed::add);
        assertThat(opsOf(replayed)).hasSize(1);
    }
}
