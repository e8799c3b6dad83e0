package org.tidings.broker.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
import org.tidings.broker.store.memory.InMemoryMessageStore;

@Timeout(60)
class MapDbMessageStoreTest extends MessageStoreContractTest {

    @TempDir
    Path directory;

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

    private void submitToBoth(MessageStore expected, StoreBatch batch) {
        expected.submit(batch, StoreCallback.NONE);
        store.submit(batch, StoreCallback.NONE);
    }
}
