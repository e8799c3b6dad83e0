package org.tidings.broker.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tidings.broker.store.MessageStore;
import org.tidings.broker.store.MessageStoreContractTest;
import org.tidings.broker.store.StoreBatch;

@Timeout(60)
class InMemoryMessageStoreTest extends MessageStoreContractTest {

    @Override
    protected MessageStore open() {
        return new InMemoryMessageStore();
    }

    /** The heap is all there is: a restart sees the same instance. */
    @Override
    protected MessageStore restart(MessageStore store) {
        return store;
    }

    @Test
    void callbackRunsOnTheSubmittingThreadBeforeSubmitReturns() {
        AtomicReference<Thread> callbackThread = new AtomicReference<>();

        store.submit(StoreBatch.builder().addMessage(1, bytes("one")).build(),
                failure -> callbackThread.set(Thread.currentThread()));

        assertThat(callbackThread).hasValue(Thread.currentThread());
    }

    @Test
    void storedBytesAreACopy() {
        byte[] encoded = bytes("one");
        storeDurably(StoreBatch.builder().addMessage(1, encoded).addReference(1, 1).build());
        encoded[0] = 'X';

        assertThat(restartAndRecover().listener().messages.get(1L)).isEqualTo(bytes("one"));
    }
}
