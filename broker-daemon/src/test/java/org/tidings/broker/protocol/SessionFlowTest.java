package org.tidings.broker.protocol;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tidings.broker.config.DestinationPolicies;
import org.tidings.broker.addressing.AddressRegistry;
import org.tidings.broker.addressing.BrokerCore;
import org.tidings.broker.config.BrokerConfig;
import org.tidings.broker.store.StoreOperation;
import org.tidings.broker.testing.ControlledStore;
import org.tidings.protocol.frame.CloseSession;
import org.tidings.protocol.frame.Commit;
import org.tidings.protocol.frame.CreateConsumer;
import org.tidings.protocol.frame.CreateSession;
import org.tidings.protocol.frame.Deliver;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.Frame;
import org.tidings.protocol.frame.FrameType;
import org.tidings.protocol.frame.Hello;
import org.tidings.protocol.frame.Outcome;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.Rollback;
import org.tidings.protocol.frame.Send;
import org.tidings.protocol.frame.SendCredit;
import org.tidings.protocol.frame.SessionMode;
import org.tidings.protocol.frame.Settle;
import org.tidings.protocol.message.DestinationRef;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidings.broker.testing.TestWireClient.message;
import static org.tidings.broker.testing.TestWireClient.text;

/**
 * Sessions, persistence and transactions through the real connection handler on an {@link EmbeddedChannel}, with
 * a store the test completes by hand: no sockets, no threads.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionFlowTest {

    private static final DestinationRef QUEUE = DestinationRef.queue("work");

    private final ControlledStore store = new ControlledStore();
    private EmbeddedChannel channel;

    @BeforeEach
    void connect() {
        channel = new EmbeddedChannel();
        BrokerCore core = new BrokerCore(channel.eventLoop(), store);
        BrokerContext context = new BrokerContext(BrokerConfig.defaults(), core,
                new AddressRegistry(core, DestinationPolicies.NONE));
        channel.pipeline().addLast(new ConnectionHandler(context));
        assertThat(exchange(new Hello(Hello.MAGIC, Hello.VERSION, 0, "flow", null, null, 0)))
                .extracting(Frame::type).containsExactly(FrameType.HELLO_OK, FrameType.SEND_CREDIT);
    }

    @Test
    void persistentSendIsAnsweredAndVisibleOnlyOnceDurable() {
        exchange(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE));
        exchange(consumer(2, 1, 9));
        assertThat(exchange(new Send(3, 1, message(QUEUE, "p", true, 4)))).isEmpty();
        assertThat(store.operations(StoreOperation.AddMessage.class)).hasSize(1);
        assertThat(store.operations(StoreOperation.AddReference.class)).hasSize(1);

        store.completeAll();
        List<Frame> frames = drain();
        assertThat(frames).hasSize(2);
        assertThat(frames).filteredOn(Deliver.class::isInstance).hasSize(1);
        assertThat(frames).filteredOn(f -> f instanceof Response r && r.requestId() == 3 && r.isOk()).hasSize(1);
    }

    @Test
    void acceptOfAPersistentMessageRemovesItDurablyBeforeAnswering() {
        exchange(new CreateSession(1, 1, SessionMode.CLIENT_ACKNOWLEDGE));
        exchange(new Send(2, 1, message(QUEUE, "p", true, 4)));
        store.completeAll();
        drain();
        Deliver deliver = (Deliver) exchange(consumer(3, 1, 9)).get(1);

        assertThat(exchange(new Settle(4, 1, Outcome.ACCEPT, new long[] {deliver.deliveryId()}))).isEmpty();
        assertThat(store.operations(StoreOperation.RemoveReference.class)).hasSize(1);
        assertThat(store.operations(StoreOperation.DeleteMessage.class)).hasSize(1);
        store.completeAll();
        assertThat(drain()).singleElement().isEqualTo(Response.ok(4));
    }

    @Test
    void commitRoutesSendsAndAppliesAcceptsAsOneBatch() {
        exchange(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE));
        exchange(new Send(2, 1, message(QUEUE, "old", true, 4)));
        store.completeAll();
        drain();
        exchange(new CreateSession(3, 2, SessionMode.TRANSACTED));
        Deliver old = (Deliver) exchange(consumer(4, 2, 9)).get(1);
        int batchesBefore = store.operations().size();

        exchange(new Send(0, 2, message(QUEUE, "new", true, 4)));
        exchange(new Settle(0, 2, Outcome.ACCEPT, new long[] {old.deliveryId()}));
        assertThat(exchange(new Commit(5, 2))).isEmpty();
        List<StoreOperation> committed = store.operations().subList(batchesBefore, store.operations().size());
        assertThat(committed).hasAtLeastOneElementOfType(StoreOperation.AddMessage.class)
                .hasAtLeastOneElementOfType(StoreOperation.RemoveReference.class);

        store.completeAll();
        List<Frame> frames = drain();
        assertThat(frames).contains(Response.ok(5));
        assertThat(frames).filteredOn(Deliver.class::isInstance)
                .extracting(f -> text(((Deliver) f).message())).containsExactly("new");
    }

    @Test
    void rollbackDiscardsSendsAndKeepsDeliveriesUnsettled() {
        exchange(new CreateSession(1, 1, SessionMode.AUTO_ACKNOWLEDGE));
        exchange(new Send(2, 1, message(QUEUE, "kept", false, 4)));
        exchange(new CreateSession(3, 2, SessionMode.TRANSACTED));
        Deliver kept = (Deliver) exchange(consumer(4, 2, 9)).get(1);
        exchange(new Send(0, 2, message(QUEUE, "discarded", false, 4)));
        exchange(new Settle(0, 2, Outcome.ACCEPT, new long[] {kept.deliveryId()}));
        assertThat(exchange(new Rollback(5, 2))).containsExactly(Response.ok(5));

        List<Frame> frames = exchange(new Settle(6, 2, Outcome.REDELIVER, new long[] {kept.deliveryId()}));
        assertThat(frames).first().isEqualTo(Response.ok(6));
        Deliver again = (Deliver) frames.get(1);
        assertThat(text(again.message())).isEqualTo("kept");
        assertThat(again.deliveryCount()).isEqualTo(2);
        assertThat(frames).hasSize(2);
    }

    @Test
    void aRefusedTransactedSendRollsBackTheCommit() {
        exchange(new CreateSession(1, 1, SessionMode.TRANSACTED));
        byte[] tooLarge = message(QUEUE, "x".repeat(BrokerConfig.DEFAULT_MAX_MESSAGE_SIZE), false, 4);
        assertThat(exchange(new Send(0, 1, tooLarge))).as("only its send credit comes back")
                .containsExactly(new SendCredit(tooLarge.length));
        List<Frame> frames = exchange(new Commit(2, 1));
        assertThat(frames).singleElement().isInstanceOfSatisfying(Response.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.TRANSACTION_ROLLED_BACK);
            assertThat(r.message()).contains(String.valueOf(BrokerConfig.DEFAULT_MAX_MESSAGE_SIZE));
        });
        assertThat(exchange(new Commit(3, 1))).containsExactly(Response.ok(3));
    }

    @Test
    void closeSessionReleasesDeliveriesWithoutCountingThem() {
        exchange(new CreateSession(1, 1, SessionMode.CLIENT_ACKNOWLEDGE));
        exchange(new Send(2, 1, message(QUEUE, "m", false, 4)));
        Deliver first = (Deliver) exchange(consumer(3, 1, 9)).get(1);
        assertThat(first.deliveryCount()).isEqualTo(1);
        exchange(new CloseSession(4, 1));
        exchange(new CreateSession(5, 2, SessionMode.CLIENT_ACKNOWLEDGE));
        List<Frame> frames = exchange(consumer(6, 2, 10));
        assertThat(((Deliver) frames.get(1)).deliveryCount()).isEqualTo(1);
    }

    @Test
    void connectionLossReturnsDeliveriesCounted() {
        exchange(new CreateSession(1, 1, SessionMode.CLIENT_ACKNOWLEDGE));
        exchange(new Send(2, 1, message(QUEUE, "m", true, 4)));
        store.completeAll();
        drain();
        exchange(consumer(3, 1, 9));
        channel.close();
        channel.runPendingTasks();
        assertThat(store.operations(StoreOperation.UpdateDeliveryCount.class))
                .singleElement().extracting(StoreOperation.UpdateDeliveryCount::deliveryCount).isEqualTo(1);
    }

    private static CreateConsumer consumer(long requestId, int sessionId, long consumerId) {
        return new CreateConsumer(requestId, sessionId, consumerId, QUEUE, null, false, null, false, false, 10);
    }

    private List<Frame> exchange(Frame frame) {
        channel.writeInbound(frame);
        return drain();
    }

    private List<Frame> drain() {
        channel.runPendingTasks();
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = channel.readOutbound()) != null) {
            frames.add(frame);
        }
        return frames;
    }
}
