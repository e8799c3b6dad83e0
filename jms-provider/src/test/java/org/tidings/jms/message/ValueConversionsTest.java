package org.tidings.jms.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JMS conversion table, as properties, map entries and stream items all read it. */
class ValueConversionsTest {

    /** A reader of one target type, for the table below. */
    private interface Reader {
        Object read(Object value) throws JMSException;
    }

    private static final Reader BOOLEAN = ValueConversions::toBoolean;
    private static final Reader BYTE = ValueConversions::toByte;
    private static final Reader SHORT = ValueConversions::toShort;
    private static final Reader INT = ValueConversions::toInt;
    private static final Reader LONG = ValueConversions::toLong;
    private static final Reader FLOAT = ValueConversions::toFloat;
    private static final Reader DOUBLE = ValueConversions::toDouble;
    private static final Reader STRING = ValueConversions::toString;
    private static final Reader CHAR = ValueConversions::toChar;
    private static final Reader BYTES = ValueConversions::toBytes;

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of(true, BOOLEAN, true), Arguments.of("true", BOOLEAN, true),
                Arguments.of((byte) 1, BYTE, (byte) 1), Arguments.of("1", BYTE, (byte) 1),
                Arguments.of((byte) 1, SHORT, (short) 1), Arguments.of((short) 2, SHORT, (short) 2),
                Arguments.of((byte) 1, INT, 1), Arguments.of((short) 2, INT, 2), Arguments.of(3, INT, 3),
                Arguments.of("3", INT, 3),
                Arguments.of((byte) 1, LONG, 1L), Arguments.of(3, LONG, 3L), Arguments.of(4L, LONG, 4L),
                Arguments.of("4", LONG, 4L),
                Arguments.of(1.5f, FLOAT, 1.5f), Arguments.of("1.5", FLOAT, 1.5f),
                Arguments.of(1.5f, DOUBLE, 1.5), Arguments.of(2.5, DOUBLE, 2.5), Arguments.of("2.5", DOUBLE, 2.5),
                Arguments.of(true, STRING, "true"), Arguments.of(7, STRING, "7"), Arguments.of('c', STRING, "c"),
                Arguments.of('c', CHAR, 'c'),
                Arguments.of(null, STRING, null), Arguments.of(null, BOOLEAN, false), Arguments.of(null, BYTES, null));
    }

    @ParameterizedTest
    @MethodSource("allowed")
    void allowedConversions(Object value, Reader reader, Object expected) throws JMSException {
        assertThat(reader.read(value)).isEqualTo(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(1, BOOLEAN), Arguments.of(true, BYTE), Arguments.of(1, BYTE), Arguments.of(1, SHORT),
                Arguments.of(1L, INT), Arguments.of(1.5f, LONG), Arguments.of(1.5, FLOAT), Arguments.of(1, FLOAT),
                Arguments.of(1L, DOUBLE), Arguments.of(new byte[1], STRING), Arguments.of("c", CHAR),
                Arguments.of(1, CHAR), Arguments.of("x", BYTES), Arguments.of('c', INT));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusedConversionsFailWithMessageFormatException(Object value, Reader reader) {
        assertThatThrownBy(() -> reader.read(value)).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void missingOrBadNumbersFailAsValueOfDoes() {
        assertThatThrownBy(() -> ValueConversions.toInt(null)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> ValueConversions.toInt("seven")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> ValueConversions.toDouble(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ValueConversions.toChar(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void propertyNamesMustBeIdentifiersAndNotSelectorWords() {
        TidingsMessage message = new TidingsMessage();
        for (String bad : new String[] {"", "1abc", "a-b", "NULL", "and", "Between", "escape"}) {
            assertThatThrownBy(() -> message.setStringProperty(bad, "v"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> message.setObjectProperty("o", new Object()))
                .isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObjectProperty("JMSXGroupSeq", "one"))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void aStreamReadThatCannotConvertDoesNotMovePastTheValue() throws JMSException {
        TidingsStreamMessage stream = new TidingsStreamMessage();
        stream.writeString("text");
        stream.writeBytes(new byte[] {1, 2, 3});
        assertThatThrownBy(stream::readInt).isInstanceOf(MessageNotReadableException.class);
        stream.reset();

        assertThatThrownBy(stream::readInt).isInstanceOf(NumberFormatException.class);
        assertThat(stream.readString()).isEqualTo("text");
        byte[] chunk = new byte[2];
        assertThat(stream.readBytes(chunk)).isEqualTo(2);
        assertThat(stream.readBytes(chunk)).isEqualTo(1);
        assertThat(stream.readBytes(chunk)).isEqualTo(-1);
        assertThatThrownBy(stream::readObject).isInstanceOf(MessageEOFException.class);
    }

    @Test
    void aBytesMessageReadsWhatWasWrittenAndReportsTheEnd() throws JMSException {
        TidingsBytesMessage bytes = new TidingsBytesMessage();
        bytes.writeObject(7);
        bytes.writeBytes(new byte[] {1, 2, 3});
        assertThatThrownBy(bytes::getBodyLength).isInstanceOf(MessageNotReadableException.class);
        bytes.reset();

        assertThat(bytes.getBodyLength()).isEqualTo(7);
        assertThat(bytes.readInt()).isEqualTo(7);
        byte[] rest = new byte[10];
        assertThat(bytes.readBytes(rest)).isEqualTo(3);
        assertThat(bytes.readBytes(rest)).isEqualTo(-1);
        assertThatThrownBy(bytes::readByte).isInstanceOf(MessageEOFException.class);
    }
}
