package org.tidings.benchmarks;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Round trips of a 256-byte non-persistent request to a responder that answers on the request's JMSReplyTo, a
 * temporary queue; latency percentiles from an HdrHistogram, in microseconds.
 */
final class RequestReply implements Scenario {

    private static final int SIZE = 256;

    private final int baseCount;

    RequestReply(int baseCount) {
        this.baseCount = baseCount;
    }

    @Override
    public String id() {
        return "reqreply";
    }

    @Override
    public List<Measurement> run(BrokerUnderTest broker, Settings settings) throws Exception {
        ConnectionFactory factory = broker.connectionFactory();
        int count = settings.count(baseCount);
        try (Connection responderConnection = factory.createConnection();
             Connection requesterConnection = factory.createConnection()) {
            Session responderSession = responderConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer replies = responderSession.createProducer(null);
            replies.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            responderSession.createConsumer(responderSession.createQueue("bench.requests"))
                    .setMessageListener(request -> reply(responderSession, replies, request));
            responderConnection.start();

            Session session = requesterConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replyTo = session.createTemporaryQueue();
            MessageConsumer replyConsumer = session.createConsumer(replyTo);
            MessageProducer requests = session.createProducer(session.createQueue("bench.requests"));
            requests.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            requesterConnection.start();

            Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
            int warmupCount = Workloads.warmupCount(count);
            Workloads.repeatFor(settings.warmup(),
                    () -> roundTrips(session, requests, replyConsumer, replyTo, warmupCount, null));
            Workloads.repeatFor(settings.measurement(),
                    () -> roundTrips(session, requests, replyConsumer, replyTo, count, histogram));
            return List.of(
                    Measurement.lower(id(), "request/reply 256 B p50", "us", histogram.getValueAtPercentile(50)),
                    Measurement.lower(id(), "request/reply 256 B p99", "us", histogram.getValueAtPercentile(99)),
                    Measurement.lower(id(), "request/reply 256 B p99.9", "us",
                            histogram.getValueAtPercentile(99.9)));
        }
    }

    /** {@code count} round trips, each recorded in {@code histogram} unless it is {@code null}; their nanoseconds. */
    private static long roundTrips(Session session, MessageProducer requests, MessageConsumer replies,
                                   TemporaryQueue replyTo, int count, Histogram histogram) throws JMSException {
        long started = System.nanoTime();
        byte[] body = new byte[SIZE];
        for (int i = 0; i < count; i++) {
            BytesMessage request = session.createBytesMessage();
            request.writeBytes(body);
            request.setJMSReplyTo(replyTo);
            long begin = System.nanoTime();
            requests.send(request);
            Message reply = replies.receive(10_000);
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - begin);
            if (reply == null) {
                throw new IllegalStateException("no reply within 10 s to request " + i);
            }
            if (!request.getJMSMessageID().equals(reply.getJMSCorrelationID())) {
                throw new IllegalStateException("reply to another request: " + reply.getJMSCorrelationID());
            }
            if (histogram != null) {
                histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
            }
        }
        return System.nanoTime() - started;
    }

    private static void reply(Session session, MessageProducer replies, Message request) {
        try {
            BytesMessage reply = session.createBytesMessage();
            reply.writeBytes(new byte[SIZE]);
            reply.setJMSCorrelationID(request.getJMSMessageID());
            replies.send(request.getJMSReplyTo(), reply);
        } catch (JMSException e) {
            throw new IllegalStateException("responder failed", e);
        }
    }
}
