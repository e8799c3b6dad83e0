package org.tidings.protocol.selector;

/** Comparison and arithmetic on selector values with numeric promotion and three-valued results. */
final class Values {

    private Values() {
    }

    /**
     * {@code null} (unknown) when either side is null; {@code false} for values of unlike types; strings and
     * booleans compare only with {@code =} and {@code <>}.
     */
    static Boolean compare(String operator, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        int order;
        if (left instanceof Number l && right instanceof Number r) {
            order = l instanceof Long a && r instanceof Long b ? Long.compare(a, b)
                    : Double.compare(l.doubleValue(), r.doubleValue());
        } else if (left.getClass() == right.getClass()) {
            if (!operator.equals("=") && !operator.equals("<>")) {
                return null;
            }
            return left.equals(right) == operator.equals("=");
        } else {
            return false;
        }
        return switch (operator) {
            case "=" -> order == 0;
            case "<>" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalArgumentException(operator);
        };
    }

    /** Three-valued AND: false if either is false, true if both are true, otherwise unknown. */
    static Boolean and(Object left, Object right) {
        if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
            return false;
        }
        return Boolean.TRUE.equals(left) && Boolean.TRUE.equals(right) ? Boolean.TRUE : null;
    }

    /** Numeric promotion as in Java: long op long stays exact, anything with a double is a double. */
    static Object arithmetic(char operator, Object left, Object right) {
        if (!(left instanceof Number l) || !(right instanceof Number r)) {
            return null;
        }
        if (l instanceof Long a && r instanceof Long b) {
            return switch (operator) {
                case '+' -> a + b;
                case '-' -> a - b;
                case '*' -> a * b;
                default -> b == 0 ? null : a / b;
            };
        }
        double a = l.doubleValue();
        double b = r.doubleValue();
        return switch (operator) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            default -> a / b;
        };
    }
}
