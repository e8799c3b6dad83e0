package org.tidings.broker.store.mapdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.tidings.broker.store.RecordingListener;
import org.tidings.broker.store.StoreBatch;

/**
 * Run in a child JVM by {@link MapDbMessageStoreCrashTest} until it is killed: opens a store in the directory given as
 * the first argument (with {@link #POLICY}, so segments roll and checkpoints run often), then from
 * {@value #THREADS} threads stores message n with a reference on queue 1 for n = first id (second argument), first id
 * + 1, ... Once a message is confirmed, two of every three are acknowledged again (reference removed, message deleted,
 * so journal segments grow sparse and get compacted),
 * and some others get a delivery count of {@value #DELIVERY_COUNT}. Every callback that reports success prints one
 * line: {@code stored n}, {@code deleted n} or {@code counted n}.
 */
public final class CrashingWriter {

    /** Small segments and frequent, small checkpoints, so that a kill lands in every phase of the store. */
    static final CheckpointPolicy POLICY = new CheckpointPolicy(256 * 1024, 2_000, 20, 512 * 1024, 1024 * 1024,
            500);
    static final long QUEUE = 1;
    static final int DELIVERY_COUNT = 7;
    private static final int THREADS = 4;
    private static final int IN_FLIGHT_PER_THREAD = 16;

    private CrashingWriter() {
    }

    public static void main(String[] args) {
        MapDbMessageStore store = new MapDbMessageStore(Path.of(args[0]), POLICY);
        store.recover(new RecordingListener());
        AtomicLong ids = new AtomicLong(Long.parseLong(args[1]) - 1);
        for (int t = 0; t < THREADS; t++) {
            new Thread(() -> write(store, ids), "writer-" + t).start();
        }
    }

    private static void write(MapDbMessageStore store, AtomicLong ids) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT_PER_THREAD);
        while (true) {
            inFlight.acquireUninterruptibly();
            long id = ids.incrementAndGet();
            store.submit(StoreBatch.builder().addMessage(id, payload(id)).addReference(QUEUE, id).build(), failure -> {
                if (failure != null) {
                    inFlight.release();
                    return;
                }
                print("stored", id);
                if (isDeleted(id)) {
                    store.submit(StoreBatch.builder().removeReference(QUEUE, id).deleteMessage(id).build(),
                            second -> confirm(second, "deleted", id, inFlight));
                } else if (isCounted(id)) {
                    store.submit(StoreBatch.builder().updateDeliveryCount(QUEUE, id, DELIVERY_COUNT).build(),
                            second -> confirm(second, "counted", id, inFlight));
                } else {
                    inFlight.release();
                }
            });
        }
    }

    private static void confirm(Throwable failure, String what, long id, Semaphore inFlight) {
        if (failure == null) {
            print(what, id);
        }
        inFlight.release();
    }

    private static void print(String what, long id) {
        System.out.println(what + " " + id);
        System.out.flush();
    }

    /** Whether message {@code id} is acknowledged once stored. */
    static boolean isDeleted(long id) {
        return id % 3 != 2;
    }

    /** Whether message {@code id} gets a delivery count once stored. */
    static boolean isCounted(long id) {
        return id % 3 == 2 && id % 5 == 1;
    }

    static byte[] payload(long messageId) {
        return ("message " + messageId).repeat(20).getBytes(StandardCharsets.UTF_8);
    }
}
