package org.tidings.jms.it;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tidings.broker.testing.BrokerProcessExtension;
import org.tidings.jms.TidingsConnectionFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of the end-to-end tests: one broker process per test class, connections through the public JMS API only,
 * closed after each test, and a destination name unique to each test.
 */
abstract class BrokerTestSupport extends TrackedConnections {

    @RegisterExtension
    static final BrokerProcessExtension broker = new BrokerProcessExtension();

    protected String name;

    @BeforeEach
    void nameDestinations(TestInfo test) {
        name = getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName();
    }

    protected TidingsConnectionFactory factory() {
        return new TidingsConnectionFactory(broker.url());
    }

    protected TidingsConnectionFactory factory(String options) {
        return new TidingsConnectionFactory(broker.url() + "?" + options);
    }

    /** A started connection, closed after the test. */
    protected Connection connect() throws JMSException {
        return track(factory().createConnection());
    }

    /**
     * The texts of the messages {@code consumer} receives until none arrives for half a second (after a first wait of
     * two seconds): for tests that check what a consumer got, not when.
     */
    protected static List<String> drain(MessageConsumer consumer) throws JMSException {
        List<String> texts = new ArrayList<>();
        for (Message m = consumer.receive(2000); m != null; m = consumer.receive(500)) {
            texts.add(((TextMessage) m).getText());
        }
        return texts;
    }
}
