package org.tidings.jms.message;

import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The application properties of a message: valid names, JMS value types, read-only once received until cleared.
 * {@code JMSXDeliveryCount} is not stored here: the broker supplies it with each delivery. Not thread-safe.
 */
final class MessageProperties {

    static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    private static final Set<String> RESERVED = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN",
            "LIKE", "IN", "IS", "ESCAPE");

    private final Map<String, Object> values = new LinkedHashMap<>();
    private boolean readOnly;

    Map<String, Object> asMap() {
        return values;
    }

    void load(Map<String, Object> decoded) {
        values.clear();
        values.putAll(decoded);
    }

    void setReadOnly(boolean value) {
        readOnly = value;
    }

    void clear() {
        values.clear();
        readOnly = false;
    }

    Object get(String name) {
        return values.get(name);
    }

    boolean contains(String name) {
        return values.containsKey(name);
    }

    List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    Enumeration<String> enumerateNames(boolean withDeliveryCount) {
        List<String> names = names();
        if (withDeliveryCount) {
            names.add(DELIVERY_COUNT);
        }
        return Collections.enumeration(names);
    }

    void set(String name, Object value) throws MessageNotWriteableException, MessageFormatException {
        checkName(name);
        if (readOnly) {
            throw new MessageNotWriteableException("properties of a received message are read-only until "
                    + "clearProperties()");
        }
        if (value != null && !ValueConversions.isPropertyType(value)) {
            throw new MessageFormatException("property " + name + ": " + value.getClass().getName()
                    + " is not a JMS property type");
        }
        if ("JMSXGroupID".equals(name) && value != null && !(value instanceof String)) {
            throw new MessageFormatException("JMSXGroupID must be a String");
        }
        if ("JMSXGroupSeq".equals(name) && value != null && !(value instanceof Integer)) {
            throw new MessageFormatException("JMSXGroupSeq must be an int");
        }
        values.put(name, value);
    }

    /** JMS property names: Java identifiers that are not selector keywords. */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("property name must not be empty");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("property name '" + name + "' is not a Java identifier");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("property name '" + name + "' is not a Java identifier");
            }
        }
        if (RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("property name '" + name + "' is a reserved selector word");
        }
    }
}
