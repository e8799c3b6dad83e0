package org.tidings.jms.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how to connect, parsed from a URL such as
 * {@code tcp://127.0.0.1:7766?jms.prefetch=100&jms.clientID=orders}. Immutable.
 *
 * <p>Options (unknown ones are refused so a typo does not pass silently):
 * <table>
 *   <caption>URL options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code jms.prefetch}</td><td>1000</td><td>messages a consumer may hold unasked; 0 pulls one per
 *   receive</td></tr>
 *   <tr><td>{@code jms.username}, {@code jms.password}</td><td>none</td><td>credentials</td></tr>
 *   <tr><td>{@code jms.clientID}</td><td>none</td><td>client id of every connection</td></tr>
 *   <tr><td>{@code jms.duplicateDetection}</td><td>false</td><td>every message sent carries a
 *   {@code TIDINGS_DUPLICATE_ID} (its JMSMessageID) unless the application set one, so the broker never routes
 *   a resent message twice</td></tr>
 *   <tr><td>{@code transport.connectTimeout}</td><td>10000</td><td>milliseconds to connect and handshake</td></tr>
 *   <tr><td>{@code transport.heartbeat}</td><td>10000</td><td>heartbeat interval in milliseconds, 0 for
 *   none</td></tr>
 * </table>
 */
public record ConnectionSettings(String host, int port, String username, String password, String clientId,
                                 int prefetch, int connectTimeoutMillis, int heartbeatMillis,
                                 boolean duplicateDetection) {

    public static final int DEFAULT_PORT = 7766;
    public static final int DEFAULT_PREFETCH = 1000;

    public ConnectionSettings {
        if (prefetch < 0) {
            throw new IllegalArgumentException("jms.prefetch must be 0 or more, was " + prefetch);
        }
    }

    /** Parses {@code url}; fails with {@link IllegalArgumentException} naming what is wrong. */
    public static ConnectionSettings parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("broker URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a broker URL: " + url + " (" + e.getMessage() + ")", e);
        }
        if (!"tcp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("broker URL must look like tcp://host:port, was " + url);
        }
        Map<String, String> options = options(uri.getRawQuery());
        ConnectionSettings settings = new ConnectionSettings(uri.getHost(),
                uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), options.remove("jms.username"),
                options.remove("jms.password"), options.remove("jms.clientID"),
                intOption(options, "jms.prefetch", DEFAULT_PREFETCH),
                intOption(options, "transport.connectTimeout", 10_000),
                intOption(options, "transport.heartbeat", 10_000),
                Boolean.parseBoolean(booleanOption(options, "jms.duplicateDetection")));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("unknown broker URL option(s) " + options.keySet() + " in " + url);
        }
        return settings;
    }

    public ConnectionSettings withCredentials(String user, String pass) {
        return new ConnectionSettings(host, port, user, pass, clientId, prefetch, connectTimeoutMillis,
                heartbeatMillis, duplicateDetection);
    }

    public ConnectionSettings withClientId(String id) {
        return new ConnectionSettings(host, port, username, password, id, prefetch, connectTimeoutMillis,
                heartbeatMillis, duplicateDetection);
    }

    public ConnectionSettings withPrefetch(int window) {
        return new ConnectionSettings(host, port, username, password, clientId, window, connectTimeoutMillis,
                heartbeatMillis, duplicateDetection);
    }

    private static Map<String, String> options(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("broker URL option without a value: " + pair);
            }
            options.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return options;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String booleanOption(Map<String, String> options, String name) {
        String value = options.remove(name);
        if (value == null) {
            return "false";
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(name + " must be true or false, was " + value);
        }
        return value;
    }

    private static int intOption(Map<String, String> options, String name, int defaultValue) {
        String value = options.remove(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was " + value, e);
        }
    }
}
