package org.tidings.broker.addressing;

import io.netty.util.concurrent.DefaultEventExecutor;
import org.junit.jupiter.api.AfterEach;
import org.tidings.broker.store.memory.InMemoryMessageStore;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Tests of the core's classes: a core thread and an in-memory store, and a way to run on that thread. */
abstract class CoreThreadTest {

    protected final DefaultEventExecutor executor = new DefaultEventExecutor();
    protected final InMemoryMessageStore store = new InMemoryMessageStore();

    @AfterEach
    void stopCore() {
        executor.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        store.close();
    }

    protected <T> T onCore(Callable<T> task) throws Exception {
        return executor.submit(task).get(10, TimeUnit.SECONDS);
    }

    protected void onCore(Runnable task) throws Exception {
        executor.submit(task).get(10, TimeUnit.SECONDS);
    }
}
