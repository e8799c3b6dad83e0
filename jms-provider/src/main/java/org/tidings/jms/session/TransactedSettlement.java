package org.tidings.jms.session;

import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;
import org.tidings.jms.client.BrokerErrorException;
import org.tidings.jms.client.ClientDelivery;
import org.tidings.jms.client.ClientConnection;
import org.tidings.jms.support.JmsExceptions;
import org.tidings.protocol.frame.Commit;
import org.tidings.protocol.frame.Outcome;
import org.tidings.protocol.frame.Rollback;

import java.io.IOException;
import java.util.List;

/**
 * SESSION_TRANSACTED: sends are held by the broker's transaction; received messages are accepted at commit, together
 * with the sends, as one durable unit. Rollback discards the sends and has the broker deliver the received messages
 * again, each counted as a failed delivery.
 */
final class TransactedSettlement extends Settlement {

    TransactedSettlement(ClientConnection core, int sessionId) {
        super(core, sessionId);
    }

    @Override
    boolean keepsUnsettled() {
        return true;
    }

    @Override
    public void commit() throws JMSException {
        List<ClientDelivery> received = takeUnsettled();
        settle(Outcome.ACCEPT, ids(received), false);
        try {
            core().call(id -> new Commit(id, sessionId()));
        } catch (BrokerErrorException e) {
            JMSException failure = JmsExceptions.from(e);
            if (failure instanceof TransactionRolledBackException) {
                recoverAtBroker(received);
            }
            throw failure;
        } catch (IOException e) {
            throw JmsExceptions.from(e);
        }
    }

    @Override
    public void rollback() throws JMSException {
        JmsExceptions.call(core(), id -> new Rollback(id, sessionId()));
        recoverAtBroker(takeUnsettled());
    }

    @Override
    public void recover() throws JMSException {
        throw new jakarta.jms.IllegalStateException("recover() called on a transacted session; use rollback()");
    }
}
