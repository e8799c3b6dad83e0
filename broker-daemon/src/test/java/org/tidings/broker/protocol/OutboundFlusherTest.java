package org.tidings.broker.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.tidings.broker.addressing.AddressRegistry;
import org.tidings.broker.addressing.BrokerCore;
import org.tidings.broker.config.BrokerConfig;
import org.tidings.broker.config.DestinationPolicies;
import org.tidings.broker.testing.ControlledStore;
import org.tidings.protocol.frame.Deliver;
import org.tidings.protocol.frame.Response;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The order in which the core's coalesced flushes leave, on embedded channels that record their flushes. */
class OutboundFlusherTest {

    private final List<String> flushes = new ArrayList<>();
    private final EmbeddedChannel consumerChannel = recording("consumer");
    private final EmbeddedChannel producerChannel = recording("producer");
    /** Runs the core's tasks; the connections' own embedded channels would run their tasks on every write. */
    private final EmbeddedChannel coreLoop = new EmbeddedChannel();
    private final BrokerContext context;

    OutboundFlusherTest() {
        BrokerCore core = new BrokerCore(coreLoop.eventLoop(), new ControlledStore());
        context = new BrokerContext(BrokerConfig.defaults(), core, new AddressRegistry(core, DestinationPolicies.NONE));
    }

    @Test
    void answersLeaveBeforeDeliveriesWrittenEarlier() {
        Connection consumer = new Connection(consumerChannel, context);
        Connection producer = new Connection(producerChannel, context);

        consumer.send(deliver(1));
        producer.send(Response.ok(7));
        consumer.send(deliver(2));
        coreLoop.runPendingTasks();

        assertThat(flushes).containsExactly("producer", "consumer");
        assertThat(producerChannel.<Object>readOutbound()).isEqualTo(Response.ok(7));
        assertThat(consumerChannel.outboundMessages()).hasSize(2);
    }

    @Test
    void aConnectionWithDeliveriesAndThenAnAnswerIsFlushedWithTheAnswers() {
        Connection consumer = new Connection(consumerChannel, context);
        Connection both = new Connection(producerChannel, context);

        both.send(deliver(1));
        consumer.send(deliver(2));
        both.send(Response.ok(3));
        coreLoop.runPendingTasks();

        assertThat(flushes).containsExactly("producer", "consumer");
        assertThat(producerChannel.outboundMessages()).hasSize(2);
        assertThat(consumerChannel.outboundMessages()).hasSize(1);
    }

    private static Deliver deliver(long deliveryId) {
        return new Deliver(1, deliveryId, 1, new byte[] {1});
    }

    private EmbeddedChannel recording(String name) {
        return new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.add(name);
                ctx.flush();
            }
        });
    }
}
