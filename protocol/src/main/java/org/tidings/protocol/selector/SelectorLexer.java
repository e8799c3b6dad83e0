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

    private Token number(int start) throws SelectorException {
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
        if (at < text.length() && "lLfFdD".indexOf(text.charAt(at)) >= 0) {
            char suffix = Character.toUpperCase(text.charAt(at++));
            approximate = suffix != 'L';
        }
        if (at < text.length() && Character.isJavaIdentifierPart(text.charAt(at))) {
            throw new SelectorException("malformed number at position " + start);
        }
        try {
            return approximate
                    ? new Token(Token.Kind.APPROXIMATE, literal, Double.parseDouble(literal), start)
                    : new Token(Token.Kind.EXACT, literal, Long.parseLong(literal), start);
        } catch (NumberFormatException e) {
            throw new SelectorException("number " + literal + " at position " + start + " is out of range");
        }
    }
}
