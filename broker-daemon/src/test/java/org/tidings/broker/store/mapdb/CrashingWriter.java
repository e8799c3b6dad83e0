package org.tidings.broker.store.mapdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

import org.tidings.broker.store.RecordingListener;
import org.tidings.broker.store.StoreBatch;

/**
 * Run in a child JVM by {@link MapDbMessageStoreCrashTest}: opens a store in the directory given as the argument and
 * stores message {@code n} with a reference on queue 1 for n = 1, 2, … until killed, printing "durable n" from each
 * callback.
 */
public final class CrashingWriter {

    private CrashingWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        MapDbMessageStore store = new MapDbMessageStore(Path.of(args[0]));
        store.recover(new RecordingListener());
        Semaphore inFlight = new Semaphore(64);
        for (long id = 1; ; id++) {
            inFlight.acquire();
            long messageId = id;
            store.submit(StoreBatch.builder().addMessage(id, payload(id)).addReference(1, id).build(), failure -> {
                if (failure == null) {
                    System.out.println("durable " + messageId);
                    System.out.flush();
                }
                inFlight.release();
            });
        }
    }

    static byte[] payload(long messageId) {
        return ("message " + messageId).repeat(20).getBytes(StandardCharsets.UTF_8);
    }
}
