package org.tidings.jms.support;

import jakarta.jms.JMSException;

/** Runs classic-API calls for the simplified API, turning each {@link JMSException} into its runtime twin. */
public final class Unchecked {

    private Unchecked() {
    }

    /** A call of the classic API. */
    @FunctionalInterface
    public interface JmsCall<T> {
        T call() throws JMSException;
    }

    /** A call of the classic API without a result. */
    @FunctionalInterface
    public interface JmsRun {
        void run() throws JMSException;
    }

    public static <T> T call(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw JmsExceptions.runtime(e);
        }
    }

    public static void run(JmsRun run) {
        try {
            run.run();
        } catch (JMSException e) {
            throw JmsExceptions.runtime(e);
        }
    }
}
