package org.tidings.broker.addressing;

import org.tidings.protocol.frame.ErrorCode;
import org.tidings.protocol.selector.Selector;
import org.tidings.protocol.selector.SelectorException;

/**
 * A message selector as the broker applies it: to a queue consumer when a message is dispatched, to a topic
 * subscription when a message is routed, to a browser when a page is read. Immutable.
 */
public final class MessageFilter {

    private final Selector selector;

    private MessageFilter(Selector selector) {
        this.selector = selector;
    }

    /**
     * The filter for a selector from a client; {@code null} for a blank selector (every message).
     *
     * @throws RefusedException with {@link ErrorCode#INVALID_SELECTOR} naming the problem
     */
    public static MessageFilter parse(String text) throws RefusedException {
        try {
            Selector selector = Selector.parse(text);
            return selector == null ? null : new MessageFilter(selector);
        } catch (SelectorException e) {
            throw new RefusedException(ErrorCode.INVALID_SELECTOR, "invalid selector '" + text + "': "
                    + e.getMessage());
        }
    }

    /** The filter for a selector the broker accepted before (a stored durable subscription). */
    static MessageFilter stored(String text) {
        try {
            return parse(text);
        } catch (RefusedException e) {
            throw new IllegalStateException("stored selector no longer parses: " + e.getMessage(), e);
        }
    }

    /** The text a filter was made from, {@code null} for none. */
    public static String textOf(MessageFilter filter) {
        return filter == null ? null : filter.selector.text();
    }

    /** Whether {@code message}, delivered for the {@code deliveryCount}-th time, passes. */
    public boolean accepts(BrokerMessage message, int deliveryCount) {
        return selector.matches(message.selectable(deliveryCount));
    }
}
