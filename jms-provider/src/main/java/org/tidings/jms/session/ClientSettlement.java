package org.tidings.jms.session;

import jakarta.jms.JMSException;
import org.tidings.jms.client.ClientConnection;
import org.tidings.protocol.frame.Outcome;

/**
 * CLIENT_ACKNOWLEDGE: seen messages stay unsettled until {@code Message.acknowledge()}, which accepts every message
 * the session has handed out so far and returns once the broker has made that durable; {@code recover()} has the
 * broker deliver them again, each counted as a failed delivery.
 */
final class ClientSettlement extends Settlement {

    ClientSettlement(ClientConnection core, int sessionId) {
        super(core, sessionId);
    }

    @Override
    boolean keepsUnsettled() {
        return true;
    }

    @Override
    public void acknowledge() throws JMSException {
        settle(Outcome.ACCEPT, ids(takeUnsettled()), true);
    }

    @Override
    public void recover() throws JMSException {
        recoverAtBroker(takeUnsettled());
    }
}
