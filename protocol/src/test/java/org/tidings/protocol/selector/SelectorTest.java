package org.tidings.protocol.selector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tidings.protocol.message.DestinationRef;
import org.tidings.protocol.message.MessageHeaders;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JMS selector grammar against a table of expressions, on one message with known headers and properties. */
class SelectorTest {

    private static final SelectableMessage MESSAGE = message();

    private static SelectableMessage message() {
        MessageHeaders headers = new MessageHeaders("ID:42", 1000L, "corr-1", null, DestinationRef.queue("q"), null,
                true, 7, 0L, 0L, "order");
        Map<String, Object> properties = new HashMap<>();
        properties.put("count", 5);
        properties.put("small", (byte) 2);
        properties.put("big", 10_000_000_000L);
        properties.put("price", 9.5);
        properties.put("ratio", 0.5f);
        properties.put("color", "red");
        properties.put("path", "a_b%c");
        properties.put("vip", true);
        properties.put("nothing", null);
        return SelectableMessages.of(headers, properties, 3);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "count = 5 | true",
            "count > 4 AND count < 6 | true",
            "count >= 5 AND count <= 5 | true",
            "count <> 5 | false",
            "small = 2 | true",
            "big > 9999999999 | true",
            "price = 9.5 | true",
            "ratio = 0.5 | true",
            "count = 5.0 | true",
            "price > count | true",
            "count + 1 = 6 | true",
            "count * 2 - 3 = 7 | true",
            "count / 2 = 2 | true",
            "price / 2 = 4.75 | true",
            "-count = -5 | true",
            "count / 0 = 1 | false",
            "color = 'red' | true",
            "color <> 'blue' | true",
            "color = 'RED' | false",
            "vip | true",
            "vip = TRUE | true",
            "NOT vip | false",
            "vip AND color = 'red' | true",
            "vip OR missing = 1 | true",
            "missing = 1 OR vip | true",
            "missing = 1 | false",
            "NOT missing = 1 | false",
            "missing = 1 OR count = 4 | false",
            "NOT (missing = 1 AND count = 4) | true",
            "missing IS NULL | true",
            "nothing IS NULL | true",
            "color IS NOT NULL | true",
            "count BETWEEN 1 AND 5 | true",
            "count NOT BETWEEN 6 AND 9 | true",
            "missing BETWEEN 1 AND 5 | false",
            "color IN ('red', 'green') | true",
            "color NOT IN ('red', 'green') | false",
            "missing IN ('red') | false",
            "missing NOT IN ('red') | false",
            "color LIKE 'r%' | true",
            "color LIKE '_e_' | true",
            "color LIKE 're' | false",
            "color NOT LIKE 'b%' | true",
            "path LIKE 'a!_b!%c' ESCAPE '!' | true",
            "path LIKE 'a!_bx%' ESCAPE '!' | false",
            "color = 5 | false",
            "NOT color = 5 | true",
            "JMSPriority = 7 | true",
            "JMSDeliveryMode = 'PERSISTENT' | true",
            "JMSMessageID = 'ID:42' | true",
            "JMSCorrelationID = 'corr-1' | true",
            "JMSType = 'order' | true",
            "JMSTimestamp = 1000 | true",
            "JMSXDeliveryCount = 3 | true",
            "count=5 and COLOR is null | true",
            "(count = 5) OR (count = 6) | true",
            "7E0 = 7 | true",
            ".5 = ratio | true",
            "big = 10000000000L | true",
            "count = 05 | true",
            "count = 0x5 | true",
            "count = 0X05L | true",
            "small = 2l | true",
            "price = 9.5d | true",
            "big > -9223372036854775808 | true",
            "-9223372036854775808L < -9223372036854775807 | true",
            "0xFFFFFFFFFFFFFFFF = -1 | true",
    })
    void evaluates(String selector, boolean expected) throws SelectorException {
        assertThat(Selector.parse(selector).matches(MESSAGE)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "count =", "= 5", "count = 5 AND", "(count = 5", "count = 5)", "'abc'", "5", "count + 1",
            "color < 'b'", "vip > TRUE", "'a' + 1", "NOT 5", "count BETWEEN 'a' AND 'b'", "5 IN ('a')",
            "color IN (1, 2)", "color LIKE 5", "color LIKE 'a' ESCAPE 'ab'", "5 IS NULL", "count == 5",
            "color = 'open", "count NOT 5", "1abc = 1", "count = 5 5", "AND = 1", "TRUE = 0", "FALSE = 0",
            "'a' = 1", "(count = 5) = 1", "count = 9223372036854775808", "count = 08", "count = 0x",
            "count = 1.5L", "count = 0x1G"})
    void refusesInvalidSelectors(String selector) {
        assertThatThrownBy(() -> Selector.parse(selector)).isInstanceOf(SelectorException.class);
    }

    @Test
    void blankSelectorsSelectEverything() throws SelectorException {
        assertThat(Selector.parse(null)).isNull();
        assertThat(Selector.parse("  ")).isNull();
    }

    @Test
    void stringLiteralsMayContainQuotes() throws SelectorException {
        SelectableMessage m = name -> "it's";
        assertThat(Selector.parse("s = 'it''s'").matches(m)).isTrue();
    }

    @Test
    void errorsSayWhere() {
        assertThatThrownBy(() -> Selector.parse("count = = 5")).hasMessageContaining("position 8");
    }
}
