package org.tidings.broker.addressing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tidings.broker.config.DestinationPolicies;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.testing.TestWireClient;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.message.DestinationRef;
import org.tidings.protocol.message.MessageCodec;
import org.tidings.protocol.message.MessageHeaders;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageBodiesTest extends CoreThreadTest {

    private static final int KIB_300 = 300 * 1024;
    private static final long MIB = 1024 * 1024;

    private final BrokerCore core = new BrokerCore(executor, store, 4 * MIB, Long.MAX_VALUE);
    private final AddressRegistry registry = new AddressRegistry(core, DestinationPolicies.NONE
            .with("backlog", "bodyWindowMiB", "1"));
    private long ids;

    @Test
    void aQueueKeepsBodiesUpToItsWindowSoAnotherQueueStillKeepsItsOwn() throws Exception {
        QueueDispatcher backlog = storedQueue("backlog");
        QueueDispatcher other = storedQueue("other");
        List<BrokerMessage> onBacklog = enqueue(backlog, 5);
        List<BrokerMessage> onOther = enqueue(other, 3);

        assertThat(onCore(() -> onBacklog.stream().map(BrokerMessage::isEvicted).toList()))
                .containsExactly(false, false, false, true, true);
        assertThat(onCore(() -> onOther.stream().map(BrokerMessage::isEvicted).toList()))
                .containsExactly(false, false, false);
        assertThat(onCore(() -> core.bodies().residentBytes())).isEqualTo(6L * onBacklog.get(0).size());
    }

    @Test
    void theGlobalBudgetBoundsEveryWindowTogether() throws Exception {
        List<BrokerMessage> kept = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            kept.addAll(enqueue(storedQueue(name), 3));
        }

        long resident = onCore(() -> kept.stream().filter(m -> !m.isEvicted()).count());
        assertThat(resident).isEqualTo(4 * MIB / kept.get(0).size());
        assertThat(onCore(() -> core.bodies().residentBytes())).isLessThanOrEqualTo(4 * MIB);
    }

    @Test
    void aBodyLeavingFreesItsQueuesWindowForTheNextMessage() throws Exception {
        QueueDispatcher backlog = storedQueue("backlog");
        Recorder consumer = new Recorder(Integer.MAX_VALUE);
        List<BrokerMessage> first = enqueue(backlog, 4);
        onCore(() -> backlog.addSubscriber(consumer));
        onCore(() -> backlog.acknowledge(consumer.entries.get(0), StoreBatch.builder()));
        onCore(() -> backlog.removeSubscriber(consumer));

        List<BrokerMessage> next = enqueue(backlog, 2);

        assertThat(onCore(() -> first.get(3).isEvicted())).isTrue();
        assertThat(onCore(() -> next.stream().map(BrokerMessage::isEvicted).toList())).containsExactly(false, true);
    }

    @Test
    void aRecoveredBodyIsChargedToTheFirstQueueItLandsOnOrEvictedWhenThatWindowIsFull() throws Exception {
        QueueDispatcher backlog = storedQueue("backlog");
        List<BrokerMessage> recovered = new ArrayList<>();
        onCore(() -> {
            for (int i = 0; i < 5; i++) {
                byte[] encoded = encodedMessage();
                recovered.add(core.bodies().recovered(++ids, ByteBuffer.wrap(encoded), headersOf(encoded), null));
            }
            recovered.forEach(m -> backlog.enqueueRecovered(m, 0));
        });

        assertThat(onCore(() -> recovered.stream().map(BrokerMessage::isEvicted).toList()))
                .containsExactly(false, false, false, true, true);
        assertThat(onCore(() -> core.bodies().residentBytes())).isEqualTo(3L * recovered.get(0).size());
    }

    private QueueDispatcher storedQueue(String name) throws Exception {
        return onCore(() -> registry.recovered(QueueRecord.queue(++ids, name)));
    }

    private List<BrokerMessage> enqueue(QueueDispatcher queue, int count) throws Exception {
        return onCore(() -> {
            List<BrokerMessage> messages = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                BrokerMessage message = message();
                queue.enqueue(message);
                messages.add(message);
            }
            return messages;
        });
    }

    private BrokerMessage message() {
        byte[] encoded = encodedMessage();
        return new BrokerMessage(++ids, encoded, headersOf(encoded), null, 1, null, core.bodies());
    }

    private static byte[] encodedMessage() {
        return TestWireClient.message(DestinationRef.queue("any"), "x".repeat(KIB_300), true, 4);
    }

    private static MessageHeaders headersOf(byte[] encoded) {
        return MessageCodec.decodeHeaders(encoded, FrameLimits.forMaxMessageSize(encoded.length));
    }
}
