package org.tidings.broker.addressing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tidings.broker.config.DestinationPolicies;
import org.tidings.broker.store.StoreBatch;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.message.DestinationRef;
import org.tidings.protocol.message.MessageCodec;
import org.tidings.protocol.message.MessageHeaders;
import org.tidings.broker.testing.TestWireClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QueueDispatcherTest extends CoreThreadTest {

    private static final DestinationRef QUEUE = DestinationRef.queue("q");

    private final BrokerCore core = new BrokerCore(executor, store);
    private final QueueDispatcher queue = new QueueDispatcher(core, "q", null,
            new AddressRegistry(core, DestinationPolicies.NONE).deliveryPolicyOf("q"));
    private long ids;

    @Test
    void higherPriorityFirstThenArrivalOrder() throws Exception {
        onCore(() -> {
            queue.enqueue(message("a", 4, 0, 0));
            queue.enqueue(message("b", 9, 0, 0));
            queue.enqueue(message("c", 4, 0, 0));
            queue.enqueue(message("d", 0, 0, 0));
            queue.enqueue(message("e", 9, 0, 0));
        });
        Recorder consumer = new Recorder(10);
        onCore(() -> queue.addSubscriber(consumer));
        assertThat(onCore(consumer::texts)).containsExactly("b", "e", "a", "c", "d");
    }

    @Test
    void returnedMessagesGoBackToTheirPlaceWithTheRightCount() throws Exception {
        Recorder consumer = new Recorder(2);
        onCore(() -> {
            queue.enqueue(message("first", 4, 0, 0));
            queue.enqueue(message("second", 4, 0, 0));
            queue.enqueue(message("third", 4, 0, 0));
            queue.addSubscriber(consumer);
        });
        onCore(() -> {
            List<QueueEntry> delivered = new ArrayList<>(consumer.entries);
            consumer.entries.clear();
            queue.returnEntry(delivered.get(1), true, null);
            queue.returnEntry(delivered.get(0), false, null);
            consumer.credit = 3;
            queue.dispatch();
        });
        assertThat(onCore(consumer::texts)).containsExactly("first", "second", "third");
        assertThat(onCore(() -> consumer.entries.stream().map(QueueEntry::deliveryCount).toList()))
                .containsExactly(0, 1, 0);
    }

    @Test
    void aMessageOutOfAttemptsStaysWhenItIsOnItsDeadLetterQueueAndIsDroppedWhenThereIsNone() throws Exception {
        AddressRegistry registry = new AddressRegistry(core, DestinationPolicies.NONE
                .with("*", "maxDeliveryAttempts", "1").with("dropping", "deadLetterQueue", ""));
        QueueDispatcher deadLetterQueue = new QueueDispatcher(core, "DLQ.d", null, registry.deliveryPolicyOf("d"));
        QueueDispatcher dropping = new QueueDispatcher(core, "dropping", null, registry.deliveryPolicyOf("dropping"));
        Recorder consumer = new Recorder(2);
        onCore(() -> {
            deadLetterQueue.enqueue(message("kept", 4, 0, 0));
            dropping.enqueue(message("dropped", 4, 0, 0));
            deadLetterQueue.addSubscriber(consumer);
            dropping.addSubscriber(consumer);
        });
        onCore(() -> {
            List<QueueEntry> delivered = new ArrayList<>(consumer.entries);
            consumer.entries.clear();
            consumer.credit = 2;
            deadLetterQueue.returnEntry(delivered.get(0), true, null);
            dropping.returnEntry(delivered.get(1), true, null);
            deadLetterQueue.dispatch();
        });

        assertThat(onCore(consumer::texts)).containsExactly("kept");
        assertThat(onCore(dropping::messageCount)).isZero();
        assertThat(onCore(() -> registry.existingQueue(DestinationRef.queue("DLQ.dropping")))).isNull();
    }

    @Test
    void aRejectedMessageLeavesForItsDeadLetterQueueButOnAQueueThatIsItsOwnComesBackCounted() throws Exception {
        AddressRegistry registry = new AddressRegistry(core, DestinationPolicies.NONE
                .with("*", "deadLetterQueue", "DLQ"));
        QueueDispatcher orders = new QueueDispatcher(core, "orders", null, registry.deliveryPolicyOf("orders"));
        QueueDispatcher deadLetterQueue = onCore(() -> registry.queue("DLQ"));
        Recorder consumer = new Recorder(2);
        onCore(() -> {
            orders.enqueue(message("refused", 4, 0, 0));
            deadLetterQueue.enqueue(message("refused again", 4, 0, 0));
            orders.addSubscriber(consumer);
            deadLetterQueue.addSubscriber(consumer);
        });
        onCore(() -> {
            List<QueueEntry> delivered = new ArrayList<>(consumer.entries);
            consumer.entries.clear();
            orders.reject(delivered.get(0), "no");
            deadLetterQueue.reject(delivered.get(1), "still no");
            consumer.credit = 2;
            deadLetterQueue.dispatch();
        });

        assertThat(onCore(orders::messageCount)).isZero();
        assertThat(onCore(consumer::texts)).containsExactly("refused again", "refused");
        assertThat(onCore(() -> consumer.entries.stream().map(QueueEntry::deliveryCount).toList()))
                .containsExactly(1, 0);
    }

    @Test
    void roundRobinAmongSubscribersWithDemand() throws Exception {
        Recorder one = new Recorder(10);
        Recorder two = new Recorder(1);
        onCore(() -> {
            queue.addSubscriber(one);
            queue.addSubscriber(two);
            for (int i = 0; i < 5; i++) {
                queue.enqueue(message("m" + i, 4, 0, 0));
            }
        });
        assertThat(onCore(one::texts)).containsExactly("m0", "m2", "m3", "m4");
        assertThat(onCore(two::texts)).containsExactly("m1");
    }

    @Test
    void aSelectingSubscriberGetsOnlyWhatItAcceptsAndTheRestWaitsForOthers() throws Exception {
        Recorder urgent = new Recorder(10);
        urgent.filter = MessageFilter.parse("JMSPriority > 5");
        Recorder any = new Recorder(0);
        onCore(() -> {
            queue.addSubscriber(urgent);
            queue.addSubscriber(any);
            queue.enqueue(message("low1", 1, 0, 0));
            queue.enqueue(message("high1", 8, 0, 0));
            queue.enqueue(message("low2", 1, 0, 0));
            queue.enqueue(message("high2", 9, 0, 0));
        });
        assertThat(onCore(urgent::texts)).containsExactly("high1", "high2");
        onCore(() -> {
            any.credit = 10;
            queue.dispatch();
        });
        assertThat(onCore(any::texts)).containsExactly("low1", "low2");
    }

    @Test
    void expiredMessagesAreDroppedNotDelivered() throws Exception {
        Recorder consumer = new Recorder(10);
        onCore(() -> {
            queue.enqueue(message("expired", 4, System.currentTimeMillis() - 1, 0));
            queue.enqueue(message("fresh", 4, System.currentTimeMillis() + 60_000, 0));
            queue.addSubscriber(consumer);
        });
        assertThat(onCore(consumer::texts)).containsExactly("fresh");
        assertThat(onCore(queue::messageCount)).isEqualTo(1);
    }

    @Test
    void futureDeliveryTimeIsHeldBackUntilDue() throws Exception {
        Recorder consumer = new Recorder(10);
        long due = System.currentTimeMillis() + 300;
        onCore(() -> {
            queue.addSubscriber(consumer);
            queue.enqueue(message("later", 4, 0, due));
            queue.enqueue(message("now", 4, 0, 0));
        });
        assertThat(onCore(consumer::texts)).containsExactly("now");
        await().atMost(Duration.ofSeconds(5)).until(() -> onCore(consumer::texts).size() == 2);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(due);
        assertThat(onCore(consumer::texts)).containsExactly("now", "later");
    }

    @Test
    void browseShowsMessagesInDeliveryOrderPageByPage() throws Exception {
        onCore(() -> {
            queue.enqueue(message("low", 1, 0, 0));
            queue.enqueue(message("high", 8, 0, 0));
            queue.enqueue(message("mid", 5, 0, 0));
        });
        BrowseResult first = onCore(() -> queue.browse(0, 2, 1 << 20, null));
        assertThat(first.messages()).extracting(TestWireClient::text).containsExactly("high", "mid");
        assertThat(first.more()).isTrue();
        BrowseResult second = onCore(() -> queue.browse(first.lastPosition(), 2, 1 << 20, null));
        assertThat(second.messages()).extracting(TestWireClient::text).containsExactly("low");
        assertThat(second.more()).isFalse();
    }

    @Test
    void browseAndCountIncludeMessagesBeingDeliveredInTheirPlace() throws Exception {
        Recorder recorder = new Recorder(0);
        onCore(() -> {
            queue.addSubscriber(recorder);
            queue.enqueue(message("a", 4, 0, 0));
            queue.enqueue(message("b", 4, 0, 0));
            queue.enqueue(message("c", 6, 0, 0));
            queue.enqueue(message("d", 4, 0, 0));
            recorder.credit = 2;
            queue.dispatch();
        });
        assertThat(recorder.texts()).containsExactly("c", "a");

        BrowseResult all = onCore(() -> queue.browse(0, 10, 1 << 20, null));

        assertThat(all.messages()).extracting(TestWireClient::text).containsExactly("c", "a", "b", "d");
        assertThat(onCore(() -> queue.messageCount())).isEqualTo(4);
        onCore(() -> queue.acknowledge(recorder.entries.get(1), StoreBatch.builder()));
        assertThat(onCore(() -> queue.browse(0, 10, 1 << 20, null)).messages()).extracting(TestWireClient::text)
                .containsExactly("c", "b", "d");
        assertThat(onCore(() -> queue.messageCount())).isEqualTo(3);
    }

    private BrokerMessage message(String text, int priority, long expiration, long deliveryTime) {
        byte[] encoded = TestWireClient.message(QUEUE, text, false, priority, expiration, deliveryTime);
        MessageHeaders headers = MessageCodec.decodeHeaders(encoded, FrameLimits.DEFAULT);
        return new BrokerMessage(++ids, encoded, headers, null, 1, null, core.bodies());
    }

}
