package org.tidings.jms.jndi;

import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.tidings.jms.TidingsConnectionFactory;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import java.util.Hashtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TidingsInitialContextFactoryTest {

    private static InitialContext context(String... keyValues) throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, TidingsInitialContextFactory.class.getName());
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return new InitialContext(env);
    }

    @Test
    void bindsConnectionFactoriesQueuesAndTopicsFromProperties() throws Exception {
        InitialContext context = context(
                "connectionFactory.orders", "tcp://broker.example:7001?jms.prefetch=10",
                "queue.incoming", "orders.incoming",
                "topic.prices", "market.prices");

        TidingsConnectionFactory factory = (TidingsConnectionFactory) context.lookup("orders");
        assertThat(factory.getHost()).isEqualTo("broker.example");
        assertThat(factory.getPort()).isEqualTo(7001);
        assertThat(factory.getPrefetch()).isEqualTo(10);
        assertThat(((Queue) context.lookup("incoming")).getQueueName()).isEqualTo("orders.incoming");
        assertThat(((Topic) context.lookup("prices")).getTopicName()).isEqualTo("market.prices");
        assertThat(((Queue) context.lookup("dynamicQueues/adhoc")).getQueueName()).isEqualTo("adhoc");
        assertThat(((Topic) context.lookup("dynamicTopics/news")).getTopicName()).isEqualTo("news");
    }

    @Test
    void theProviderUrlIsTheDefaultConnectionFactory() throws Exception {
        InitialContext context = context(Context.PROVIDER_URL, "tcp://127.0.0.1:7766");
        assertThat(context.lookup("ConnectionFactory")).isInstanceOf(TidingsConnectionFactory.class);
    }

    @Test
    void aFactoryOfOnlyOptionsConnectsToTheProviderUrl() throws Exception {
        InitialContext context = context(Context.PROVIDER_URL, "tcp://broker.example:7002?jms.prefetch=5",
                "connectionFactory.plain", "",
                "connectionFactory.durable", "?jms.clientID=cts");

        TidingsConnectionFactory plain = (TidingsConnectionFactory) context.lookup("plain");
        TidingsConnectionFactory durable = (TidingsConnectionFactory) context.lookup("durable");

        assertThat(plain.getPort()).isEqualTo(7002);
        assertThat(plain.getClientID()).isNull();
        assertThat(durable.getHost()).isEqualTo("broker.example");
        assertThat(durable.getPrefetch()).isEqualTo(5);
        assertThat(durable.getClientID()).isEqualTo("cts");
        assertThatThrownBy(() -> context("connectionFactory.lost", "?jms.clientID=x"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(Context.PROVIDER_URL);
    }

    @Test
    void unknownNamesBadUrlsAndWritesAreClearErrors() throws Exception {
        InitialContext context = context("queue.a", "a");
        assertThatThrownBy(() -> context.lookup("b")).isInstanceOf(NameNotFoundException.class)
                .hasMessageContaining("[a]");
        assertThatThrownBy(() -> context.bind("x", "y")).isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context("connectionFactory.bad", "http://nope").lookup("bad"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("connectionFactory.bad");
    }
}
