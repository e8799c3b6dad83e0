package org.tidings.protocol.selector;

/**
 * A parsed JMS message selector, ready to evaluate against many messages. Immutable and thread-safe. Parsed once
 * on the client (so an invalid selector fails when the consumer is created) and again by the broker, which
 * evaluates it so that non-matching messages never cross the wire.
 */
public final class Selector {

    private final String text;
    private final Expression expression;

    private Selector(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * Parses {@code text}; {@code null} or blank text gives {@code null} (every message matches).
     *
     * @throws SelectorException when the text is not a valid selector; the message says what and where
     */
    public static Selector parse(String text) throws SelectorException {
        if (text == null || text.isBlank()) {
            return null;
        }
        return new Selector(text, SelectorParser.parse(text));
    }

    /** Whether the selector is TRUE for {@code message} (FALSE and unknown both reject it). */
    public boolean matches(SelectableMessage message) {
        return Boolean.TRUE.equals(expression.evaluate(message));
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
