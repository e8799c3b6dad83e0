package org.tidings.broker.protocol;

import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.BrokerVersion;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.Hello;
import org.tidings.protocol.frame.HelloOk;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.SetClientId;

/**
 * HELLO and SET_CLIENT_ID (PROTOCOL.md, "Handshake"): version check, credentials (see {@code UserRegistry}), client
 * id uniqueness among live connections. Core thread only.
 */
final class HandshakeHandler {

    /** Feature bits this broker supports; version 1 defines none. */
    private static final long FEATURES = 0L;

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

    private HandshakeHandler() {
    }

    static void hello(Connection connection, Hello hello) {
        if (hello.magic() != Hello.MAGIC || hello.version() != Hello.VERSION) {
            refuse(connection, ErrorCode.PROTOCOL, "unsupported protocol: magic 0x"
                    + Integer.toHexString(hello.magic()) + " version " + hello.version() + "; this broker speaks "
                    + "version " + Hello.VERSION);
            return;
        }
        if (!connection.context().users().accepts(hello.username(), hello.password())) {
            refuse(connection, ErrorCode.SECURITY, hello.username() == null
                    ? "this broker requires a user name and password"
                    : "authentication failed for user '" + hello.username() + "'");
            return;
        }
        String clientId = hello.clientId();
        if (clientId != null && !connection.context().clientIds().claim(clientId)) {
            refuse(connection, ErrorCode.INVALID_CLIENT_ID,
                    "client id '" + clientId + "' is already in use by another connection");
            return;
        }
        connection.clientId(clientId);
        connection.handshakeDone(true);
        BrokerContext context = connection.context();
        connection.send(new HelloOk(Hello.VERSION, hello.features() & FEATURES,
                context.connectionName(connection.id()), BrokerVersion.VERSION,
                context.config().heartbeatMillis(), context.config().maxMessageSize()));
        context.flowControl().opened(connection);
    }

    static void setClientId(Connection connection, SetClientId frame) {
        String clientId = frame.clientId();
        if (clientId == null || clientId.isEmpty()) {
            connection.respondError(frame, ErrorCode.INVALID_CLIENT_ID, "the client id must not be empty");
        } else if (connection.clientId() != null) {
            connection.respondError(frame, ErrorCode.ILLEGAL_STATE,
                    "the client id is already set to '" + connection.clientId() + "'");
        } else if (connection.sessionCreated()) {
            connection.respondError(frame, ErrorCode.ILLEGAL_STATE,
                    "the client id must be set before the first session is created");
        } else if (!connection.context().clientIds().claim(clientId)) {
            connection.respondError(frame, ErrorCode.INVALID_CLIENT_ID,
                    "client id '" + clientId + "' is already in use by another connection");
        } else {
            connection.clientId(clientId);
            connection.respondOk(frame);
        }
    }

    /** Answers with RESPONSE (request id 0) carrying {@code code}, then closes the connection. */
    static void refuse(Connection connection, ErrorCode code, String message) {
        LOG.warn("TDB2002: refusing connection {}: {}", connection, message);
        connection.channel().config().setAutoRead(false);
        connection.channel().writeAndFlush(Response.error(0, code, message))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
