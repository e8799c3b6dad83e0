package org.tidings.broker.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tidings.broker.testing.InJvmBroker;
import org.tidings.broker.testing.TestWireClient;
import org.tidings.broker.transport.BrokerServer;
import org.tidings.protocol.frame.CloseConsumer;
import org.tidings.protocol.frame.CreateConsumer;
import org.tidings.protocol.frame.CreateSession;
import org.tidings.protocol.frame.Deliver;
import org.tidings.protocol.frame.Outcome;
import org.tidings.protocol.frame.Send;
import org.tidings.protocol.frame.SessionMode;
import org.tidings.protocol.frame.Settle;
import org.tidings.protocol.message.DestinationRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidings.broker.testing.TestWireClient.message;
import static org.tidings.broker.testing.TestWireClient.text;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrokerRestartIT {

    private static final DestinationRef QUEUE = DestinationRef.queue("durable-q");
    private static final DestinationRef TOPIC = DestinationRef.topic("news");

    @TempDir
    Path dataDir;

    @Test
    void persistentQueueAndDurableSubscriptionMessagesSurviveRestart() throws Exception {
        try (BrokerServer broker = InJvmBroker.mapDb(dataDir);
             TestWireClient client = TestWireClient.connect(broker.port(), "restart-client")) {
            client.request(new CreateSession(1, 1, SessionMode.CLIENT_ACKNOWLEDGE));
            assertThat(client.request(durable(2, 1)).isOk()).isTrue();
            client.request(new CloseConsumer(3, 1, new long[0]));
            for (int i = 0; i < 5; i++) {
                assertThat(client.request(new Send(10 + i, 1, message(QUEUE, "q" + i, true, 4))).isOk()).isTrue();
                assertThat(client.request(new Send(20 + i, 1, message(TOPIC, "t" + i, true, 4))).isOk()).isTrue();
            }
            assertThat(client.request(new Send(30, 1, message(QUEUE, "transient", false, 4))).isOk()).isTrue();
            client.request(BrokerProtocolIT.consumer(31, 1, 2, QUEUE, 1));
            Deliver first = client.expect(Deliver.class);
            assertThat(client.request(new Settle(32, 1, Outcome.ACCEPT, new long[] {first.deliveryId()})).isOk())
                    .isTrue();
        }
        try (BrokerServer broker = InJvmBroker.mapDb(dataDir);
             TestWireClient client = TestWireClient.connect(broker.port(), "restart-client")) {
            client.request(new CreateSession(1, 1, SessionMode.CLIENT_ACKNOWLEDGE));
            client.request(BrokerProtocolIT.consumer(2, 1, 2, QUEUE, 100));
            assertThat(texts(client, 4)).containsExactly("q1", "q2", "q3", "q4");
            assertThat(client.request(durable(3, 3)).isOk()).isTrue();
            assertThat(texts(client, 5)).containsExactly("t0", "t1", "t2", "t3", "t4");
            assertThat(client.poll(200)).isNull();
        }
    }

    private static List<String> texts(TestWireClient client, int count) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(text(client.expect(Deliver.class).message()));
        }
        return texts;
    }

    private static CreateConsumer durable(long requestId, long consumerId) {
        return new CreateConsumer(requestId, 1, consumerId, TOPIC, null, false, "sub", true, false, 100);
    }
}
