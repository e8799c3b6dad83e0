package org.tidings.jms.jndi;

import org.tidings.jms.TidingsConnectionFactory;
import org.tidings.jms.TidingsQueue;
import org.tidings.jms.TidingsTopic;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

/**
 * A JNDI context built from properties, so programs find Tidings objects by name without code: set
 * {@code java.naming.factory.initial=org.tidings.jms.jndi.TidingsInitialContextFactory} and, in
 * {@code jndi.properties} or the environment,
 * <ul>
 *   <li>{@code connectionFactory.NAME=tcp://host:port?options} — a {@link TidingsConnectionFactory}; a value of
 *       only {@code ?options} (or nothing) means the provider URL with those options, so several factories can
 *       share one broker address given once;</li>
 *   <li>{@code queue.NAME=physicalName} and {@code topic.NAME=physicalName} — destinations;</li>
 *   <li>{@code java.naming.provider.url=tcp://...} — also bound as {@code ConnectionFactory} when no connection
 *       factory is named.</li>
 * </ul>
 * Names {@code dynamicQueues/X} and {@code dynamicTopics/X} give the queue or topic {@code X} without a property.
 * The context is read-only. Thread-safe.
 */
public class TidingsInitialContextFactory implements InitialContextFactory {

    static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    static final String QUEUE_PREFIX = "queue.";
    static final String TOPIC_PREFIX = "topic.";

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Map<String, Object> bindings = new HashMap<>();
        for (Map.Entry<?, ?> entry : environment.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String value = String.valueOf(entry.getValue()).trim();
            if (key.regionMatches(true, 0, CONNECTION_FACTORY_PREFIX, 0, CONNECTION_FACTORY_PREFIX.length())) {
                bindings.put(key.substring(CONNECTION_FACTORY_PREFIX.length()),
                        factory(key, onProviderUrl(key, value, environment)));
            } else if (key.startsWith(QUEUE_PREFIX)) {
                bindings.put(key.substring(QUEUE_PREFIX.length()), new TidingsQueue(value));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                bindings.put(key.substring(TOPIC_PREFIX.length()), new TidingsTopic(value));
            }
        }
        Object providerUrl = environment.get(Context.PROVIDER_URL);
        boolean anyFactory = bindings.values().stream().anyMatch(TidingsConnectionFactory.class::isInstance);
        if (providerUrl != null && !anyFactory) {
            bindings.put("ConnectionFactory", factory(Context.PROVIDER_URL, providerUrl.toString().trim()));
        }
        return new ReadOnlyContext(bindings, environment);
    }

    /** {@code value}, or the provider URL with its options when {@code value} is only {@code ?options} or empty. */
    private static String onProviderUrl(String key, String value, Hashtable<?, ?> environment)
            throws NamingException {
        if (!value.isEmpty() && !value.startsWith("?")) {
            return value;
        }
        Object providerUrl = environment.get(Context.PROVIDER_URL);
        if (providerUrl == null) {
            throw new ConfigurationException(key + ": '" + value + "' names no broker and "
                    + Context.PROVIDER_URL + " is not set");
        }
        String base = providerUrl.toString().trim();
        if (value.isEmpty()) {
            return base;
        }
        return base + (base.contains("?") ? "&" + value.substring(1) : value);
    }

    private static TidingsConnectionFactory factory(String key, String url) throws NamingException {
        try {
            return new TidingsConnectionFactory(url);
        } catch (IllegalArgumentException e) {
            ConfigurationException failure = new ConfigurationException(key + ": " + e.getMessage());
            failure.setRootCause(e);
            throw failure;
        }
    }
}
