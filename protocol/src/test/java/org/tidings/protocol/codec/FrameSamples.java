package org.tidings.protocol.codec;

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
import org.tidings.protocol.frame.Heartbeat;
import org.tidings.protocol.frame.Hello;
import org.tidings.protocol.frame.HelloOk;
import org.tidings.protocol.frame.Outcome;
import org.tidings.protocol.frame.Pull;
import org.tidings.protocol.frame.Response;
import org.tidings.protocol.frame.Rollback;
import org.tidings.protocol.frame.Send;
import org.tidings.protocol.frame.SessionMode;
import org.tidings.protocol.frame.SetClientId;
import org.tidings.protocol.frame.Settle;
import org.tidings.protocol.frame.Unsubscribe;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.util.List;

/** Realistic frames of every type, with nulls wherever the layout allows them. */
final class FrameSamples {

    private FrameSamples() {
    }

    static List<Frame> all() {
        return List.of(
                new Hello(Hello.MAGIC, Hello.VERSION, 3L, "client-1", "user", "secret", 10_000),
                new Hello(Hello.MAGIC, Hello.VERSION, 0L, null, null, null, 0),
                new HelloOk(1, 0L, "ID:broker-1", "0.1.0", 10_000, 1 << 20),
                Heartbeat.INSTANCE,
                new Close(7L),
                Response.ok(8L),
                Response.ok(9L, "tmp.queue.1"),
                Response.error(0L, ErrorCode.PROTOCOL, "bad frame"),
                new SetClientId(10L, "orders"),
                new CreateSession(11L, 1, SessionMode.CLIENT_ACKNOWLEDGE),
                new CreateSession(12L, 2, SessionMode.TRANSACTED),
                new CloseSession(13L, 1),
                new Send(0L, 1, new byte[] {1, 2, 3}),
                new Send(14L, 1, new byte[0]),
                new Settle(0L, 1, Outcome.ACCEPT, new long[] {1, 2, 3}),
                new Settle(15L, 1, Outcome.REDELIVER, new long[0]),
                new Commit(16L, 2),
                new Rollback(17L, 2),
                new CreateConsumer(18L, 1, 5L, DestinationRef.queue("orders"), null, false, null, false, false, 1000),
                new CreateConsumer(19L, 1, 6L, DestinationRef.topic("prices"), "a > 1", true, "sub", true, true, 0),
                new CloseConsumer(20L, 5L, new long[] {9, 10}),
                new Credit(5L, 500),
                new Pull(21L, 6L, -1L),
                new Deliver(5L, 99L, 2, new byte[] {4, 5}),
                new Browse(22L, DestinationRef.queue("orders"), null, 0L, 100),
                new BrowsePage(22L, List.of(new byte[] {1}, new byte[] {2, 3}), 42L, true),
                new BrowsePage(23L, List.of(), 0L, false),
                new CreateTemporaryDestination(24L, DestinationKind.TEMPORARY_TOPIC),
                new DeleteTemporaryDestination(25L, new DestinationRef(DestinationKind.TEMPORARY_QUEUE, "tmp.1")),
                new Unsubscribe(26L, "sub"));
    }
}
