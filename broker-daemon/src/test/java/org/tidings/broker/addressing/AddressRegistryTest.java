package org.tidings.broker.addressing;

import io.netty.util.concurrent.DefaultEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tidings.broker.config.DestinationPolicies;
import org.tidings.broker.store.StoreOperation;
import org.tidings.broker.testing.ControlledStore;
import org.tidings.broker.testing.TestWireClient;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subscriptions, routing and temporary destinations; driven from the test thread, which acts as the core. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AddressRegistryTest {

    private static final DestinationRef TOPIC = DestinationRef.topic("prices");
    private static final SubscriptionKey KEY = new SubscriptionKey("client", "sub");

    private final DefaultEventExecutor executor = new DefaultEventExecutor();
    private final ControlledStore store = new ControlledStore();
    private final BrokerCore core = new BrokerCore(executor, store);
    private final AddressRegistry registry = new AddressRegistry(core, DestinationPolicies.NONE);
    private final MessageRouter router = new MessageRouter(core, registry);

    @AfterEach
    void stop() {
        executor.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void persistentTopicMessageIsStoredOnlyForDurableSubscriptions() throws Exception {
        TopicSubscription durable = registry.subscribeDurable(KEY, "prices", null, false);
        TopicSubscription transientOne = registry.subscribePrivate(registry.topic("prices"), null, false, 7);
        router.route(incoming(TOPIC, "p", true, 1), failure -> { });
        assertThat(store.operations(StoreOperation.AddMessage.class)).hasSize(1);
        assertThat(store.operations(StoreOperation.AddReference.class)).singleElement()
                .extracting(StoreOperation.AddReference::queueId).isEqualTo(durable.queue().record().id());
        assertThat(durable.queue().messageCount()).isZero();

        completeStore();
        assertThat(durable.queue().messageCount()).isEqualTo(1);
        assertThat(transientOne.queue().messageCount()).isEqualTo(1);
    }

    @Test
    void durableSubscriptionIsReplacedWhenItsSelectorChanges() throws Exception {
        TopicSubscription first = registry.subscribeDurable(KEY, "prices", null, false);
        router.route(incoming(TOPIC, "old", true, 1), failure -> { });
        completeStore();

        assertThat(registry.subscribeDurable(KEY, "prices", null, false)).isSameAs(first);
        TopicSubscription second = registry.subscribeDurable(KEY, "prices", MessageFilter.parse("price > 3"), false);
        assertThat(second).isNotSameAs(first);
        assertThat(second.queue().messageCount()).isZero();
        assertThat(store.operations(StoreOperation.DeleteQueue.class)).singleElement()
                .extracting(StoreOperation.DeleteQueue::queueId).isEqualTo(first.queue().record().id());
        assertThat(store.operations(StoreOperation.DeleteMessage.class)).hasSize(1);
    }

    @Test
    void unsubscribeIsRefusedWhileActiveAndForUnknownNames() throws Exception {
        TopicSubscription subscription = registry.subscribeDurable(KEY, "prices", null, false);
        Subscriber idle = new Subscriber() {
            @Override
            public boolean hasDemand() {
                return false;
            }

            @Override
            public void deliver(QueueDispatcher queue, QueueEntry entry) {
                throw new AssertionError("no demand");
            }
        };
        subscription.queue().addSubscriber(idle);
        assertThatThrownBy(() -> registry.unsubscribe(KEY)).isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code()).isEqualTo(ErrorCode.ILLEGAL_STATE);
        subscription.queue().removeSubscriber(idle);
        registry.unsubscribe(KEY);
        assertThatThrownBy(() -> registry.unsubscribe(KEY)).isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code()).isEqualTo(ErrorCode.INVALID_DESTINATION);
    }

    @Test
    void noLocalSkipsMessagesOfTheOwningConnection() throws Exception {
        TopicSubscription noLocal = registry.subscribePrivate(registry.topic("prices"), null, true, 1);
        router.route(incoming(TOPIC, "own", false, 1), failure -> { });
        router.route(incoming(TOPIC, "other", false, 2), failure -> { });
        BrowseResult page = noLocal.queue().browse(0, 10, 1 << 20, null);
        assertThat(page.messages()).extracting(TestWireClient::text).containsExactly("other");
    }

    @Test
    void sendToADeletedTemporaryQueueIsRefused() throws Exception {
        String name = registry.createTemporary(DestinationKind.TEMPORARY_QUEUE, 5);
        DestinationRef temp = new DestinationRef(DestinationKind.TEMPORARY_QUEUE, name);
        router.route(incoming(temp, "ok", true, 5), failure -> { });
        assertThat(store.operations()).isEmpty();
        registry.removeTemporary(name);
        assertThatThrownBy(() -> router.route(incoming(temp, "late", false, 5), failure -> { }))
                .isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).code()).isEqualTo(ErrorCode.INVALID_DESTINATION);
    }

    /** Makes the stored work durable and waits until the callbacks, which hop to the core, have run. */
    private void completeStore() throws Exception {
        store.completeAll();
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    private static IncomingMessage incoming(DestinationRef destination, String text, boolean persistent,
                                            long connectionId) {
        byte[] encoded = TestWireClient.message(destination, text, persistent, 4);
        return IncomingMessage.read(encoded, FrameLimits.DEFAULT, connectionId, "client-" + connectionId);
    }
}
