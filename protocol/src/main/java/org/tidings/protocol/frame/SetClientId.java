package org.tidings.protocol.frame;

/** Sets the connection's client id after the handshake; refused if it is already set or in use elsewhere. */
public record SetClientId(long requestId, String clientId) implements Frame, Request {

    @Override
    public FrameType type() {
        return FrameType.SET_CLIENT_ID;
    }
}
