package org.tidings.protocol.selector;

/** One lexical unit of a selector, with its offset for error messages. */
record Token(Kind kind, String text, Object value, int offset) {

    enum Kind { IDENTIFIER, KEYWORD, STRING, EXACT, APPROXIMATE, OPERATOR, END }

    boolean is(Kind expected, String expectedText) {
        return kind == expected && text.equals(expectedText);
    }

    boolean isKeyword(String keyword) {
        return is(Kind.KEYWORD, keyword);
    }

    boolean isOperator(String operator) {
        return is(Kind.OPERATOR, operator);
    }
}
