package org.tidings.jms.it;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Asynchronous send with a CompletionListener: completions in send order, the refusals the spec demands. */
@Timeout(60)
class AsyncSendIT extends BrokerTestSupport {

    /** Records completions in the order they run. */
    private static final class Recorder implements CompletionListener {
        final List<String> completed = Collections.synchronizedList(new ArrayList<>());
        final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch done;

        Recorder(int expected) {
            done = new CountDownLatch(expected);
        }

        @Override
        public void onCompletion(Message message) {
            try {
                completed.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                failures.add(e);
            }
            done.countDown();
        }

        @Override
        public void onException(Message message, Exception exception) {
            failures.add(exception);
            done.countDown();
        }
    }

    @Test
    void completionsRunInSendOrderAndEveryMessageArrives() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(name);
        MessageProducer producer = session.createProducer(queue);
        int count = 200;
        Recorder recorder = new Recorder(count);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            producer.setDeliveryMode(i % 3 == 0 ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage("m" + i), recorder);
            expected.add("m" + i);
        }

        assertThat(recorder.done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(recorder.failures).isEmpty();
        assertThat(recorder.completed).containsExactlyElementsOf(expected);
        // JMS orders messages per delivery mode: persistent ones wait for the disk, non-persistent ones do not
        MessageConsumer consumer = session.createConsumer(queue);
        List<String> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(((TextMessage) consumer.receive(5000)).getText());
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(received.stream().filter(AsyncSendIT::nonPersistent).toList())
                .containsExactlyElementsOf(expected.stream().filter(AsyncSendIT::nonPersistent).toList());
        assertThat(received.stream().filter(t -> !nonPersistent(t)).toList())
                .containsExactlyElementsOf(expected.stream().filter(t -> !nonPersistent(t)).toList());
    }

    private static boolean nonPersistent(String text) {
        return Integer.parseInt(text.substring(1)) % 3 == 0;
    }

    @Test
    void aCompletionListenerMayNotCloseOrCommitItsOwnSessionOrProducer() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createQueue(name));

        List<Exception> refusals = failuresOfCallsInCompletion(producer, session.createTextMessage("x"),
                List.of(session::commit, session::close, connection::close, producer::close));

        assertThat(refusals).hasSize(4).allMatch(e -> e instanceof IllegalStateException);
        session.rollback();
    }

    @Test
    void aCompletionListenerMayStopItsOwnConnection() throws Exception {
        Connection connection = connect();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(name));
        connection.start();

        List<Exception> failures = failuresOfCallsInCompletion(producer, session.createTextMessage("x"),
                List.of(connection::stop));

        assertThat(failures).isEmpty();
    }

    /**
     * Sends {@code message} asynchronously, makes {@code calls} from its CompletionListener and returns what they
     * (or the send) threw, once the listener ran.
     */
    private static List<Exception> failuresOfCallsInCompletion(MessageProducer producer, Message message,
                                                               List<JmsCall> calls) throws Exception {
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        producer.send(message, new CompletionListener() {
            @Override
            public void onCompletion(Message sent) {
                calls.forEach(call -> call(call, failures));
                done.countDown();
            }

            @Override
            public void onException(Message sent, Exception exception) {
                failures.add(exception);
                done.countDown();
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        return failures;
    }

    @Test
    void theSimplifiedApiSendsAsynchronouslyToo() throws Exception {
        try (JMSContext context = factory().createContext()) {
            Queue queue = context.createQueue(name);
            Recorder recorder = new Recorder(1);
            context.createProducer().setAsync(recorder).send(queue, "async");
            assertThat(recorder.done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(recorder.completed).containsExactly("async");
            assertThat(context.createConsumer(queue).receiveBody(String.class, 5000)).isEqualTo("async");
        }
    }

    private interface JmsCall {
        void run() throws JMSException;
    }

    private static void call(JmsCall call, List<Exception> refusals) {
        try {
            call.run();
        } catch (JMSException e) {
            refusals.add(e);
        }
    }
}
