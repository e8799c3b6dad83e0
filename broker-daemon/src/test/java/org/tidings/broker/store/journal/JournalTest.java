package org.tidings.broker.store.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreOperation;

@Timeout(30)
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

    private static StoreBatch delete(long messageId) {
        return StoreBatch.builder().deleteMessage(messageId).build();
    }

    private static List<StoreOperation> opsOf(List<StoreBatch> batches) {
        List<StoreOperation> ops = new ArrayList<>();
        batches.forEach(b -> ops.addAll(b.operations()));
        return ops;
    }

    private static void append(Journal journal, StoreBatch... batches) throws IOException {
        List<byte[]> records = new ArrayList<>();
        int total = 0;
        for (StoreBatch batch : batches) {
            byte[] record = JournalCodec.encode(batch);
            records.add(record);
            total += record.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        records.forEach(buffer::put);
        journal.append(buffer.flip());
    }

    /** Appends each batch as the store does, rolling first if due, then forces. */
    private static void appendEachThenForce(Journal journal, StoreBatch... batches) throws IOException {
        for (StoreBatch batch : batches) {
            journal.rollIfDue();
            append(journal, batch);
        }
        journal.force();
    }

    private List<StoreBatch> replayAll() {
        List<StoreBatch> replayed = new ArrayList<>();
        JournalReplayer.replay(directory, JournalPosition.START, (batch, end) -> replayed.add(batch));
        return replayed;
    }

    private Path segment(long number) {
        return Journal.file(directory, number);
    }

    @Test
    void everyOperationRoundTripsThroughTheJournal() throws IOException {
        StoreBatch batch = everyOperation();
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            append(journal, batch);
            journal.force();
        }
        List<StoreBatch> replayed = replayAll();

        assertThat(replayed).hasSize(1);
        List<StoreOperation> ops = replayed.get(0).operations();
        assertThat(ops).hasSize(batch.operations().size());
        assertThat(((StoreOperation.AddMessage) ops.get(2)).encoded()).containsExactly(1, 2, 3);
        assertThat(ops.subList(3, ops.size())).isEqualTo(batch.operations().subList(3, ops.size()));
        assertThat(ops.get(0)).isEqualTo(batch.operations().get(0));
    }

    @Test
    void bodiesAreFoundAndReadInPlaceWhereTheEncoderPutThem() throws IOException {
        byte[] large = new byte[3 << 20];
        Arrays.fill(large, (byte) 7);
        StoreBatch first = StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).addMessage(1, new byte[] {1, 2})
                .addReference(1, 1).build();
        StoreBatch second = StoreBatch.builder().add(new StoreOperation.RewriteMessage(1, new byte[] {1, 2}))
                .addMessage(2, large).build();
        List<Long> placed = new ArrayList<>();
        try (Journal journal = Journal.open(directory, 1 << 30)) {
            append(journal, delete(9));
            JournalPosition start = journal.position();
            ByteBuffer buffer = ByteBuffer.allocate(JournalCodec.recordSize(first) + JournalCodec.recordSize(second));
            JournalCodec.BodyPlacement placement = (op, index) ->
                    placed.add(JournalBodies.position(start.segment(), start.offset() + index));
            JournalCodec.encode(first, buffer, placement);
            JournalCodec.encode(second, buffer, placement);
            journal.append(buffer.flip());
            journal.force();
        }

        List<Long> scanned = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        new JournalScanner(directory).scan(JournalPosition.START, (segment, payload, payloadOffset, end) ->
                JournalCodec.forEachBody(payload, payloadOffset, (id, rewrite, lengthOffset, body) -> {
                    scanned.add(JournalBodies.position(segment, lengthOffset));
                    seen.add(id + (rewrite ? " rewritten, " : " added, ") + body.remaining() + " bytes");
                }));

        assertThat(scanned).isEqualTo(placed);
        assertThat(seen).containsExactly("1 added, 2 bytes", "1 rewritten, 2 bytes", "2 added, " + large.length
                + " bytes");
        try (JournalBodies bodies = new JournalBodies(directory)) {
            assertThat(bodies.read(placed.get(0))).containsExactly(1, 2);
            assertThat(bodies.read(placed.get(1))).containsExactly(1, 2);
            assertThat(bodies.read(placed.get(2))).isEqualTo(large);
        }
    }

    @Test
    void replayStartsAtTheCheckpointAndStopsAtATornRecord() throws IOException {
        JournalPosition afterFirst;
        JournalPosition afterThird;
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            append(journal, delete(1));
            afterFirst = journal.position();
            append(journal, delete(2), delete(3));
            afterThird = journal.position();
            journal.force();
        }
        try (FileChannel file = FileChannel.open(segment(1), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 100, 1, 2}), file.size());
        }
        List<StoreBatch> replayed = new ArrayList<>();
        List<JournalPosition> ends = new ArrayList<>();
        JournalPosition end = JournalReplayer.replay(directory, afterFirst, (batch, at) -> {
            replayed.add(batch);
            ends.add(at);
        });

        assertThat(opsOf(replayed)).containsExactly(new StoreOperation.DeleteMessage(2),
                new StoreOperation.DeleteMessage(3));
        assertThat(end).isEqualTo(afterThird);
        assertThat(ends).last().isEqualTo(afterThird);
    }

    @Test
    void aRecordWithABadChecksumEndsItsSegment() throws IOException {
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            append(journal, delete(1), delete(2));
            journal.force();
        }
        try (FileChannel file = FileChannel.open(segment(1), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF}), file.size() - 1);
        }

        assertThat(opsOf(replayAll())).containsExactly(new StoreOperation.DeleteMessage(1));
    }

    @Test
    void aRecordCutShortInItsHeaderIsIgnored() throws IOException {
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            append(journal, delete(1), delete(2));
            journal.force();
        }
        try (FileChannel file = FileChannel.open(segment(1), StandardOpenOption.WRITE)) {
            file.truncate(JournalCodec.encode(delete(1)).length + 3);
        }

        assertThat(opsOf(replayAll())).containsExactly(new StoreOperation.DeleteMessage(1));
    }

    @Test
    void replayGoesOnInTheSegmentsWrittenAfterATornOne() throws IOException {
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            append(journal, delete(1));
            journal.force();
        }
        try (FileChannel file = FileChannel.open(segment(1), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 9, 9, 9}), file.size());
        }
        try (Journal restarted = Journal.open(directory, 1 << 20)) {
            append(restarted, delete(2));
            restarted.force();
        }

        assertThat(opsOf(replayAll())).containsExactly(new StoreOperation.DeleteMessage(1),
                new StoreOperation.DeleteMessage(2));
    }

    @Test
    void aDiscardedGroupIsCutOffAndWritingGoesOnInANewSegment() throws IOException {
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            append(journal, delete(1));
            journal.force();
            JournalPosition failedGroup = journal.position();
            append(journal, delete(2));

            journal.discardFrom(failedGroup);
            append(journal, delete(3));
            journal.force();

            assertThat(journal.position().segment()).isEqualTo(2);
        }

        assertThat(opsOf(replayAll())).containsExactly(new StoreOperation.DeleteMessage(1),
                new StoreOperation.DeleteMessage(3));
    }

    @Test
    void aRecordWithAValidChecksumThatDoesNotDecodeIsAnError() throws IOException {
        byte[] payload = {0, 0, 0, 1, 99};
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer record = ByteBuffer.allocate(JournalCodec.HEADER + payload.length)
                .putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            journal.append(record);
            journal.force();
        }

        assertThatIllegalStateException().isThrownBy(this::replayAll);
    }

    @Test
    void segmentsRollAndCoveredOnesAreDeletedUnlessPinned() throws IOException {
        try (Journal journal = Journal.open(directory, 64)) {
            for (int i = 0; i < 5; i++) {
                journal.rollIfDue();
                append(journal, StoreBatch.builder().addMessage(i, new byte[80]).build());
            }
            journal.force();
            assertThat(Journal.segments(directory)).hasSize(5);
            JournalPosition now = journal.position();
            long pinned = now.segment() - 2;
            assertThat(journal.deleteSegmentsBefore(now, segment -> segment == pinned)).hasSize(3);
            assertThat(Journal.segments(directory)).containsExactly(pinned, now.segment());
        }

        assertThat(opsOf(replayAll())).hasSize(2);
    }

    @Test
    void aSegmentIsWrittenIntoZerosAndAScanStopsWhereTheyBegin() throws IOException {
        try (Journal journal = Journal.open(directory, 1 << 20)) {
            append(journal, delete(1), delete(2));
            journal.force();

            assertThat(Files.size(segment(1))).isEqualTo(1 << 20);
            assertThat(opsOf(replayAll())).containsExactly(new StoreOperation.DeleteMessage(1),
                    new StoreOperation.DeleteMessage(2));
        }

        assertThat(Files.size(segment(1))).isEqualTo(2L * JournalCodec.encode(delete(1)).length);
    }

    @Test
    void theNextSegmentIsTheSparePreparedWhileTheCurrentOneFilled() throws IOException {
        int segmentSize = 1 << 20;
        StoreBatch large = StoreBatch.builder().addMessage(1, new byte[segmentSize / 2 + 1]).build();
        try (Journal journal = Journal.open(directory, segmentSize, Long.MAX_VALUE)) {
            journal.rollIfDue();
            append(journal, large);
            journal.rollIfDue();
            await().until(() -> Files.exists(spare()));

            append(journal, large);
            journal.rollIfDue();
            append(journal, delete(2));
            journal.force();

            assertThat(journal.position().segment()).isEqualTo(2);
            assertThat(Files.exists(spare())).isFalse();
            assertThat(Files.size(segment(2))).isEqualTo(segmentSize);
        }
        assertThat(opsOf(replayAll())).hasSize(3);
    }

    @Test
    void aNewJournalsFirstSegmentEndsWhereItsZerosDoAndOneBegunBeforeASpareIsReadyGrows() throws IOException {
        long segmentSize = 4 * Journal.FIRST_PREPARED_BYTES;
        StoreBatch large = StoreBatch.builder().addMessage(1, new byte[(int) Journal.FIRST_PREPARED_BYTES]).build();
        try (Journal journal = Journal.open(directory, segmentSize)) {
            assertThat(Files.size(segment(1))).isEqualTo(Journal.FIRST_PREPARED_BYTES);
            appendEachThenForce(journal, large, large, delete(2));

            assertThat(journal.position().segment()).isEqualTo(2);
            assertThat(Files.size(segment(2))).isEqualTo(journal.position().offset());
        }
        assertThat(opsOf(replayAll())).hasSize(3);
    }

    @Test
    void noSpareIsPreparedWhileTheJournalIsWrittenFast() throws IOException {
        int segmentSize = 1 << 20;
        StoreBatch large = StoreBatch.builder().addMessage(1, new byte[segmentSize / 2 + 1]).build();
        try (Journal journal = Journal.open(directory, segmentSize, 1)) {
            appendEachThenForce(journal, large, large, delete(2));

            assertThat(journal.position().segment()).isEqualTo(2);
            assertThat(Files.size(segment(2))).isEqualTo(journal.position().offset());
        }
        assertThat(Files.exists(spare())).isFalse();
    }

    @Test
    void aSpareLeftByTheLastRunBecomesTheFirstSegmentAndAHalfFilledOneIsDeleted() throws IOException {
        int segmentSize = 1 << 20;
        try (Journal journal = Journal.open(directory, segmentSize, Long.MAX_VALUE)) {
            append(journal, StoreBatch.builder().addMessage(1, new byte[segmentSize / 2 + 1]).build());
            journal.rollIfDue();
            await().until(() -> Files.exists(spare()));
        }
        Files.write(directory.resolve("spare.tmp"), new byte[10]);

        try (Journal restarted = Journal.open(directory, segmentSize)) {
            assertThat(restarted.position().segment()).isEqualTo(2);
            assertThat(Files.exists(spare())).isFalse();
            assertThat(Files.exists(directory.resolve("spare.tmp"))).isFalse();
            append(restarted, delete(2));
            restarted.force();
        }
        assertThat(opsOf(replayAll())).hasSize(2);
    }

    private Path spare() {
        return directory.resolve("spare.zero");
    }
}
