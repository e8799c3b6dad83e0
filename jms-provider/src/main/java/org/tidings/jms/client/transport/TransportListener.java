package org.tidings.jms.client.transport;

import org.tidings.protocol.frame.Frame;

/** Receives what a {@link NettyTransport} reads; called on the transport's I/O thread, so it must not block. */
public interface TransportListener {

    /** A decoded frame from the broker. */
    void onFrame(Frame frame);

    /** The channel closed; {@code cause} is why, or {@code null} after an orderly close. Called once. */
    void onClosed(Throwable cause);
}
