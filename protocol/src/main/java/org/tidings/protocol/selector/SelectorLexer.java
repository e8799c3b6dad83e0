package org.tidings.protocol.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a selector into tokens: identifiers (Java identifiers, case-sensitive), keywords (case-insensitive),
 * string literals in single quotes ({@code ''} for a quote), exact and approximate numeric literals, operators.
 */
final class SelectorLexer {

    static final Set<String> KEYWORDS = Set.of("NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "NULL", "TRUE",
            "FALSE", "ESCAPE");

    private final String text;
    private int at;

    private SelectorLexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) throws SelectorException {
        return new SelectorLexer(text).all();
    }

    private List<Token> all() throws SelectorException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (at >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", null, at));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() throws SelectorException {
        int start = at;
        char c = text.charAt(at);
        if (Character.isJavaIdentifierStart(c)) {
            while (at < text.length() && Character.isJavaIdentifierPart(text.charAt(at))) {
                at++;
            }
            String word = text.substring(start, at);
            String upper = word.toUpperCase(Locale.ROOT);
            return KEYWORDS.contains(upper) ? new Token(Token.Kind.KEYWORD, upper, null, start)
                    : new Token(Token.Kind.IDENTIFIER, word, null, start);
        }
        if (c == '\'') {
            return string(start);
        }
        if (Character.isDigit(c) || (c == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
            return number(start);
        }
        for (String operator : new String[] {"<>", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "(", ")", ","}) {
            if (text.startsWith(operator, at)) {
                at += operator.length();
                return new Token(Token.Kind.OPERATOR, operator, null, start);
            }
        }
        throw new SelectorException("unexpected character '" + c + "' at position " + start);
    }

    private Token string(int start) throws SelectorException {
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw new SelectorException("string starting at position " + start + " is not closed");
            }
            char c = text.charAt(at++);
            if (c == '\'') {
                if (at < text.length() && text.charAt(at) == '\'') {
                    value.append('\'');
                    at++;
                } else {
                    return new Token(Token.Kind.STRING, text.substring(start, at), value.toString(), start);
                }
            } else {
                value.append(c);
            }
        }
    }

    /** The one decimal literal that is only valid after a minus sign: {@code -9223372036854775808} is Long.MIN_VALUE. */
    static final String MIN_LONG_MAGNITUDE = "9223372036854775808";

    /**
     * A numeric literal as in Java: decimal, octal ({@code 035}) or hexadecimal ({@code 0x1D}) integers with an
     * optional {@code L}; decimals with a fraction or exponent, or an {@code F} or {@code D}, are approximate.
     */
    private Token number(int start) throws SelectorException {
        if (text.startsWith("0x", start) || text.startsWith("0X", start)) {
            at = start + 2;
            while (at < text.length() && Character.digit(text.charAt(at), 16) >= 0) {
                at++;
            }
            return integer(start, text.substring(start + 2, at), 16);
        }
        boolean approximate = false;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '.') {
            approximate = true;
            at++;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            approximate = true;
            at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            int digits = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (digits == at) {
                throw new SelectorException("exponent without digits at position " + start);
            }
        }
        String literal = text.substring(start, at);
        if (!approximate && at < text.length() && "fFdD".indexOf(text.charAt(at)) >= 0) {
            at++;
            approximate = true;
        } else if (approximate && at < text.length() && "fFdD".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (approximate) {
            requireEnd(start);
            return new Token(Token.Kind.APPROXIMATE, literal, Double.parseDouble(literal), start);
        }
        if (literal.length() > 1 && literal.charAt(0) == '0') {
            return integer(start, literal.substring(1), 8);
        }
        return integer(start, literal, 10);
    }

    /** An integer literal's token from its {@code digits} in {@code radix}; an {@code L} may follow. */
    private Token integer(int start, String digits, int radix) throws SelectorException {
        if (at < text.length() && (text.charAt(at) == 'l' || text.charAt(at) == 'L')) {
            at++;
        }
        requireEnd(start);
        String literal = text.substring(start, at);
        try {
            if (radix == 10 && digits.equals(MIN_LONG_MAGNITUDE)) {
                return new Token(Token.Kind.EXACT, MIN_LONG_MAGNITUDE, Long.MIN_VALUE, start);
            }
            // as in Java, octal and hexadecimal literals may use all 64 bits
            long value = radix == 10 ? Long.parseLong(digits) : Long.parseUnsignedLong(digits, radix);
            return new Token(Token.Kind.EXACT, literal, value, start);
        } catch (NumberFormatException e) {
            throw new SelectorException("number " + literal + " at position " + start + " is malformed or out of "
                    + "range");
        }
    }

    private void requireEnd(int start) throws SelectorException {
        if (at < text.length() && Character.isJavaIdentifierPart(text.charAt(at))) {
            throw new SelectorException("malformed number at position " + start);
        }
    }
}
