package org.tidings.protocol.frame;

/**
 * One unit on the wire. Every frame is an immutable record; {@link #type()} names its layout in
 * {@code protocol/PROTOCOL.md}.
 */
public sealed interface Frame permits Hello, HelloOk, Heartbeat, Close, Response, SetClientId, CreateSession,
        CloseSession, Send, Settle, Commit, Rollback, Recover, CreateConsumer, CloseConsumer, Credit, Pull, Deliver, Browse,
        BrowsePage, CreateTemporaryDestination, DeleteTemporaryDestination, Unsubscribe,
        ReplayDeadLetters, SendCredit {

    FrameType type();
}
