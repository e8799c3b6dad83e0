package org.tidings.protocol.codec;

import io.netty.buffer.ByteBuf;
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
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure encoding of frames (PROTOCOL.md, "Frames"): {@code type byte, fields, extension section}. The 4-byte length
 * prefix is the business of {@link FrameEncoder} and {@link FrameDecoder}. Decoding consumes exactly one frame
 * body and fails with {@link MalformedFrameException} on anything that does not fit its layout.
 */
public final class FrameCodec {

    private FrameCodec() {
    }

    /** Writes {@code frame} without length prefix. */
    public static void encode(Frame frame, ByteBuf out) {
        out.writeByte(frame.type().code());
        switch (frame.type()) {
            case HELLO -> {
                Hello f = (Hello) frame;
                out.writeInt(f.magic());
                out.writeInt(f.version());
                out.writeLong(f.features());
                Wire.writeString(out, f.clientId());
                Wire.writeString(out, f.username());
                Wire.writeString(out, f.password());
                out.writeInt(f.heartbeatMillis());
            }
            case HELLO_OK -> {
                HelloOk f = (HelloOk) frame;
                out.writeInt(f.version());
                out.writeLong(f.features());
                Wire.writeString(out, f.connectionId());
                Wire.writeString(out, f.brokerVersion());
                out.writeInt(f.heartbeatMillis());
                out.writeInt(f.maxMessageSize());
            }
            case HEARTBEAT -> { }
            case CLOSE -> out.writeLong(((Close) frame).requestId());
            case RESPONSE -> {
                Response f = (Response) frame;
                out.writeLong(f.requestId());
                out.writeByte(f.code().code());
                Wire.writeString(out, f.message());
                Wire.writeString(out, f.value());
            }
            case SET_CLIENT_ID -> {
                SetClientId f = (SetClientId) frame;
                out.writeLong(f.requestId());
                Wire.writeString(out, f.clientId());
            }
            case CREATE_SESSION -> {
                CreateSession f = (CreateSession) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                out.writeByte(f.mode().code());
            }
            case CLOSE_SESSION -> {
                CloseSession f = (CloseSession) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
            }
            case SEND -> {
                Send f = (Send) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                Wire.writeBytes(out, f.message());
            }
            case SETTLE -> {
                Settle f = (Settle) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                out.writeByte(f.outcome().ordinal());
                Wire.writeLongs(out, f.deliveryIds());
                Wire.writeString(out, f.error());
            }
            case RECOVER -> {
                Recover f = (Recover) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                Wire.writeLongs(out, f.shownDeliveryIds());
            }
            case COMMIT -> {
                Commit f = (Commit) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
            }
            case ROLLBACK -> {
                Rollback f = (Rollback) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
            }
            case CREATE_CONSUMER -> {
                CreateConsumer f = (CreateConsumer) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.sessionId());
                out.writeLong(f.consumerId());
                DestinationRef.write(out, f.destination());
                Wire.writeString(out, f.selector());
                Wire.writeBoolean(out, f.noLocal());
                Wire.writeString(out, f.subscriptionName());
                Wire.writeBoolean(out, f.durable());
                Wire.writeBoolean(out, f.shared());
                out.writeInt(f.credit());
            }
            case CLOSE_CONSUMER -> {
                CloseConsumer f = (CloseConsumer) frame;
                out.writeLong(f.requestId());
                out.writeLong(f.consumerId());
                Wire.writeLongs(out, f.retainedDeliveryIds());
            }
            case CREDIT -> {
                Credit f = (Credit) frame;
                out.writeLong(f.consumerId());
                out.writeInt(f.credit());
            }
            case SEND_CREDIT -> out.writeLong(((SendCredit) frame).bytes());
            case PULL -> {
                Pull f = (Pull) frame;
                out.writeLong(f.requestId());
                out.writeLong(f.consumerId());
                out.writeLong(f.timeoutMillis());
            }
            case DELIVER -> {
                Deliver f = (Deliver) frame;
                out.writeLong(f.consumerId());
                out.writeLong(f.deliveryId());
                out.writeInt(f.deliveryCount());
                Wire.writeBytes(out, f.message());
            }
            case BROWSE -> {
                Browse f = (Browse) frame;
                out.writeLong(f.requestId());
                DestinationRef.write(out, f.queue());
                Wire.writeString(out, f.selector());
                out.writeLong(f.afterPosition());
                out.writeInt(f.maxMessages());
            }
            case BROWSE_PAGE -> {
                BrowsePage f = (BrowsePage) frame;
                out.writeLong(f.requestId());
                out.writeInt(f.messages().size());
                for (byte[] message : f.messages()) {
                    Wire.writeBytes(out, message);
                }
                out.writeLong(f.lastPosition());
                Wire.writeBoolean(out, f.more());
            }
            case CREATE_TEMPORARY_DESTINATION -> {
                CreateTemporaryDestination f = (CreateTemporaryDestination) frame;
                out.writeLong(f.requestId());
                out.writeByte(f.kind().code());
            }
            case DELETE_TEMPORARY_DESTINATION -> {
                DeleteTemporaryDestination f = (DeleteTemporaryDestination) frame;
                out.writeLong(f.requestId());
                DestinationRef.write(out, f.destination());
            }
            case REPLAY_DEAD_LETTERS -> {
                ReplayDeadLetters f = (ReplayDeadLetters) frame;
                out.writeLong(f.requestId());
                DestinationRef.write(out, f.queue());
                Wire.writeString(out, f.selector());
            }
            case UNSUBSCRIBE -> {
                Unsubscribe f = (Unsubscribe) frame;
                out.writeLong(f.requestId());
                Wire.writeString(out, f.subscriptionName());
            }
        }
        out.writeShort(0); // extension section: this version writes none
    }

    /** Reads one frame that occupies all readable bytes of {@code in}. */
    public static Frame decode(ByteBuf in, FrameLimits limits) {
        try {
            Wire.require(in, 1, "frame type");
            int code = in.readUnsignedByte();
            FrameType type = FrameType.of(code);
            if (type == null) {
                throw new MalformedFrameException("unknown frame type " + code);
            }
            Frame frame = decodeBody(type, in, limits);
            skipExtensions(in);
            if (in.isReadable()) {
                throw new MalformedFrameException(in.readableBytes() + " unexpected bytes after " + type + " frame");
            }
            return frame;
        } catch (IndexOutOfBoundsException e) {
            throw new MalformedFrameException("truncated frame");
        }
    }

    private static Frame decodeBody(FrameType type, ByteBuf in, FrameLimits limits) {
        return switch (type) {
            case HELLO -> new Hello(in.readInt(), in.readInt(), in.readLong(), Wire.readString(in, limits),
                    Wire.readString(in, limits), Wire.readString(in, limits), in.readInt());
            case HELLO_OK -> new HelloOk(in.readInt(), in.readLong(), Wire.readString(in, limits),
                    Wire.readString(in, limits), in.readInt(), in.readInt());
            case HEARTBEAT -> Heartbeat.INSTANCE;
            case CLOSE -> new Close(in.readLong());
            case RESPONSE -> new Response(in.readLong(), ErrorCode.of(in.readUnsignedByte()),
                    Wire.readString(in, limits), Wire.readString(in, limits));
            case SET_CLIENT_ID -> new SetClientId(in.readLong(), Wire.readString(in, limits));
            case CREATE_SESSION -> new CreateSession(in.readLong(), in.readInt(), sessionMode(in));
            case CLOSE_SESSION -> new CloseSession(in.readLong(), in.readInt());
            case SEND -> new Send(in.readLong(), in.readInt(), required(Wire.readBytes(in), "message"));
            case RECOVER -> new Recover(in.readLong(), in.readInt(), Wire.readLongs(in));
            case SETTLE -> new Settle(in.readLong(), in.readInt(), outcome(in), Wire.readLongs(in),
                    Wire.readString(in, limits));
            case COMMIT -> new Commit(in.readLong(), in.readInt());
            case ROLLBACK -> new Rollback(in.readLong(), in.readInt());
            case CREATE_CONSUMER -> new CreateConsumer(in.readLong(), in.readInt(), in.readLong(),
                    required(DestinationRef.read(in, limits), "destination"), Wire.readString(in, limits),
                    Wire.readBoolean(in), Wire.readString(in, limits), Wire.readBoolean(in), Wire.readBoolean(in),
                    in.readInt());
            case CLOSE_CONSUMER -> new CloseConsumer(in.readLong(), in.readLong(), Wire.readLongs(in));
            case CREDIT -> new Credit(in.readLong(), in.readInt());
            case SEND_CREDIT -> new SendCredit(in.readLong());
            case PULL -> new Pull(in.readLong(), in.readLong(), in.readLong());
            case DELIVER -> new Deliver(in.readLong(), in.readLong(), in.readInt(),
                    required(Wire.readBytes(in), "message"));
            case BROWSE -> new Browse(in.readLong(), required(DestinationRef.read(in, limits), "queue"),
                    Wire.readString(in, limits), in.readLong(), in.readInt());
            case BROWSE_PAGE -> browsePage(in);
            case CREATE_TEMPORARY_DESTINATION -> new CreateTemporaryDestination(in.readLong(), destinationKind(in));
            case DELETE_TEMPORARY_DESTINATION -> new DeleteTemporaryDestination(in.readLong(),
                    required(DestinationRef.read(in, limits), "destination"));
            case UNSUBSCRIBE -> new Unsubscribe(in.readLong(), required(Wire.readString(in, limits), "name"));
            case REPLAY_DEAD_LETTERS -> new ReplayDeadLetters(in.readLong(),
                    required(DestinationRef.read(in, limits), "queue"), Wire.readString(in, limits));
        };
    }

    private static BrowsePage browsePage(ByteBuf in) {
        long requestId = in.readLong();
        int count = Wire.readCount(in, 4, Integer.MAX_VALUE, "browse message");
        List<byte[]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(required(Wire.readBytes(in), "message"));
        }
        return new BrowsePage(requestId, messages, in.readLong(), Wire.readBoolean(in));
    }

    private static void skipExtensions(ByteBuf in) {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.readUnsignedShort(); // tag: none is known to this version, so every extension is skipped
            int length = in.readInt();
            if (length < 0 || length > in.readableBytes()) {
                throw new MalformedFrameException("extension length " + length + " exceeds the frame");
            }
            in.skipBytes(length);
        }
    }

    private static SessionMode sessionMode(ByteBuf in) {
        int code = in.readUnsignedByte();
        SessionMode mode = SessionMode.of(code);
        if (mode == null) {
            throw new MalformedFrameException("unknown session mode " + code);
        }
        return mode;
    }

    private static Outcome outcome(ByteBuf in) {
        int code = in.readUnsignedByte();
        Outcome outcome = Outcome.of(code);
        if (outcome == null) {
            throw new MalformedFrameException("unknown settle outcome " + code);
        }
        return outcome;
    }

    private static DestinationKind destinationKind(ByteBuf in) {
        int code = in.readUnsignedByte();
        DestinationKind kind = DestinationKind.of(code);
        if (kind == null) {
            throw new MalformedFrameException("unknown destination kind " + code);
        }
        return kind;
    }

    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new MalformedFrameException("missing " + what);
        }
        return value;
    }
}
