package org.tidings.protocol.frame;

/**
 * The answer to a {@link Request}. {@code message} explains an error; {@code value} carries a result where the
 * request defines one (the name of a temporary destination).
 */
public record Response(long requestId, ErrorCode code, String message, String value) implements Frame {

    public static Response ok(long requestId) {
        return new Response(requestId, ErrorCode.OK, null, null);
    }

    public static Response ok(long requestId, String value) {
        return new Response(requestId, ErrorCode.OK, null, value);
    }

    public static Response error(long requestId, ErrorCode code, String message) {
        return new Response(requestId, code, message, null);
    }

    public boolean isOk() {
        return code == ErrorCode.OK;
    }

    @Override
    public FrameType type() {
        return FrameType.RESPONSE;
    }
}
