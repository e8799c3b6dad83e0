package org.tidings.broker.protocol;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tidings.broker.testing.InJvmBroker;
import org.tidings.broker.testing.TestWireClient;
import org.tidings.broker.transport.BrokerServer;
import org.tidings.protocol.frame.Browse;
import org.tidings.protocol.frame.BrowsePage;
import org.tidings.protocol.frame.CloseConsumer;
import org.tidings.protocol.frame.Commit;
import org.tidings.protocol.frame.CreateConsumer;
import org.tidings.protocol.frame.CreateSession;
import org.tidings.protocol.frame.CreateTemporaryDestination;
import org.tidings.protocol.frame.Credit;
import org.tidings.protocol.frame.Deliver;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.Hello;
import org.tidings.protocol.frame.HelloOk;
import org.tidings.protocol.frame.Outcome;
import org.tidings.protocol.frame.Pull;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.Send;
import org.tidings.protocol.frame.SessionMode;
import org.tidings.protocol.frame.Settle;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tidings.broker.testing.TestWireClient.message;
import static org.tidings.broker.testing.TestWireClient.text;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokerProtocolIT {

    private static final int MAX_MESSAGE_SIZE = 64 * 1024;
    private static final DestinationRef QUEUE = DestinationRef.queue("orders");

    private BrokerServer broker;

    @BeforeEach
    void start() throws Exception {
        broker = InJvmBroker.memory(MAX_MESSAGE_SIZE);
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void handshakeAnswersHelloOkWithLimits() throws Exception {
        try (TestWireClient client = new TestWireClient(broker.port())) {
            client.send(new Hello(Hello.MAGIC, Hello.VERSION, 0, "c1", "user", "pw", 1000));
            HelloOk ok = client.expect(HelloOk.class);
            assertThat(ok.version()).isEqualTo(1);
            assertThat(ok.maxMessageSize()).isEqualTo(MAX_MESSAGE_SIZE);
            assertThat(ok.connectionId()).isNotBlank();
        }
    }

    @Test
    void duplicateClientIdIsRefused() throws Exception {
        try (TestWireClient first = TestWireClient.connect(broker.port(), "same");
             TestWireClient second = new TestWireClient(broker.port())) {
            second.send(new Hello(Hello.MAGIC, Hello.VERSION, 0, "same", null, null, 0));
            Response refused = second.expect(Response.class);
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_CLIENT_ID);
            assertThat(refused.message()).contains("same");
            assertThat(second.awaitClosed()).isTrue();
        }
    }

    @Test
    void frameBeforeHelloIsAProtocolError() throws Exception {
        try (TestWireClient client = new TestWireClient(broker.port())) {
            client.send(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE));
            assertThat(client.expect(Response.class).code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(client.awaitClosed()).isTrue();
        }
    }

    @Test
    void sendDeliverAndAccept() throws Exception {
        try (TestWireClient client = TestWireClient.connect(broker.port(), null)) {
            assertThat(client.request(new CreateSession(1, 1, SessionMode.CLIENT_ACKNOWLEDGE)).isOk()).isTrue();
            assertThat(client.request(new Send(2, 1, message(QUEUE, "hello", true, 4))).isOk()).isTrue();
            assertThat(client.request(consumer(3, 1, 7, QUEUE, 10)).isOk()).isTrue();
            Deliver deliver = client.expect(Deliver.class);
            assertThat(deliver.consumerId()).isEqualTo(7);
            assertThat(deliver.deliveryCount()).isEqualTo(1);
            assertThat(text(deliver.message())).isEqualTo("hello");

            Response settled = client.request(new Settle(4, 1, Outcome.REDELIVER, new long[] {deliver.deliveryId()}));
            assertThat(settled.isOk()).isTrue();
            Deliver again = client.expect(Deliver.class);
            assertThat(again.deliveryCount()).isEqualTo(2);
            assertThat(client.request(new Settle(5, 1, Outcome.ACCEPT, new long[] {again.deliveryId()})).isOk())
                    .isTrue();
            assertThat(client.request(new CloseConsumer(6, 7, new long[0])).isOk()).isTrue();
            BrowsePage page = browse(client, 8);
            assertThat(page.messages()).isEmpty();
        }
    }

    @Test
    void pullWithoutCreditAnswersWithOneDeliverOrResponse() throws Exception {
        try (TestWireClient client = TestWireClient.connect(broker.port(), null)) {
            client.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE));
            client.request(consumer(2, 1, 1, QUEUE, 0));
            Response empty = client.request(new Pull(3, 1, 0));
            assertThat(empty.requestId()).isEqualTo(3);
            assertThat(empty.isOk()).isTrue();

            client.send(new Pull(4, 1, 50));
            assertThat(client.expect(Response.class).requestId()).isEqualTo(4);

            client.send(new Pull(5, 1, -1));
            client.send(new Send(0, 1, message(QUEUE, "pulled", false, 4)));
            Deliver deliver = client.expect(Deliver.class);
            assertThat(text(deliver.message())).isEqualTo("pulled");
            assertThat(client.poll(100)).isNull();
        }
    }

    @Test
    void priorityOrderAndCredit() throws Exception {
        try (TestWireClient client = TestWireClient.connect(broker.port(), null)) {
            client.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE));
            client.request(new Send(2, 1, message(QUEUE, "low", false, 1)));
            client.request(new Send(3, 1, message(QUEUE, "high", false, 9)));
            client.request(new Send(4, 1, message(QUEUE, "low2", false, 1)));
            client.request(consumer(5, 1, 1, QUEUE, 1));
            assertThat(text(client.expect(Deliver.class).message())).isEqualTo("high");
            assertThat(client.poll(100)).isNull();
            client.send(new Credit(1, 2));
            assertThat(text(client.expect(Deliver.class).message())).isEqualTo("low");
            assertThat(text(client.expect(Deliver.class).message())).isEqualTo("low2");
        }
    }

    @Test
    void transactedSendIsVisibleOnlyAfterCommit() throws Exception {
        try (TestWireClient producer = TestWireClient.connect(broker.port(), null);
             TestWireClient consumer = TestWireClient.connect(broker.port(), null)) {
            producer.request(new CreateSession(1, 1, SessionMode.TRANSACTED));
            consumer.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE));
            consumer.request(consumer(2, 1, 1, QUEUE, 10));
            producer.send(new Send(0, 1, message(QUEUE, "tx", true, 4)));
            assertThat(consumer.poll(200)).isNull();
            assertThat(producer.request(new Commit(2, 1)).isOk()).isTrue();
            assertThat(text(consumer.expect(Deliver.class).message())).isEqualTo("tx");
        }
    }

    @Test
    void lostConnectionReturnsDeliveriesCounted() throws Exception {
        TestWireClient first = TestWireClient.connect(broker.port(), null);
        first.request(new CreateSession(1, 1, SessionMode.CLIENT_ACKNOWLEDGE));
        first.request(new Send(2, 1, message(QUEUE, "m", false, 4)));
        first.request(consumer(3, 1, 1, QUEUE, 10));
        first.expect(Deliver.class);
        first.close();
        try (TestWireClient second = TestWireClient.connect(broker.port(), null)) {
            second.request(new CreateSession(1, 1, SessionMode.CLIENT_ACKNOWLEDGE));
            second.request(consumer(2, 1, 1, QUEUE, 10));
            assertThat(second.expect(Deliver.class).deliveryCount()).isEqualTo(2);
        }
    }

    @Test
    void temporaryQueueIsConsumableOnlyByItsConnection() throws Exception {
        try (TestWireClient owner = TestWireClient.connect(broker.port(), null);
             TestWireClient other = TestWireClient.connect(broker.port(), null)) {
            owner.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE));
            other.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE));
            Response created = owner.request(new CreateTemporaryDestination(2, DestinationKind.TEMPORARY_QUEUE));
            DestinationRef temp = new DestinationRef(DestinationKind.TEMPORARY_QUEUE, created.value());
            assertThat(other.request(consumer(2, 1, 1, temp, 10)).isOk()).isFalse();
            assertThat(other.request(new Send(3, 1, message(temp, "reply", false, 4))).isOk()).isTrue();
            owner.request(consumer(3, 1, 1, temp, 10));
            assertThat(text(owner.expect(Deliver.class).message())).isEqualTo("reply");
            owner.close();
            assertThat(owner.awaitClosed()).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(other.request(new Send(other.nextRequestId() + 100, 1,
                            message(temp, "late", false, 4))).code()).isEqualTo(ErrorCode.INVALID_DESTINATION));
        }
    }

    @Test
    void malformedFrameClosesOnlyThatConnection() throws Exception {
        try (TestWireClient healthy = TestWireClient.connect(broker.port(), null);
             TestWireClient broken = TestWireClient.connect(broker.port(), null);
             TestWireClient garbage = TestWireClient.connect(broker.port(), null)) {
            broken.sendRaw(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            assertThat(broken.expect(Response.class).code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(broken.awaitClosed()).isTrue();
            garbage.sendRaw(new byte[] {0, 0, 0, 1, (byte) 0xee});
            assertThat(garbage.expect(Response.class).message()).contains("unknown frame type");
            assertThat(garbage.awaitClosed()).isTrue();

            assertThat(healthy.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE)).isOk()).isTrue();
            assertThat(healthy.request(new Send(2, 1, message(QUEUE, "still fine", false, 4))).isOk()).isTrue();
        }
    }

    @Test
    void sendWhoseMessagePropertiesAreCutShortClosesOnlyThatConnectionAndRoutesNothing() throws Exception {
        try (TestWireClient healthy = TestWireClient.connect(broker.port(), null);
             TestWireClient broken = TestWireClient.connect(broker.port(), null)) {
            assertThat(broken.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE)).isOk()).isTrue();
            byte[] valid = message(QUEUE, "", false, 4);
            // keep the headers and the property count (the body type and an empty body's length are the last 5
            // bytes), and make the count claim a property that never comes
            byte[] cut = Arrays.copyOf(valid, valid.length - 5);
            cut[cut.length - 1] = 1;
            broken.send(new Send(2, 1, cut));
            Response closing = broken.expect(Response.class);
            assertThat(closing.code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(closing.message()).contains("property count 1 exceeds");
            assertThat(broken.awaitClosed()).isTrue();

            assertThat(healthy.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE)).isOk()).isTrue();
            assertThat(healthy.request(new Send(2, 1, message(QUEUE, "still fine", false, 4))).isOk()).isTrue();
            assertThat(browse(healthy, 3).messages()).extracting(TestWireClient::text).containsExactly("still fine");
        }
    }

    @Test
    void oversizedSendIsRefusedNamingTheLimit() throws Exception {
        try (TestWireClient client = TestWireClient.connect(broker.port(), null)) {
            client.request(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE));
            Response refused = client.request(new Send(2, 1, message(QUEUE, "x".repeat(MAX_MESSAGE_SIZE), false, 4)));
            assertThat(refused.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
            assertThat(refused.message()).contains(String.valueOf(MAX_MESSAGE_SIZE));
            assertThat(client.request(new Send(3, 1, message(QUEUE, "small", false, 4))).isOk()).isTrue();

            // the start of a frame far above the limit: the broker refuses it from the length prefix alone
            int length = 3 * MAX_MESSAGE_SIZE;
            client.sendRaw(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
                    (byte) length, 12});
            Response closing = client.expect(Response.class);
            assertThat(closing.code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(closing.message()).contains(String.valueOf(MAX_MESSAGE_SIZE));
            assertThat(client.awaitClosed()).isTrue();
        }
    }

    private static BrowsePage browse(TestWireClient client, long requestId) throws Exception {
        client.send(new Browse(requestId, QUEUE, null, 0, 100));
        return client.expect(BrowsePage.class);
    }

    static CreateConsumer consumer(long requestId, int sessionId, long consumerId, DestinationRef destination,
                                   int credit) {
        return new CreateConsumer(requestId, sessionId, consumerId, destination, null, false, null, false, false,
                credit);
    }
}
