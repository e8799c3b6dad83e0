package org.tidings.protocol.frame;

/** Keeps an idle connection alive; either side sends it, nobody answers it. */
public record Heartbeat() implements Frame {

    public static final Heartbeat INSTANCE = new Heartbeat();

    @Override
    public FrameType type() {
        return FrameType.HEARTBEAT;
    }
}
