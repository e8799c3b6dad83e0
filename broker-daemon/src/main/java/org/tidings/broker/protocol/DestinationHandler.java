package org.tidings.broker.protocol;

import org.tidings.broker.addressing.BrowseResult;
import org.tidings.broker.addressing.MessageFilter;
import org.tidings.broker.addressing.QueueDispatcher;
import org.tidings.broker.addressing.RefusedException;
import org.tidings.broker.addressing.SubscriptionKey;
import org.tidings.protocol.frame.Browse;
import org.tidings.protocol.frame.BrowsePage;
import org.tidings.protocol.frame.CreateTemporaryDestination;
import org.tidings.protocol.frame.DeleteTemporaryDestination;
import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.frame.ReplayDeadLetters;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.Unsubscribe;
import org.tidings.protocol.message.DestinationKind;

import java.util.List;

/**
 * BROWSE, REPLAY_DEAD_LETTERS, temporary destinations and UNSUBSCRIBE (PROTOCOL.md, "Browsing", "Temporary
 * destinations and subscriptions"). A browse page holds at most as many message bytes as one message may have, so
 * it always fits in a frame. Core thread only.
 */
final class DestinationHandler {

    private DestinationHandler() {
    }

    static void browse(Connection connection, Browse frame) {
        DestinationKind kind = frame.queue().kind();
        if (kind.isTopic()) {
            connection.respondError(frame, ErrorCode.INVALID_DESTINATION, "only queues can be browsed, not "
                    + frame.queue());
            return;
        }
        QueueDispatcher queue = connection.context().registry().existingQueue(frame.queue());
        if (queue == null) {
            if (kind.isTemporary()) {
                connection.respondError(frame, ErrorCode.INVALID_DESTINATION,
                        "temporary queue " + frame.queue().name() + " does not exist");
            } else {
                connection.send(new BrowsePage(frame.requestId(), List.of(), frame.afterPosition(), false));
            }
            return;
        }
        MessageFilter filter;
        try {
            filter = MessageFilter.parse(frame.selector());
        } catch (RefusedException e) {
            connection.respondError(frame, e.code(), e.getMessage());
            return;
        }
        BrowseResult page = queue.browse(frame.afterPosition(), Math.max(1, frame.maxMessages()),
                connection.context().config().maxMessageSize(), filter);
        connection.send(new BrowsePage(frame.requestId(), page.messages(), page.lastPosition(), page.more()));
    }

    /** Moves messages of a dead-letter (or any) queue back to where they were sent; answers with the count. */
    static void replayDeadLetters(Connection connection, ReplayDeadLetters frame) {
        if (frame.queue().kind() != DestinationKind.QUEUE) {
            connection.respondError(frame, ErrorCode.INVALID_DESTINATION,
                    "dead letters are replayed from a queue, not " + frame.queue());
            return;
        }
        QueueDispatcher queue = connection.context().registry().existingQueue(frame.queue());
        if (queue == null) {
            connection.send(Response.ok(frame.requestId(), "0"));
            return;
        }
        try {
            connection.context().registry().deadLetters().replay(queue, MessageFilter.parse(frame.selector()),
                    connection.context().router(), (moved, failure) -> {
                        if (failure == null) {
                            connection.send(Response.ok(frame.requestId(), Integer.toString(moved)));
                        } else {
                            connection.respondError(frame, ErrorCode.GENERAL, "the replay of "
                                    + frame.queue().name() + " failed: " + failure.getMessage());
                        }
                    });
        } catch (RefusedException e) {
            connection.respondError(frame, e.code(), e.getMessage());
        }
    }

    static void createTemporary(Connection connection, CreateTemporaryDestination frame) {
        if (!frame.kind().isTemporary()) {
            connection.respondError(frame, ErrorCode.INVALID_DESTINATION,
                    "kind " + frame.kind() + " is not a temporary destination kind");
            return;
        }
        String name = connection.context().registry().createTemporary(frame.kind(), connection.id());
        connection.temporaries().add(name);
        connection.send(Response.ok(frame.requestId(), name));
    }

    static void deleteTemporary(Connection connection, DeleteTemporaryDestination frame) {
        try {
            connection.context().registry().deleteTemporary(frame.destination(), connection.id());
            connection.temporaries().remove(frame.destination().name());
            connection.respondOk(frame);
        } catch (RefusedException e) {
            connection.respondError(frame, e.code(), e.getMessage());
        }
    }

    static void unsubscribe(Connection connection, Unsubscribe frame) {
        try {
            connection.context().registry().unsubscribe(
                    new SubscriptionKey(connection.clientId(), frame.subscriptionName()));
            connection.respondOk(frame);
        } catch (RefusedException e) {
            connection.respondError(frame, e.code(), e.getMessage());
        }
    }
}
