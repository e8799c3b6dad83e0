package org.tidings.jms.consumer;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import org.tidings.jms.TidingsDestination;
import org.tidings.jms.client.BrokerErrorException;
import org.tidings.jms.client.ClientConnection;
import org.tidings.jms.message.TidingsMessage;
import org.tidings.jms.session.TidingsSession;
import org.tidings.jms.support.JmsExceptions;
import org.tidings.protocol.frame.Browse;
import org.tidings.protocol.frame.BrowsePage;
import org.tidings.protocol.message.DestinationRef;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * Looks at a queue's messages in delivery order without consuming them. Each enumeration reads the queue afresh,
 * page by page, as it is iterated; messages that arrive or leave meanwhile may or may not be seen.
 *
 * <p>Threading: used by the session's thread of control, like the session.
 */
public final class TidingsQueueBrowser implements QueueBrowser {

    private static final int PAGE_SIZE = 200;

    private final TidingsSession session;
    private final Queue queue;
    private final DestinationRef ref;
    private final String selector;
    private volatile boolean closed;

    public TidingsQueueBrowser(TidingsSession session, Queue queue, String selector) throws JMSException {
        this.session = session;
        this.queue = queue;
        TidingsDestination destination = TidingsSession.tidingsDestination(queue);
        if (destination.toRef().kind().isTopic()) {
            throw new jakarta.jms.InvalidDestinationException("a browser needs a queue, not " + destination);
        }
        this.ref = destination.toRef();
        this.selector = ConsumerSpec.checkSelector(selector);
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return queue;
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector;
    }

    @Override
    public Enumeration<Message> getEnumeration() throws JMSException {
        checkOpen();
        return new PageEnumeration();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw JmsExceptions.closed("browser");
        }
        session.checkOpen();
    }

    /** Fetches the next page when the current one is used up. */
    private final class PageEnumeration implements Enumeration<Message> {
        private final Deque<byte[]> page = new ArrayDeque<>();
        private long position;
        private boolean more = true;

        @Override
        public boolean hasMoreElements() {
            while (page.isEmpty() && more && !closed) {
                fetch();
            }
            return !page.isEmpty();
        }

        @Override
        public Message nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException("no more messages on " + ref);
            }
            try {
                return TidingsMessage.decode(page.pollFirst(), 1, session.core().limits());
            } catch (JMSException e) {
                throw new IllegalStateException("cannot decode a browsed message: " + e.getMessage(), e);
            }
        }

        private void fetch() {
            ClientConnection core = session.core();
            try {
                BrowsePage next = (BrowsePage) core.call(id -> new Browse(id, ref, selector, position, PAGE_SIZE));
                page.addAll(next.messages());
                position = next.lastPosition();
                more = next.more() && !next.messages().isEmpty();
            } catch (BrokerErrorException | IOException e) {
                more = false;
                throw new IllegalStateException("browsing " + ref + " failed: " + e.getMessage(), e);
            }
        }
    }
}
