package org.tidings.jms.session;

import jakarta.jms.JMSException;
import org.tidings.jms.client.ClientConnection;
import org.tidings.jms.client.ClientDelivery;
import org.tidings.protocol.frame.Outcome;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE: a message is accepted as soon as receive returns it or its listener
 * returns; a listener that throws gets the message redelivered by the broker, counted as a failed delivery.
 * {@code recover()} called by a listener has the broker deliver the message it is handling again once the listener
 * returns.
 */
final class AutoSettlement extends Settlement {

    private ClientDelivery recovering;

    AutoSettlement(ClientConnection core, int sessionId) {
        super(core, sessionId);
    }

    @Override
    boolean keepsUnsettled() {
        return false;
    }

    @Override
    public void consumed(ClientDelivery delivery) throws JMSException {
        super.consumed(delivery);
        if (rejectedInListener(delivery)) {
            return;
        }
        boolean again;
        synchronized (this) {
            again = recovering == delivery;
            recovering = null;
        }
        if (again) {
            recoverAtBroker(List.of(delivery));
        } else {
            settle(Outcome.ACCEPT, new long[] {delivery.deliveryId()}, false);
        }
    }

    @Override
    public synchronized void recover() {
        recovering = inListener();
    }

    /** The broker is told what the listener threw, so a message that goes to a dead-letter queue carries it. */
    @Override
    public void listenerFailed(ClientDelivery delivery, RuntimeException failure) throws JMSException {
        super.listenerFailed(delivery, failure);
        if (rejectedInListener(delivery)) {
            return;
        }
        settle(Outcome.REDELIVER, new long[] {delivery.deliveryId()}, false, describe(failure));
    }

    /** The failure's stack trace, as {@code printStackTrace} writes it, cut to what a SETTLE carries. */
    static String describe(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return fitted(trace.toString());
    }
}
