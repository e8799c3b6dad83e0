package org.tidings.jms.message;

import jakarta.jms.MessageFormatException;

/**
 * The JMS conversion table for reading typed values (specification sections 3.5.4 for properties and 3.11.3 for
 * map and stream messages): one implementation for properties, {@code MapMessage} and {@code StreamMessage}.
 * A value written as one type may be read as another only where the table allows it; otherwise
 * {@link MessageFormatException}. Strings convert through {@code valueOf}, so a missing ({@code null}) value reads
 * as {@code false}, as {@code null}, or fails the way {@code valueOf(null)} fails.
 */
public final class ValueConversions {

    private ValueConversions() {
    }

    public static boolean toBoolean(Object value) throws MessageFormatException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Boolean.parseBoolean((String) value);
        }
        throw cannot(value, "boolean");
    }

    public static byte toByte(Object value) throws MessageFormatException {
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Byte.parseByte((String) value);
        }
        throw cannot(value, "byte");
    }

    public static short toShort(Object value) throws MessageFormatException {
        if (value instanceof Short s) {
            return s;
        }
        if (value instanceof Byte b) {
            return b;
        }
        if (value == null || value instanceof String) {
            return Short.parseShort((String) value);
        }
        throw cannot(value, "short");
    }

    public static int toInt(Object value) throws MessageFormatException {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value == null || value instanceof String) {
            return Integer.parseInt((String) value);
        }
        throw cannot(value, "int");
    }

    public static long toLong(Object value) throws MessageFormatException {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value == null || value instanceof String) {
            return Long.parseLong((String) value);
        }
        throw cannot(value, "long");
    }

    public static float toFloat(Object value) throws MessageFormatException {
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Float.parseFloat((String) value);
        }
        throw cannot(value, "float");
    }

    public static double toDouble(Object value) throws MessageFormatException {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Float f) {
            return f;
        }
        if (value == null || value instanceof String) {
            return Double.parseDouble((String) value);
        }
        throw cannot(value, "double");
    }

    /** Any value but a byte array reads as a string. */
    public static String toString(Object value) throws MessageFormatException {
        if (value instanceof byte[]) {
            throw cannot(value, "String");
        }
        return value == null ? null : value.toString();
    }

    /** Map and stream messages only: only a char reads as a char; a missing one fails as unboxing null does. */
    public static char toChar(Object value) throws MessageFormatException {
        if (value instanceof Character c) {
            return c;
        }
        if (value == null) {
            throw new NullPointerException("no char value");
        }
        throw cannot(value, "char");
    }

    /** Map and stream messages only: only a byte array reads as one (copied). */
    public static byte[] toBytes(Object value) throws MessageFormatException {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw cannot(value, "byte[]");
    }

    /** Whether {@code value} is a type a message property may hold. */
    public static boolean isPropertyType(Object value) {
        return value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Integer || value instanceof Long || value instanceof Float
                || value instanceof Double || value instanceof String;
    }

    /** Whether {@code value} is a type a map or stream message may hold (property types, char, byte[]). */
    public static boolean isBodyValueType(Object value) {
        return isPropertyType(value) || value instanceof Character || value instanceof byte[];
    }

    private static MessageFormatException cannot(Object value, String type) {
        return new MessageFormatException("a " + value.getClass().getSimpleName() + " value cannot be read as "
                + type);
    }
}
