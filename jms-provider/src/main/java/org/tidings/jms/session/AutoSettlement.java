package org.tidings.jms.session;

import jakarta.jms.JMSException;
import org.tidings.jms.client.ClientConnection;
import org.tidings.jms.client.ClientDelivery;
import org.tidings.protocol.frame.Outcome;

import java.util.List;

/**
 * AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE: a message is accepted as soon as receive returns it or its listener
 * returns; a listener that throws gets the message redelivered by the broker, counted as a failed delivery.
 * {@code recover()} called by a listener hands the message it is handling out again once the listener returns.
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
        boolean again;
        synchronized (this) {
            again = recovering == delivery;
            recovering = null;
        }
        if (again) {
            redeliverLocally(List.of(delivery));
        } else {
            settle(Outcome.ACCEPT, new long[] {delivery.deliveryId()}, false);
        }
    }

    @Override
    public synchronized void recover() {
        recovering = inListener();
    }

    @Override
    public void listenerFailed(ClientDelivery delivery) throws JMSException {
        super.listenerFailed(delivery);
        settle(Outcome.REDELIVER, new long[] {delivery.deliveryId()}, false);
    }
}
