package org.tidings.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tidings.protocol.frame.Browse;
import org.tidings.protocol.frame.BrowsePage;
import org.tidings.protocol.frame.Close;
import org.tidings.protocol.frame.CloseConsumer;
import org.tidings.protocol.frame.CloseSession;
import org.tidings.protocol.frame.Commit;
import org.tidings.protocol.frame.CreateConsumer;
import org.tidings.protocol.frame.CreateSession;
import org.tidings.protocol.frame.CreateTemporaryDestination;
import org.tidings.protocol.frame.Credit;
import org.tidings.protocol.frame.DeleteTemporaryDestination;
import org.tidings.protocol.frame.Deliver;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.Frame;
import org.tidings.protocol.frame.FrameType;
import org.tidings.protocol.frame.Heartbeat;
import org.tidings.protocol.frame.Hello;
import org.tidings.protocol.frame.HelloOk;
import org.tidings.protocol.frame.Outcome;
import org.tidings.protocol.frame.Pull;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.Rollback;
import org.tidings.protocol.frame.Send;
import org.tidings.protocol.frame.SendCredit;
import org.tidings.protocol.frame.SessionMode;
import org.tidings.protocol.frame.SetClientId;
import org.tidings.protocol.frame.Recover;
import org.tidings.protocol.frame.ReplayDeadLetters;
import org.tidings.protocol.frame.Settle;
import org.tidings.protocol.frame.Unsubscribe;
import org.tidings.protocol.message.BodyCodec;
import org.tidings.protocol.message.BodyType;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;
import org.tidings.protocol.message.MessageCodec;
import org.tidings.protocol.message.MessageHeaders;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link FrameCodec} against PROTOCOL.md "Frames": every frame type survives encode → decode, is encoded with the
 * documented layout, and every truncation or extra byte of a valid frame is refused.
 */
class FrameCodecTest {

    /** The type codes of the table in PROTOCOL.md. */
    private static final Map<FrameType, Integer> SPEC_TYPE_CODES = Map.ofEntries(
            entry(FrameType.HELLO, 1), entry(FrameType.HELLO_OK, 2), entry(FrameType.HEARTBEAT, 3),
            entry(FrameType.CLOSE, 4), entry(FrameType.RESPONSE, 5), entry(FrameType.SET_CLIENT_ID, 6),
            entry(FrameType.CREATE_SESSION, 10), entry(FrameType.CLOSE_SESSION, 11), entry(FrameType.SEND, 12),
            entry(FrameType.RECOVER, 16),
            entry(FrameType.SETTLE, 13), entry(FrameType.COMMIT, 14), entry(FrameType.ROLLBACK, 15),
            entry(FrameType.CREATE_CONSUMER, 20), entry(FrameType.CLOSE_CONSUMER, 21), entry(FrameType.CREDIT, 22),
            entry(FrameType.PULL, 23), entry(FrameType.DELIVER, 24), entry(FrameType.BROWSE, 25),
            entry(FrameType.BROWSE_PAGE, 26), entry(FrameType.CREATE_TEMPORARY_DESTINATION, 30),
            entry(FrameType.DELETE_TEMPORARY_DESTINATION, 31), entry(FrameType.UNSUBSCRIBE, 32),
            entry(FrameType.REPLAY_DEAD_LETTERS, 40), entry(FrameType.SEND_CREDIT, 41));

    /** RESPONSE error codes in PROTOCOL.md order: the index is the code. */
    private static final List<ErrorCode> SPEC_ERROR_CODES = List.of(ErrorCode.OK, ErrorCode.GENERAL,
            ErrorCode.SECURITY, ErrorCode.INVALID_DESTINATION, ErrorCode.INVALID_SELECTOR, ErrorCode.ILLEGAL_STATE,
            ErrorCode.INVALID_CLIENT_ID, ErrorCode.RESOURCE_ALLOCATION, ErrorCode.MESSAGE_TOO_LARGE,
            ErrorCode.TRANSACTION_ROLLED_BACK, ErrorCode.PROTOCOL);

    private static final byte[] ORDER = MessageCodec.encode(
            new MessageHeaders("ID:conn-7f3a:1:1:1", 1_700_000_000_000L, "order-4711", null,
                    DestinationRef.queue("orders"), new DestinationRef(DestinationKind.TEMPORARY_QUEUE, "tmp.q.7f3a.1"),
                    true, 4, 0L, 1_700_000_000_000L, "Order"),
            Map.of("region", "EU", "amount", 129.5), BodyType.TEXT, BodyCodec.encodeText("{\"id\":4711}"));
    private static final byte[] PRICE = MessageCodec.encode(
            new MessageHeaders(null, 0L, null, null, DestinationRef.topic("prices.eu"), null, false, 9, 0L, 0L, null),
            Map.of(), BodyType.BYTES, new byte[] {0, 1, 2, 3, -1});

    /** One realistic frame of every type. */
    static List<Frame> samples() {
        return List.of(
                new Hello(Hello.MAGIC, Hello.VERSION, 0L, "order-service", "alice", "s3cret", 10_000),
                new HelloOk(Hello.VERSION, 0L, "ID:conn-7f3a", "0.1.0", 10_000, 10 * 1024 * 1024),
                Heartbeat.INSTANCE,
                new Close(99L),
                Response.error(42L, ErrorCode.INVALID_DESTINATION, "temporary queue tmp.q.3 no longer exists"),
                new SetClientId(1L, "order-service"),
                new CreateSession(2L, 1, SessionMode.CLIENT_ACKNOWLEDGE),
                new CloseSession(3L, 1),
                new Send(4L, 1, ORDER),
                new Settle(0L, 1, Outcome.ACCEPT, new long[] {101, 102, 103}),
                new Recover(26L, 3, new long[] {5, 9}),
                new Commit(5L, 2),
                new Rollback(6L, 2),
                new CreateConsumer(7L, 1, 11L, DestinationRef.queue("orders"), null, false, null, false, false, 1000),
                new CloseConsumer(8L, 11L, new long[0]),
                new Credit(11L, 500),
                new SendCredit(1L << 20),
                new Pull(9L, 12L, 5_000L),
                new Deliver(11L, 104L, 1, ORDER),
                new Browse(10L, DestinationRef.queue("orders"), "region = 'EU'", 0L, 100),
                new BrowsePage(10L, List.of(ORDER, PRICE), 2L, true),
                new CreateTemporaryDestination(13L, DestinationKind.TEMPORARY_QUEUE),
                new DeleteTemporaryDestination(14L, new DestinationRef(DestinationKind.TEMPORARY_TOPIC, "tmp.t.1")),
                new Unsubscribe(15L, "audit-trail"),
                new ReplayDeadLetters(16L, DestinationRef.queue("DLQ.orders"), "customer = 'a'"));
    }

    /** Further values worth a round trip: nulls, empties, extremes, non-ASCII, every enum constant. */
    static List<Frame> variants() {
        return List.of(
                new Hello(Hello.MAGIC, Hello.VERSION, -1L, null, null, null, 0),
                new Hello(0xCAFEBABE, 99, Long.MIN_VALUE, "", "", "", Integer.MAX_VALUE),
                new HelloOk(Hello.VERSION, 0L, "ID:conn-1", null, 0, Integer.MAX_VALUE),
                Response.ok(16L),
                Response.ok(17L, "tmp.q.7f3a.2"),
                Response.error(0L, ErrorCode.PROTOCOL, "frame length 0 outside 1..10551296"),
                new Response(18L, ErrorCode.SECURITY, "", ""),
                new SetClientId(19L, "Bestellungen-Zürich-\uD83D\uDCE6"),
                new SetClientId(20L, null),
                new CreateSession(21L, 2, SessionMode.TRANSACTED),
                new CreateSession(22L, 3, SessionMode.AUTO_ACKNOWLEDGE),
                new CreateSession(23L, Integer.MAX_VALUE, SessionMode.DUPS_OK_ACKNOWLEDGE),
                new Send(0L, 2, PRICE),
                new Send(Long.MAX_VALUE, 2, new byte[0]),
                new Settle(24L, 1, Outcome.RELEASE, new long[0]),
                new Settle(25L, 1, Outcome.REDELIVER, new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}),
                new Settle(0L, 1, Outcome.REDELIVER, new long[] {7}, "java.lang.IllegalStateException: no\n\tat x"),
                new Settle(3L, 1, Outcome.REJECT, new long[] {8}, "not for us"),
                new CreateConsumer(26L, 2, 12L, DestinationRef.topic("prices.eu"), "JMSPriority > 4", true,
                        "eu-prices", true, true, 0),
                new CreateConsumer(27L, 2, 13L, new DestinationRef(DestinationKind.TEMPORARY_QUEUE, "tmp.q.7f3a.1"),
                        "", false, "", false, true, Integer.MAX_VALUE),
                new CloseConsumer(28L, 12L, new long[] {104, 105}),
                new Credit(12L, 0),
                new SendCredit(Long.MAX_VALUE),
                new Pull(29L, 12L, 0L),
                new Pull(30L, 12L, -1L),
                new Deliver(12L, Long.MAX_VALUE, 17, new byte[0]),
                new Browse(31L, new DestinationRef(DestinationKind.TEMPORARY_QUEUE, "tmp.q.7f3a.1"), null,
                        Long.MAX_VALUE, 0),
                new BrowsePage(31L, List.of(), 0L, false),
                new BrowsePage(32L, List.of(new byte[0]), -1L, false),
                new CreateTemporaryDestination(33L, DestinationKind.TEMPORARY_TOPIC),
                new DeleteTemporaryDestination(34L, new DestinationRef(DestinationKind.TEMPORARY_QUEUE, "tmp.q.1")),
                new Unsubscribe(35L, ""),
                new ReplayDeadLetters(36L, DestinationRef.queue("ExpiryQueue"), null));
    }

    static List<Frame> allFrames() {
        return Stream.concat(samples().stream(), variants().stream()).toList();
    }

    @Test
    void theSamplesHoldExactlyOneFrameOfEveryType() {
        assertThat(samples()).extracting(Frame::type).containsExactlyInAnyOrder(FrameType.values());
    }

    @Test
    void typeCodesAreThoseOfProtocolMd() {
        EnumMap<FrameType, Integer> actual = new EnumMap<>(FrameType.class);
        for (FrameType type : FrameType.values()) {
            actual.put(type, type.code());
            assertThat(FrameType.of(type.code())).isSameAs(type);
        }
        assertThat(actual).isEqualTo(SPEC_TYPE_CODES);
    }

    @ParameterizedTest
    @MethodSource("allFrames")
    void roundTrip(Frame frame) {
        ByteBuf encoded = Unpooled.buffer();
        FrameCodec.encode(frame, encoded);

        Frame decoded = FrameCodec.decode(encoded, FrameLimits.DEFAULT);

        assertThat(decoded).isEqualTo(frame);
        assertThat(decoded.type()).isEqualTo(frame.type());
        assertThat(encoded.isReadable()).as("decode consumes the whole frame").isFalse();
    }

    @ParameterizedTest
    @MethodSource("allFrames")
    void encodingHasTheLayoutOfProtocolMd(Frame frame) {
        assertThat(encode(frame)).isEqualTo(specLayout(frame).toArray());
    }

    @ParameterizedTest
    @MethodSource("allFrames")
    void everyTruncationOfAFrameIsMalformed(Frame frame) {
        byte[] whole = encode(frame);
        for (int length = 0; length < whole.length; length++) {
            ByteBuf truncated = Unpooled.wrappedBuffer(Arrays.copyOf(whole, length));
            assertThatThrownBy(() -> FrameCodec.decode(truncated, FrameLimits.DEFAULT))
                    .as("%s cut to %d of %d bytes", frame.type(), length, whole.length)
                    .isInstanceOf(MalformedFrameException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void aByteAfterTheExtensionSectionIsMalformed(Frame frame) {
        ByteBuf withTrailingByte = Unpooled.buffer().writeBytes(encode(frame)).writeByte(0);
        assertThatThrownBy(() -> FrameCodec.decode(withTrailingByte, FrameLimits.DEFAULT))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("1 unexpected bytes after " + frame.type());
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 200, 255})
    void anErrorCodeUnknownToTheReaderIsGeneral(int code) {
        ByteBuf response = WireBuilder.frame(FrameType.RESPONSE).i64(7).u8(code).string("from the future")
                .string(null).noExtensions().toBuf();
        assertThat(FrameCodec.decode(response, FrameLimits.DEFAULT))
                .isEqualTo(new Response(7, ErrorCode.GENERAL, "from the future", null));
    }

    private static byte[] encode(Frame frame) {
        ByteBuf out = Unpooled.buffer();
        FrameCodec.encode(frame, out);
        return ByteBufUtil.getBytes(out);
    }

    /** The frame body written field by field from the table in PROTOCOL.md, independently of the codec. */
    private static WireBuilder specLayout(Frame frame) {
        WireBuilder b = WireBuilder.frame(SPEC_TYPE_CODES.get(frame.type()));
        switch (frame.type()) {
            case HELLO -> {
                Hello f = (Hello) frame;
                b.i32(f.magic()).i32(f.version()).i64(f.features()).string(f.clientId()).string(f.username())
                        .string(f.password()).i32(f.heartbeatMillis());
            }
            case HELLO_OK -> {
                HelloOk f = (HelloOk) frame;
                b.i32(f.version()).i64(f.features()).string(f.connectionId()).string(f.brokerVersion())
                        .i32(f.heartbeatMillis()).i32(f.maxMessageSize());
            }
            case HEARTBEAT -> { }
            case CLOSE -> b.i64(((Close) frame).requestId());
            case RESPONSE -> {
                Response f = (Response) frame;
                b.i64(f.requestId()).u8(SPEC_ERROR_CODES.indexOf(f.code())).string(f.message()).string(f.value());
            }
            case SET_CLIENT_ID -> {
                SetClientId f = (SetClientId) frame;
                b.i64(f.requestId()).string(f.clientId());
            }
            case CREATE_SESSION -> {
                CreateSession f = (CreateSession) frame;
                b.i64(f.requestId()).i32(f.sessionId()).u8(sessionModeCode(f.mode()));
            }
            case CLOSE_SESSION -> {
                CloseSession f = (CloseSession) frame;
                b.i64(f.requestId()).i32(f.sessionId());
            }
            case SEND -> {
                Send f = (Send) frame;
                b.i64(f.requestId()).i32(f.sessionId()).bytes(f.message());
            }
            case SETTLE -> {
                Settle f = (Settle) frame;
                b.i64(f.requestId()).i32(f.sessionId()).u8(outcomeCode(f.outcome())).longs(f.deliveryIds())
                        .string(f.error());
            }
            case RECOVER -> {
                Recover f = (Recover) frame;
                b.i64(f.requestId()).i32(f.sessionId()).longs(f.shownDeliveryIds());
            }
            case COMMIT -> {
                Commit f = (Commit) frame;
                b.i64(f.requestId()).i32(f.sessionId());
            }
            case ROLLBACK -> {
                Rollback f = (Rollback) frame;
                b.i64(f.requestId()).i32(f.sessionId());
            }
            case CREATE_CONSUMER -> {
                CreateConsumer f = (CreateConsumer) frame;
                b.i64(f.requestId()).i32(f.sessionId()).i64(f.consumerId()).destination(f.destination())
                        .string(f.selector()).bool(f.noLocal()).string(f.subscriptionName()).bool(f.durable())
                        .bool(f.shared()).i32(f.credit());
            }
            case CLOSE_CONSUMER -> {
                CloseConsumer f = (CloseConsumer) frame;
                b.i64(f.requestId()).i64(f.consumerId()).longs(f.retainedDeliveryIds());
            }
            case CREDIT -> {
                Credit f = (Credit) frame;
                b.i64(f.consumerId()).i32(f.credit());
            }
            case SEND_CREDIT -> b.i64(((SendCredit) frame).bytes());
            case PULL -> {
                Pull f = (Pull) frame;
                b.i64(f.requestId()).i64(f.consumerId()).i64(f.timeoutMillis());
            }
            case DELIVER -> {
                Deliver f = (Deliver) frame;
                b.i64(f.consumerId()).i64(f.deliveryId()).i32(f.deliveryCount()).bytes(f.message());
            }
            case BROWSE -> {
                Browse f = (Browse) frame;
                b.i64(f.requestId()).destination(f.queue()).string(f.selector()).i64(f.afterPosition())
                        .i32(f.maxMessages());
            }
            case BROWSE_PAGE -> {
                BrowsePage f = (BrowsePage) frame;
                b.i64(f.requestId()).i32(f.messages().size());
                f.messages().forEach(b::bytes);
                b.i64(f.lastPosition()).bool(f.more());
            }
            case CREATE_TEMPORARY_DESTINATION -> {
                CreateTemporaryDestination f = (CreateTemporaryDestination) frame;
                b.i64(f.requestId()).u8(WireBuilder.kindCode(f.kind()));
            }
            case DELETE_TEMPORARY_DESTINATION -> {
                DeleteTemporaryDestination f = (DeleteTemporaryDestination) frame;
                b.i64(f.requestId()).destination(f.destination());
            }
            case UNSUBSCRIBE -> {
                Unsubscribe f = (Unsubscribe) frame;
                b.i64(f.requestId()).string(f.subscriptionName());
            }
            case REPLAY_DEAD_LETTERS -> {
                ReplayDeadLetters f = (ReplayDeadLetters) frame;
                b.i64(f.requestId()).destination(f.queue()).string(f.selector());
            }
        }
        return b.noExtensions();
    }

    private static int sessionModeCode(SessionMode mode) {
        return switch (mode) {
            case TRANSACTED -> 0;
            case AUTO_ACKNOWLEDGE -> 1;
            case CLIENT_ACKNOWLEDGE -> 2;
            case DUPS_OK_ACKNOWLEDGE -> 3;
        };
    }

    private static int outcomeCode(Outcome outcome) {
        return switch (outcome) {
            case ACCEPT -> 0;
            case RELEASE -> 1;
            case REDELIVER -> 2;
            case REJECT -> 3;
        };
    }
}
