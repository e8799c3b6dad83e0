package org.tidings.protocol.frame;

/**
 * A frame the peer answers with a {@link Response} carrying the same {@link #requestId()}. A request id of
 * {@link #NO_RESPONSE} asks for no answer (used for fire-and-forget sends and settlements).
 */
public interface Request {

    long NO_RESPONSE = 0L;

    long requestId();

    default boolean wantsResponse() {
        return requestId() != NO_RESPONSE;
    }
}
