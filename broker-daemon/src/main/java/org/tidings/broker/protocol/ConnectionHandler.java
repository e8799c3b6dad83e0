package org.tidings.broker.protocol;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.protocol.codec.MalformedFrameException;
import org.tidings.protocol.frame.Browse;
import org.tidings.protocol.frame.Close;
import org.tidings.protocol.frame.CloseConsumer;
import org.tidings.protocol.frame.CloseSession;
import org.tidings.protocol.frame.Commit;
import org.tidings.protocol.frame.CreateConsumer;
import org.tidings.protocol.frame.CreateSession;
import org.tidings.protocol.frame.CreateTemporaryDestination;
import org.tidings.protocol.frame.Credit;
import org.tidings.protocol.frame.DeleteTemporaryDestination;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.Frame;
import org.tidings.protocol.frame.Heartbeat;
import org.tidings.protocol.frame.Hello;
import org.tidings.protocol.frame.Pull;
import org.tidings.protocol.frame.Recover;
import org.tidings.protocol.frame.ReplayDeadLetters;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.Rollback;
import org.tidings.protocol.frame.Send;
import org.tidings.protocol.frame.SetClientId;
import org.tidings.protocol.frame.Settle;
import org.tidings.protocol.frame.Unsubscribe;

import java.io.IOException;

/**
 * The last handler of a client pipeline: runs the handshake, then hands each frame to the handler of its family.
 * A malformed frame, a frame out of place or a silent peer closes this connection only, with a logged reason.
 *
 * <p>Runs on the channel's event loop, which is the broker core thread ({@code BrokerCore}).
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final BrokerContext context;
    private Connection connection;
    private boolean closing;

    public ConnectionHandler(BrokerContext context) {
        this.context = context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection = new Connection(ctx.channel(), context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.terminate(true);
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        if (closing) {
            return;
        }
        if (!connection.handshakeDone()) {
            if (frame instanceof Hello hello) {
                HandshakeHandler.hello(connection, hello);
            } else {
                protocolError(ctx, "expected HELLO as the first frame, got " + frame.type());
            }
            return;
        }
        handle(ctx, frame);
    }

    private void handle(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.type()) {
            case HEARTBEAT -> { }
            case SEND -> SendHandler.send(connection, (Send) frame);
            case SETTLE -> SettlementHandler.settle(connection, (Settle) frame);
            case CREDIT -> ConsumerHandler.credit(connection, (Credit) frame);
            case PULL -> ConsumerHandler.pull(connection, (Pull) frame);
            case COMMIT -> SettlementHandler.commit(connection, (Commit) frame);
            case ROLLBACK -> SettlementHandler.rollback(connection, (Rollback) frame);
            case RECOVER -> SettlementHandler.recover(connection, (Recover) frame);
            case CREATE_CONSUMER -> ConsumerHandler.create(connection, (CreateConsumer) frame);
            case CLOSE_CONSUMER -> ConsumerHandler.close(connection, (CloseConsumer) frame);
            case CREATE_SESSION -> SessionHandler.create(connection, (CreateSession) frame);
            case CLOSE_SESSION -> SessionHandler.close(connection, (CloseSession) frame);
            case SET_CLIENT_ID -> HandshakeHandler.setClientId(connection, (SetClientId) frame);
            case BROWSE -> DestinationHandler.browse(connection, (Browse) frame);
            case CREATE_TEMPORARY_DESTINATION ->
                    DestinationHandler.createTemporary(connection, (CreateTemporaryDestination) frame);
            case DELETE_TEMPORARY_DESTINATION ->
                    DestinationHandler.deleteTemporary(connection, (DeleteTemporaryDestination) frame);
            case UNSUBSCRIBE -> DestinationHandler.unsubscribe(connection, (Unsubscribe) frame);
            case REPLAY_DEAD_LETTERS -> DestinationHandler.replayDeadLetters(connection, (ReplayDeadLetters) frame);
            case CLOSE -> close(ctx, (Close) frame);
            default -> protocolError(ctx, "a client may not send " + frame.type()
                    + (frame instanceof Hello ? " twice" : ""));
        }
    }

    /** Orderly close: unsettled deliveries go back unchanged, then the answer, then the socket closes. */
    private void close(ChannelHandlerContext ctx, Close frame) {
        connection.terminate(false);
        ctx.writeAndFlush(Response.ok(frame.requestId())).addListener(ChannelFutureListener.CLOSE);
    }

    private void protocolError(ChannelHandlerContext ctx, String reason) {
        LOG.warn("TDB2002: closing connection {}: protocol error: {}", ctx.channel().remoteAddress(), reason);
        stopReading(ctx);
        ctx.writeAndFlush(Response.error(0, ErrorCode.PROTOCOL, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Ignores whatever else the peer sent: the connection is about to close. */
    private void stopReading(ChannelHandlerContext ctx) {
        closing = true;
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Heartbeat.INSTANCE, ctx.voidPromise());
            } else if (idle.state() == IdleState.READER_IDLE) {
                LOG.warn("TDB2003: closing connection {}: silent for three heartbeat intervals of {} ms",
                        ctx.channel().remoteAddress(), context.config().heartbeatMillis());
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof MalformedFrameException) {
            String reason = root.getMessage() + " (broker maximum message size " + context.config().maxMessageSize()
                    + " bytes)";
            LOG.warn("TDB2001: closing connection {}: {}", ctx.channel().remoteAddress(), reason);
            stopReading(ctx);
            ctx.writeAndFlush(Response.error(0, ErrorCode.PROTOCOL, "malformed frame: " + reason))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (root instanceof IOException) {
            LOG.debug("Connection {} failed: {}", ctx.channel().remoteAddress(), root.toString());
            ctx.close();
        } else {
            LOG.error("TDB2009: closing connection {} after an unexpected failure", ctx.channel().remoteAddress(),
                    cause);
            ctx.close();
        }
    }
}
