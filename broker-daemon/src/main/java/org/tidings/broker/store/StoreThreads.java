package org.tidings.broker.store;

/** What the store's own threads share: waiting for one to end on close. */
public final class StoreThreads {

    private StoreThreads() {
    }

    /** Waits until {@code thread} has ended, keeping an interrupt for the caller to see afterwards. */
    public static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
