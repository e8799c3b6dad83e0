package org.tidings.broker.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link MessageStore} must do; one subclass per implementation. */
@Timeout(60)
public abstract class MessageStoreContractTest {

    private static final List<String> RECOVERY_PHASES = List.of("queue", "message", "reference");

    protected MessageStore store;

    /** Opens an empty store. */
    protected abstract MessageStore open();

    /** Returns the store a restart of the broker would open over the data of {@code store}, which it may close. */
    protected abstract MessageStore restart(MessageStore store);

    @BeforeEach
    void openStore() {
        store = open();
        store.recover(new RecordingListener());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void emptyStoreRecoversNothing() {
        Recovered recovered = restartAndRecover();

        assertThat(recovered.listener().calls).isEmpty();
        assertThat(recovered.result()).isEqualTo(new RecoveryResult(0, 0));
    }

    @Test
    void recoversQueuesThenMessagesThenEachQueuesReferencesInMessageIdOrder() {
        QueueRecord orders = QueueRecord.queue(2, "orders");
        QueueRecord subscription = new QueueRecord(1, QueueRecord.Kind.DURABLE_SUBSCRIPTION, "prices", "client-1",
                "sub-1", "region = 'EU'", true);
        QueueRecord shared = new QueueRecord(3, QueueRecord.Kind.DURABLE_SUBSCRIPTION, "prices", null, "shared",
                null, false);
        storeDurably(StoreBatch.builder().addQueue(orders).addQueue(subscription).addQueue(shared)
                .addMessage(30, bytes("thirty")).addMessage(10, bytes("ten"))
                .addReference(2, 30).addReference(1, 10).addReference(2, 10)
                .build());
        storeDurably(StoreBatch.builder().addMessage(20, bytes("twenty"))
                .addReference(2, 20).addReference(1, 20).addReference(3, 30)
                .build());

        Recovered recovered = restartAndRecover();
        RecordingListener listener = recovered.listener();

        assertThat(listener.calls).isSortedAccordingTo(Comparator.comparingInt(RECOVERY_PHASES::indexOf));
        assertThat(listener.queues).containsExactlyInAnyOrder(orders, subscription, shared);
        assertThat(listener.messages).containsOnlyKeys(10L, 20L, 30L);
        assertThat(listener.messages.get(20L)).isEqualTo(bytes("twenty"));
        assertThat(listener.messageIdsOf(1)).containsExactly(10L, 20L);
        assertThat(listener.messageIdsOf(2)).containsExactly(10L, 20L, 30L);
        assertThat(listener.messageIdsOf(3)).containsExactly(30L);
        assertThat(listener.references).extracting(RecordingListener.Reference::deliveryCount).containsOnly(0);
        assertThat(recovered.result()).isEqualTo(new RecoveryResult(3, 30));
    }

    @Test
    void removedReferenceAndDeletedMessageAreGone() {
        storeDurably(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q"))
                .addMessage(1, bytes("one")).addReference(1, 1)
                .addMessage(2, bytes("two")).addReference(1, 2)
                .build());
        storeDurably(StoreBatch.builder().removeReference(1, 1).deleteMessage(1).build());

        RecordingListener listener = restartAndRecover().listener();

        assertThat(listener.messages).containsOnlyKeys(2L);
        assertThat(listener.references).containsExactly(new RecordingListener.Reference(1, 2, 0));
    }

    @Test
    void aMessageThatNoQueueReferencesIsNotRecovered() {
        storeDurably(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q"))
                .addMessage(1, bytes("queued")).addReference(1, 1)
                .addMessage(2, bytes("never queued"))
                .addMessage(3, bytes("dequeued")).addReference(1, 3)
                .build());
        storeDurably(StoreBatch.builder().removeReference(1, 3).build());

        Recovered recovered = restartAndRecover();

        assertThat(recovered.listener().messages).containsOnlyKeys(1L);
        assertThat(recovered.result().maxMessageId()).isEqualTo(3);
    }

    @Test
    void deliveryCountSurvivesRestartAndIsNotRecordedForAnAbsentReference() {
        storeDurably(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q"))
                .addMessage(1, bytes("one")).addReference(1, 1)
                .build());
        storeDurably(StoreBatch.builder().updateDeliveryCount(1, 1, 1).build());
        storeDurably(StoreBatch.builder().updateDeliveryCount(1, 1, 3).updateDeliveryCount(1, 2, 5).build());

        RecordingListener listener = restartAndRecover().listener();

        assertThat(listener.references).containsExactly(new RecordingListener.Reference(1, 1, 3));
    }

    @Test
    void aDuplicateIdSlotKeepsItsLatestIdAcrossARestart() {
        storeDurably(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).addMessage(1, bytes("one"))
                .addReference(1, 1).putDuplicateId("queue:q", 0, 0, "order-1").build());
        storeDurably(StoreBatch.builder().putDuplicateId("queue:q", 1, 1, "order-2").build());
        storeDurably(StoreBatch.builder().putDuplicateId("queue:q", 0, 2, "order-3")
                .putDuplicateId("topic:q", 0, 0, "order-1").build());

        RecordingListener listener = restartAndRecover().listener();

        assertThat(listener.duplicateIds).containsExactlyInAnyOrder(
                new RecordingListener.DuplicateId("queue:q", 2, "order-3"),
                new RecordingListener.DuplicateId("queue:q", 1, "order-2"),
                new RecordingListener.DuplicateId("topic:q", 0, "order-1"));
        assertThat(listener.calls.get(listener.calls.size() - 1)).isEqualTo("duplicateId");
    }

    @Test
    void deletedQueueLosesItsReferencesButNotItsNeighboursOrTheMessages() {
        StoreBatch.Builder setup = StoreBatch.builder();
        for (long queueId = 1; queueId <= 3; queueId++) {
            setup.addQueue(QueueRecord.queue(queueId, "q" + queueId));
        }
        for (long messageId = 1; messageId <= 3; messageId++) {
            setup.addMessage(messageId, bytes("m" + messageId));
            for (long queueId = 1; queueId <= 3; queueId++) {
                setup.addReference(queueId, messageId);
            }
        }
        storeDurably(setup.build());
        storeDurably(StoreBatch.builder().deleteQueue(2).build());

        RecordingListener listener = restartAndRecover().listener();

        assertThat(listener.queues).extracting(QueueRecord::id).containsExactlyInAnyOrder(1L, 3L);
        assertThat(listener.messageIdsOf(2)).isEmpty();
        assertThat(listener.messageIdsOf(1)).containsExactly(1L, 2L, 3L);
        assertThat(listener.messageIdsOf(3)).containsExactly(1L, 2L, 3L);
        assertThat(listener.messages).containsOnlyKeys(1L, 2L, 3L);
    }

    @Test
    void highestIdsSurviveTheDeletionOfTheirQueueAndMessage() {
        storeDurably(StoreBatch.builder().addQueue(QueueRecord.queue(5, "q")).addMessage(9, bytes("nine")).build());
        storeDurably(StoreBatch.builder().deleteMessage(9).deleteQueue(5).build());

        Recovered recovered = restartAndRecover();

        assertThat(recovered.listener().calls).isEmpty();
        assertThat(recovered.result()).isEqualTo(new RecoveryResult(5, 9));
    }

    @Test
    void callbacksRunInSubmissionOrder() throws InterruptedException {
        int batches = 1_000;
        List<Integer> completed = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(batches);
        for (int i = 0; i < batches; i++) {
            int index = i;
            store.submit(StoreBatch.builder().addMessage(i + 1, bytes("m" + i)).build(), failure -> {
                if (failure != null) {
                    failures.add(failure);
                }
                completed.add(index);
                done.countDown();
            });
        }

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(completed).isSorted().hasSize(batches);
    }

    @Test
    void concurrentSubmittersAllCompleteInTheirOwnOrderAndEverythingRecovers() throws InterruptedException {
        int threads = 8;
        int batchesPerThread = 2_000;
        storeDurably(StoreBatch.builder().addQueue(QueueRecord.queue(1, "q")).build());

        submitConcurrently(threads, batchesPerThread);

        RecordingListener listener = restartAndRecover().listener();
        long total = (long) threads * batchesPerThread;
        assertThat(listener.messages).hasSize((int) total);
        assertThat(listener.messages.get(total)).isEqualTo(bytes("m" + total));
        assertThat(listener.messageIdsOf(1)).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed()
                .toList());
    }

    @Test
    void closeFinishesTheBatchesAlreadySubmitted() throws InterruptedException {
        int batches = 200;
        CountDownLatch done = new CountDownLatch(batches);
        for (int i = 1; i <= batches; i++) {
            store.submit(StoreBatch.builder().addMessage(i, bytes("m" + i)).addReference(1, i).build(), failure -> {
                if (failure == null) {
                    done.countDown();
                }
            });
        }

        store.close();

        assertThat(done.getCount()).isZero();
        assertThat(restartAndRecover().listener().messages).hasSize(batches);
    }

    @Test
    void submitAfterCloseFailsTheCallback() throws Exception {
        store.close();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();

        store.submit(StoreBatch.builder().addMessage(1, bytes("late")).build(), outcome::complete);

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void batchWithoutMessageBytesIsRejectedAtSubmit() {
        StoreBatch incomplete = StoreBatch.builder().addMessage(1, bytes("ok")).addMessage(2, null).build();

        assertThatNullPointerException().isThrownBy(() -> store.submit(incomplete, StoreCallback.NONE));

        assertThat(restartAndRecover().listener().messages).isEmpty();
    }

    /**
     * Submits {@code batchesPerThread} batches from each of {@code threads} threads at once, each adding message
     * {@code n} and its reference on queue 1 ({@code n} from 1 to {@code threads * batchesPerThread}), without
     * waiting between them; returns when every callback ran and checks each thread saw its callbacks in order.
     */
    protected void submitConcurrently(int threads, int batchesPerThread) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads * batchesPerThread);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<List<Long>> completedPerThread = new ArrayList<>();
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Long> completed = Collections.synchronizedList(new ArrayList<>());
            completedPerThread.add(completed);
            long firstId = (long) t * batchesPerThread + 1;
            Thread submitter = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (long id = firstId; id < firstId + batchesPerThread; id++) {
                    long messageId = id;
                    store.submit(StoreBatch.builder().addMessage(id, bytes("m" + id)).addReference(1, id).build(),
                            failure -> {
                                if (failure != null) {
                                    failures.add(failure);
                                }
                                completed.add(messageId);
                                done.countDown();
                            });
                }
            }, "submitter-" + t);
            submitter.start();
            submitters.add(submitter);
        }
        start.countDown();
        for (Thread submitter : submitters) {
            submitter.join();
        }

        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(completedPerThread).allSatisfy(completed -> assertThat(completed).isSorted()
                .hasSize(batchesPerThread));
    }

    /** Submits {@code batch} and waits until it is durable. */
    protected void storeDurably(StoreBatch batch) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        store.submit(batch, failure -> {
            if (failure == null) {
                durable.complete(null);
            } else {
                durable.completeExceptionally(failure);
            }
        });
        assertThat(durable).succeedsWithin(10, TimeUnit.SECONDS);
    }

    /** Restarts the store and replays it. */
    protected Recovered restartAndRecover() {
        store = restart(store);
        RecordingListener listener = new RecordingListener();
        RecoveryResult result = store.recover(listener);
        return new Recovered(listener, result);
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** What a recovery replayed and returned. */
    protected record Recovered(RecordingListener listener, RecoveryResult result) { }
}
