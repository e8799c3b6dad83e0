package org.tidings.broker.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreCallback;
import org.tidings.broker.store.StoreOperation;

@Timeout(30)
class GroupCommitterTest {

    private final RecordingTarget target = new RecordingTarget();
    private final GroupCommitter committer = GroupCommitter.start(target, "test-store", Duration.ZERO);

    @AfterEach
    void close() {
        target.releaseFirstCommit.countDown();
        committer.close();
    }

    @Test
    void batchesSubmittedWhileACommitRunsFormTheNextGroupAndCompleteAfterIt() throws InterruptedException {
        target.blockFirstCommit();
        CountDownLatch done = new CountDownLatch(5);
        committer.submit(batch(1), recordCompletion(1, done));
        assertThat(target.firstCommitEntered.await(10, TimeUnit.SECONDS)).isTrue();
        for (long id = 2; id <= 5; id++) {
            committer.submit(batch(id), recordCompletion(id, done));
        }

        target.releaseFirstCommit.countDown();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(target.events).containsExactly(
                "apply 1", "commit", "done 1",
                "apply 2", "apply 3", "apply 4", "apply 5", "commit", "done 2", "done 3", "done 4", "done 5");
        assertThat(committer.commits()).isEqualTo(2);
    }

    @Test
    void failedCommitRollsBackAndFailsEveryCallbackOfItsGroup() throws Exception {
        target.blockFirstCommit();
        target.failingCommits = Set.of(2);
        CountDownLatch done = new CountDownLatch(3);
        committer.submit(batch(1), recordCompletion(1, done));
        assertThat(target.firstCommitEntered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Throwable> second = new CompletableFuture<>();
        CompletableFuture<Throwable> third = new CompletableFuture<>();
        committer.submit(batch(2), recordCompletion(2, second));
        committer.submit(batch(3), recordCompletion(3, third));

        target.releaseFirstCommit.countDown();

        assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(RecordingTarget.COMMIT_FAILURE);
        assertThat(third.get(10, TimeUnit.SECONDS)).isSameAs(RecordingTarget.COMMIT_FAILURE);
        assertThat(target.events).containsSubsequence("apply 2", "apply 3", "commit", "rollback");
        assertThat(committer.commits()).isEqualTo(1);

        committer.submit(batch(4), recordCompletion(4, done));
        committer.submit(batch(5), recordCompletion(5, done));
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(target.events).containsSubsequence("rollback", "failed 2", "failed 3", "apply 4", "commit",
                "done 4");
        assertThat(target.events).contains("done 5");
    }

    @Test
    void callbackThatThrowsDoesNotStopTheNextOnes() throws Exception {
        CompletableFuture<Throwable> next = new CompletableFuture<>();

        committer.submit(batch(1), failure -> {
            throw new IllegalStateException("callback bug");
        });
        committer.submit(batch(2), next::complete);

        assertThat(next.get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void closeCommitsWhatWasSubmittedThenRefusesMoreOnTheCallersThread() throws Exception {
        AtomicInteger succeeded = new AtomicInteger();
        for (long id = 1; id <= 50; id++) {
            committer.submit(batch(id), failure -> {
                if (failure == null) {
                    succeeded.incrementAndGet();
                }
            });
        }

        committer.close();

        assertThat(succeeded).hasValue(50);
        CompletableFuture<Throwable> late = new CompletableFuture<>();
        CompletableFuture<Thread> lateThread = new CompletableFuture<>();
        committer.submit(batch(51), failure -> {
            lateThread.complete(Thread.currentThread());
            late.complete(failure);
        });
        assertThat(late.getNow(null)).isInstanceOf(IllegalStateException.class);
        assertThat(lateThread.getNow(null)).isSameAs(Thread.currentThread());
    }

    @Test
    void closeFromACallbackIsRefused() throws Exception {
        CompletableFuture<Throwable> refusal = new CompletableFuture<>();

        committer.submit(batch(1), failure -> {
            try {
                committer.close();
            } catch (IllegalStateException e) {
                refusal.complete(e);
            }
        });

        assertThat(refusal.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    }

    /** Longer than any test: a held group is taken only once it filled, or by close. */
    private static final Duration LONG_HOLD = Duration.ofMinutes(5);

    @Test
    void aBatchNobodyWaitsForRidesAlongWithTheNextOneSomebodyWaitsFor() throws Exception {
        RecordingTarget held = new RecordingTarget();
        GroupCommitter holding = GroupCommitter.start(held, "test-store-held", LONG_HOLD);
        try {
            CountDownLatch done = new CountDownLatch(1);
            holding.submit(batch(1), StoreCallback.NONE);
            holding.submit(batch(2), recordCompletion(held, 2, done));

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(held.events).containsExactly("apply 1", "apply 2", "commit", "done 2");
        } finally {
            holding.close();
        }
    }

    @Test
    void aGroupWaitsForAsManyWaitedForBatchesAsTheLastGroupHad() throws Exception {
        RecordingTarget held = new RecordingTarget();
        held.blockFirstCommit();
        GroupCommitter holding = GroupCommitter.start(held, "test-store-held", LONG_HOLD);
        try {
            CountDownLatch done = new CountDownLatch(5);
            holding.submit(batch(1), recordCompletion(held, 1, done));
            assertThat(held.firstCommitEntered.await(10, TimeUnit.SECONDS)).isTrue();
            holding.submit(batch(2), recordCompletion(held, 2, done));
            holding.submit(batch(3), recordCompletion(held, 3, done));
            held.releaseFirstCommit.countDown();
            await().atMost(10, TimeUnit.SECONDS).until(() -> holding.commits() == 2);

            holding.submit(batch(4), recordCompletion(held, 4, done));
            holding.submit(batch(5), recordCompletion(held, 5, done));

            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(held.events).containsSubsequence("apply 2", "apply 3", "commit", "done 2", "done 3",
                    "apply 4", "apply 5", "commit", "done 4", "done 5");
            assertThat(holding.commits()).isEqualTo(3);
        } finally {
            holding.close();
        }
    }

    @Test
    void aHeldGroupIsCommittedOnceTheHoldRunsOut() {
        RecordingTarget held = new RecordingTarget();
        GroupCommitter holding = GroupCommitter.start(held, "test-store-held", Duration.ofMillis(20));
        try {
            holding.submit(batch(1), StoreCallback.NONE);

            await().atMost(10, TimeUnit.SECONDS).until(() -> holding.commits() == 1);
            assertThat(held.events).containsExactly("apply 1", "commit");
        } finally {
            holding.close();
        }
    }

    @Test
    void closeCommitsAHeldGroupAtOnce() {
        RecordingTarget held = new RecordingTarget();
        GroupCommitter holding = GroupCommitter.start(held, "test-store-held", LONG_HOLD);
        holding.submit(batch(1), StoreCallback.NONE);

        holding.close();

        assertThat(holding.commits()).isEqualTo(1);
        assertThat(held.events).containsExactly("apply 1", "commit");
    }

    private StoreCallback recordCompletion(long id, CountDownLatch done) {
        return recordCompletion(target, id, done);
    }

    private static StoreCallback recordCompletion(RecordingTarget target, long id, CountDownLatch done) {
        return failure -> {
            target.events.add(failure == null ? "done " + id : "failed " + id);
            done.countDown();
        };
    }

    private StoreCallback recordCompletion(long id, CompletableFuture<Throwable> outcome) {
        return failure -> {
            target.events.add(failure == null ? "done " + id : "failed " + id);
            outcome.complete(failure);
        };
    }

    private static StoreBatch batch(long id) {
        return StoreBatch.builder().addMessage(id, new byte[] {(byte) id}).build();
    }

    /** Records calls as "apply {id}", "commit", "rollback"; can hold its first commit and fail chosen ones. */
    private static final class RecordingTarget implements GroupCommitter.Target {

        static final RuntimeException COMMIT_FAILURE = new IllegalStateException("disk on fire");

        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstCommitEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        volatile boolean holdFirstCommit;
        volatile Set<Integer> failingCommits = Set.of();
        private int commits;

        void blockFirstCommit() {
            holdFirstCommit = true;
        }

        @Override
        public void apply(StoreBatch batch) {
            events.add("apply " + ((StoreOperation.AddMessage) batch.operations().get(0)).messageId());
        }

        @Override
        public void commit() {
            events.add("commit");
            commits++;
            if (commits == 1 && holdFirstCommit) {
                firstCommitEntered.countDown();
                try {
                    releaseFirstCommit.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (failingCommits.contains(commits)) {
                throw COMMIT_FAILURE;
            }
        }

        @Override
        public void rollback() {
            events.add("rollback");
        }
    }
}
