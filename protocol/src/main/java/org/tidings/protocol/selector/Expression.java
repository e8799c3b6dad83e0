package org.tidings.protocol.selector;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A node of a parsed selector. Evaluation follows SQL three-valued logic: a boolean result is {@code TRUE},
 * {@code FALSE} or {@code null} (unknown); numbers are {@code Long} (exact) or {@code Double} (approximate).
 */
sealed interface Expression {

    /** What the parser can tell about the result type before any message is seen. */
    enum Type { BOOLEAN, NUMERIC, STRING, UNKNOWN }

    Object evaluate(SelectableMessage message);

    Type type();

    record Literal(Object value, Type type) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            return value;
        }
    }

    record Identifier(String name) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            Object value = message.valueOf(name);
            if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
                return ((Number) value).longValue();
            }
            if (value instanceof Float f) {
                return f.doubleValue();
            }
            if (value instanceof Long || value instanceof Double || value instanceof String
                    || value instanceof Boolean) {
                return value;
            }
            return null;
        }

        @Override
        public Type type() {
            return Type.UNKNOWN;
        }
    }

    record Not(Expression operand) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            Object value = operand.evaluate(message);
            return value instanceof Boolean b ? !b : null;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record And(Expression left, Expression right) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            Object l = left.evaluate(message);
            if (Boolean.FALSE.equals(l)) {
                return false;
            }
            return Values.and(l, right.evaluate(message));
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record Or(Expression left, Expression right) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            Object l = left.evaluate(message);
            if (Boolean.TRUE.equals(l)) {
                return true;
            }
            Object r = right.evaluate(message);
            if (Boolean.TRUE.equals(r)) {
                return true;
            }
            return Boolean.FALSE.equals(l) && Boolean.FALSE.equals(r) ? Boolean.FALSE : null;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record Comparison(String operator, Expression left, Expression right) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            return Values.compare(operator, left.evaluate(message), right.evaluate(message));
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record Arithmetic(char operator, Expression left, Expression right) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            return Values.arithmetic(operator, left.evaluate(message), right.evaluate(message));
        }

        @Override
        public Type type() {
            return Type.NUMERIC;
        }
    }

    record Negation(Expression operand) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            Object value = operand.evaluate(message);
            if (value instanceof Long l) {
                return -l;
            }
            return value instanceof Double d ? -d : null;
        }

        @Override
        public Type type() {
            return Type.NUMERIC;
        }
    }

    record Between(Expression value, Expression low, Expression high, boolean negated) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            Object v = value.evaluate(message);
            Boolean inside = Values.and(Values.compare(">=", v, low.evaluate(message)),
                    Values.compare("<=", v, high.evaluate(message)));
            if (negated && inside != null) {
                return !inside;
            }
            return inside;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record In(Identifier identifier, Set<String> values, boolean negated) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            Object v = identifier.evaluate(message);
            if (!(v instanceof String s)) {
                return v == null ? null : Boolean.FALSE;
            }
            return values.contains(s) != negated;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record Like(Identifier identifier, Pattern pattern, boolean negated) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            Object v = identifier.evaluate(message);
            if (!(v instanceof String s)) {
                return v == null ? null : Boolean.FALSE;
            }
            return pattern.matcher(s).matches() != negated;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }

    record IsNull(Identifier identifier, boolean negated) implements Expression {
        @Override
        public Object evaluate(SelectableMessage message) {
            return (identifier.evaluate(message) == null) != negated;
        }

        @Override
        public Type type() {
            return Type.BOOLEAN;
        }
    }
}
