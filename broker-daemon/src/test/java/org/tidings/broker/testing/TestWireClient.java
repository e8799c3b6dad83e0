package org.tidings.broker.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.tidings.protocol.codec.FrameCodec;
import org.tidings.protocol.codec.FrameEncoder;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.frame.Frame;
import org.tidings.protocol.frame.Hello;
import org.tidings.protocol.frame.HelloOk;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.SendCredit;
import org.tidings.protocol.message.BodyType;
import org.tidings.protocol.message.DestinationRef;
import org.tidings.protocol.message.MessageCodec;
import org.tidings.protocol.message.MessageHeaders;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw protocol client over a plain socket for broker tests: writes frames (or arbitrary bytes), and a reader
 * thread queues every frame received but SEND_CREDIT (it sends without waiting for credit: flow control is not what
 * these tests look at). Not thread-safe for writing; one test thread drives it.
 */
public final class TestWireClient implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;
    private static final AtomicLong MESSAGE_IDS = new AtomicLong();

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong requestIds = new AtomicLong();

    public TestWireClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "test-wire-reader-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects and completes the handshake. */
    public static TestWireClient connect(int port, String clientId) throws IOException, InterruptedException {
        TestWireClient client = new TestWireClient(port);
        client.send(new Hello(Hello.MAGIC, Hello.VERSION, 0, clientId, null, null, 0));
        client.expect(HelloOk.class);
        return client;
    }

    public long nextRequestId() {
        return requestIds.incrementAndGet();
    }

    public void send(Frame frame) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        FrameEncoder.writeFrame(frame, buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        sendRaw(bytes);
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame received, failing after a bounded wait. */
    public Frame next() throws InterruptedException {
        Frame frame = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame received within " + WAIT_SECONDS + " s");
        }
        return frame;
    }

    /** The next frame, which must be of {@code type}. */
    public <T extends Frame> T expect(Class<T> type) throws InterruptedException {
        Frame frame = next();
        if (!type.isInstance(frame)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + frame);
        }
        return type.cast(frame);
    }

    /** Sends a request and returns its RESPONSE (the next frame must be it). */
    public Response request(Frame request) throws IOException, InterruptedException {
        send(request);
        return expect(Response.class);
    }

    /** Whether a frame arrives within {@code millis}; consumes it. */
    public Frame poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits (bounded) until the broker closed the socket. */
    public boolean awaitClosed() throws InterruptedException {
        return closed.await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An encoded text message to {@code destination}. */
    public static byte[] message(DestinationRef destination, String text, boolean persistent, int priority) {
        return message(destination, text, persistent, priority, 0, 0);
    }

    public static byte[] message(DestinationRef destination, String text, boolean persistent, int priority,
                                 long expiration, long deliveryTime) {
        MessageHeaders headers = new MessageHeaders("ID:test-" + MESSAGE_IDS.incrementAndGet(), System.currentTimeMillis(), null, null,
                destination, null, persistent, priority, expiration, deliveryTime, null);
        return MessageCodec.encode(headers, Map.of(), BodyType.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text body of an encoded message. */
    public static String text(byte[] encoded) {
        return new String(MessageCodec.decode(encoded, FrameLimits.DEFAULT).body(), StandardCharsets.UTF_8);
    }

    private void readLoop() {
        try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
            while (true) {
                int length = in.readInt();
                byte[] body = new byte[length];
                in.readFully(body);
                Frame frame = FrameCodec.decode(Unpooled.wrappedBuffer(body), FrameLimits.DEFAULT);
                if (!(frame instanceof SendCredit)) {
                    received.add(frame);
                }
            }
        } catch (EOFException e) {
            // the broker closed the connection
        } catch (IOException e) {
            // closed by us or reset
        } finally {
            closed.countDown();
        }
    }
}
