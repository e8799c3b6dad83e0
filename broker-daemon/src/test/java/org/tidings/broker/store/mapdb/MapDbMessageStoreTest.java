package org.tidings.broker.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tidings.broker.store.MessageStore;
import org.tidings.broker.store.MessageStoreContractTest;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.RecordingListener;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreCallback;
import org.tidings.broker.store.journal.Journal;
import org.tidings.broker.store.memory.InMemoryMessageStore;

@Timeout(60)
class MapDbMessageStoreTest extends MessageStoreContractTest {

    /** Segments of about three 1 KiB bodies and checkpoints every 10 ms, so segments come and go quickly. */
    private static final CheckpointPolicy SMALL_SEGMENTS = new CheckpointPolicy(3 * 1024, 50, 10, 1 << 20, 1 << 20,
            100);

    @TempDir
    Path directory;

    private long nextPassingId = 1_000;

    @Override
    protected MessageStore open() {
        return new MapDbMessageStore(directory);
    }

    /** Closes {@code store} and opens a new one on the same directory, as a broker restart does. */
    @Override
    protected MessageStore restart(MessageStore store) {
        store.close();
        return new MapDbMessageStore(directory);
    }

    @Test
    void reopenedStoreFindsWhatTheInMemoryStoreHolds() {
        InMemoryMessageStore expected = new InMemoryMessageStore();
        for (long queueId = 1; queueId <= 4; queueId++) {
            submitToBoth(expected, StoreBatch.builder().addQueue(QueueRecord.queue(queueId, "q" + queueId)).build());
        }
        for (long messageId = 1; messageId <= 500; messageId++) {
            StoreBatch.Builder batch = StoreBatch.builder().addMessage(messageId, bytes("message " + messageId));
            for (long queueId = 1; queueId <= messageId % 4 + 1; queueId++) {
                batch.addReference(queueId, messageId);
            }
            submitToBoth(expected, batch.build());
            if (messageId % 3 == 0) {
                submitToBoth(expected, StoreBatch.builder().updateDeliveryCount(1, messageId, 2).build());
            }
            if (messageId % 5 == 0) {
                submitToBoth(expected, StoreBatch.builder().removeReference(1, messageId).build());
            }
        }
        submitToBoth(expected, StoreBatch.builder().deleteQueue(3).build());
        store.close();

        store = new MapDbMessageStore(directory);
        RecordingListener actual = new RecordingListener();
        RecordingListener wanted = new RecordingListener();

        assertThat(store.recover(actual)).isEqualTo(expected.recover(wanted));
        actual.assertSameStateAs(wanted);
    }

    @Test
    void aBodyIsReadBackFromTheJournalBeforeAndAfterARestart() {
        storeDurably(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q"))
                .addMessage(1, bytes("kept in the journal")).addReference(1, 1).build());
        assertThat(store.read(1)).isEqualTo(bytes("kept in the journal"));

        restartAndRecover();

        assertThat(store.read(1)).isEqualTo(bytes("kept in the journal"));
        assertThat(store.read(2)).isNull();
    }

    @Test
    void aSegmentStaysWhileBodiesInItAreQueuedAndGoesOnceTheirMessagesAreDeleted() {
        store = restart(store, SMALL_SEGMENTS);
        StoreBatch.Builder queued = StoreBatch.builder().addQueue(QueueRecord.queue(1, "q"));
        for (long id = 1; id <= 3; id++) {
            queued.addMessage(id, body(id)).addReference(1, id);
        }
        storeDurably(queued.build());
        long first = segments().get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            passThrough(3);
            return segments().size() <= 3 && segments().get(1) > first + 3;
        });
        assertThat(segments()).startsWith(first);

        storeDurably(StoreBatch.builder().removeReference(1, 1).deleteMessage(1).removeReference(1, 2)
                .deleteMessage(2).removeReference(1, 3).deleteMessage(3).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            passThrough(1);
            return !segments().contains(first);
        });
    }

    @Test
    void aSparseSegmentThatStoppedChangingIsCompactedAwayAndItsBodiesSurvive() {
        store = restart(store, SMALL_SEGMENTS);
        storeDurably(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).build());
        for (long id = 1; id <= 40; id++) {
            storeDurably(StoreBatch.builder().addMessage(id, body(id)).addReference(1, id).build());
        }
        List<Long> written = segments();
        passThrough(6);
        for (long id = 1; id <= 40; id++) {
            if (id % 10 != 0) {
                storeDurably(StoreBatch.builder().removeReference(1, id).deleteMessage(id).build());
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            passThrough(1);
            return segments().stream().noneMatch(written::contains);
        });
        RecordingListener recovered = restartAndRecover().listener();

        assertThat(recovered.messageIdsOf(1)).containsExactly(10L, 20L, 30L, 40L);
        assertThat(recovered.messages).allSatisfy((id, encoded) -> assertThat(encoded).isEqualTo(body(id)));
    }

    @Test
    void concurrentSubmittersShareCommits() throws InterruptedException {
        storeDurably(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).build());
        MapDbMessageStore mapDb = (MapDbMessageStore) store;
        long commitsBefore = mapDb.commits();
        int batches = 8 * 2_000;

        submitConcurrently(8, 2_000);

        assertThat(mapDb.commits() - commitsBefore).isPositive().isLessThan(batches / 10);
    }

    @Test
    void callbacksRunOnTheStoreThread() throws Exception {
        CompletableFuture<String> callbackThread = new CompletableFuture<>();

        store.submit(StoreBatch.builder().addMessage(1, bytes("one")).build(),
                failure -> callbackThread.complete(Thread.currentThread().getName()));

        assertThat(callbackThread.get(10, TimeUnit.SECONDS)).isEqualTo(MapDbMessageStore.THREAD_NAME);
    }

    @Test
    void secondStoreOnTheSameDirectoryIsRefused() {
        assertThatThrownBy(() -> new MapDbMessageStore(directory).close()).hasMessageContaining("locked");
    }

    /** Closes {@code store}, opens a new one with {@code policy} and recovers it, as the broker does. */
    private MessageStore restart(MessageStore store, CheckpointPolicy policy) {
        store.close();
        MessageStore reopened = new MapDbMessageStore(directory, policy);
        reopened.recover(new RecordingListener());
        return reopened;
    }

    /** Adds {@code count} messages (ids from 1,000 up), each consumed right away. */
    private void passThrough(int count) {
        for (int i = 0; i < count; i++) {
            long id = nextPassingId++;
            storeDurably(StoreBatch.builder().addMessage(id, body(id)).addReference(1, id).build());
            storeDurably(StoreBatch.builder().removeReference(1, id).deleteMessage(id).build());
        }
    }

    /** The journal segments present, ascending. */
    private List<Long> segments() {
        return Journal.segments(directory.resolve("journal"));
    }

    private static byte[] body(long messageId) {
        byte[] body = new byte[1024];
        Arrays.fill(body, (byte) messageId);
        return body;
    }

    private void submitToBoth(MessageStore expected, StoreBatch batch) {
        expected.submit(batch, StoreCallback.NONE);
        store.submit(batch, StoreCallback.NONE);
    }
}
