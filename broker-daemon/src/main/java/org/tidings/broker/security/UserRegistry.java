package org.tidings.broker.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Who may connect. Without a users file security is off and every connection is accepted; with one, a user name
 * must come with its password, and a connection without a user name is accepted only if anonymous access is
 * allowed. Immutable and thread-safe.
 */
public final class UserRegistry {

    private final Map<String, byte[]> passwords;
    private final boolean allowAnonymous;

    private UserRegistry(Map<String, byte[]> passwords, boolean allowAnonymous) {
        this.passwords = passwords;
        this.allowAnonymous = allowAnonymous;
    }

    /** Security off: everyone is accepted. */
    public static UserRegistry open() {
        return new UserRegistry(null, true);
    }

    /** Users from a properties file of {@code name=password} lines. */
    public static UserRegistry load(Path usersFile, boolean allowAnonymous) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(usersFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, byte[]> passwords = new HashMap<>();
        for (String user : properties.stringPropertyNames()) {
            passwords.put(user, properties.getProperty(user).getBytes(StandardCharsets.UTF_8));
        }
        return new UserRegistry(Map.copyOf(passwords), allowAnonymous);
    }

    /** Whether security is on. */
    public boolean isEnabled() {
        return passwords != null;
    }

    /** Whether a connection with these credentials may proceed; {@code user} is null for an anonymous one. */
    public boolean accepts(String user, String password) {
        if (passwords == null) {
            return true;
        }
        if (user == null) {
            return allowAnonymous;
        }
        byte[] expected = passwords.get(user);
        byte[] given = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
        return expected != null && MessageDigest.isEqual(expected, given);
    }
}
