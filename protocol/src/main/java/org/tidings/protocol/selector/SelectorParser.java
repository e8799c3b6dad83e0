package org.tidings.protocol.selector;

import org.tidings.protocol.selector.Expression.Type;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser of the JMS message selector grammar (a subset of SQL-92 conditional expressions):
 * {@code OR}, {@code AND}, {@code NOT}, comparisons, {@code + - * /}, {@code [NOT] BETWEEN}, {@code [NOT] IN},
 * {@code [NOT] LIKE ... [ESCAPE ...]}, {@code IS [NOT] NULL}, literals and identifiers. Type errors the text alone
 * reveals (a string in arithmetic, {@code <} between strings, a selector that is not a condition) are syntax
 * errors.
 */
final class SelectorParser {

    private final List<Token> tokens;
    private int at;

    private SelectorParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Expression parse(String text) throws SelectorException {
        SelectorParser parser = new SelectorParser(SelectorLexer.tokens(text));
        Expression expression = parser.or();
        if (parser.peek().kind() != Token.Kind.END) {
            throw parser.error("unexpected '" + parser.peek().text() + "'");
        }
        requireCondition(expression, "the selector");
        return expression;
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token take() {
        return tokens.get(at++);
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            at++;
            return true;
        }
        return false;
    }

    private boolean acceptOperator(String operator) {
        if (peek().isOperator(operator)) {
            at++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) throws SelectorException {
        if (!acceptKeyword(keyword)) {
            throw error("expected " + keyword);
        }
    }

    private void expectOperator(String operator) throws SelectorException {
        if (!acceptOperator(operator)) {
            throw error("expected '" + operator + "'");
        }
    }

    private SelectorException error(String what) {
        Token token = peek();
        String found = token.kind() == Token.Kind.END ? "the end" : "'" + token.text() + "'";
        return new SelectorException(what + " at position " + token.offset() + " (found " + found + ")");
    }

    private Expression or() throws SelectorException {
        Expression left = and();
        while (acceptKeyword("OR")) {
            Expression right = and();
            requireCondition(left, "OR");
            requireCondition(right, "OR");
            left = new Expression.Or(left, right);
        }
        return left;
    }

    private Expression and() throws SelectorException {
        Expression left = not();
        while (acceptKeyword("AND")) {
            Expression right = not();
            requireCondition(left, "AND");
            requireCondition(right, "AND");
            left = new Expression.And(left, right);
        }
        return left;
    }

    private Expression not() throws SelectorException {
        if (acceptKeyword("NOT")) {
            Expression operand = not();
            requireCondition(operand, "NOT");
            return new Expression.Not(operand);
        }
        return predicate();
    }

    private Expression predicate() throws SelectorException {
        Expression left = sum();
        Token token = peek();
        if (token.kind() == Token.Kind.OPERATOR && Set.of("=", "<>", "<", "<=", ">", ">=").contains(token.text())) {
            take();
            Expression right = sum();
            boolean ordering = !token.text().equals("=") && !token.text().equals("<>");
            if (ordering && (isOf(left, Type.STRING, Type.BOOLEAN) || isOf(right, Type.STRING, Type.BOOLEAN))) {
                throw new SelectorException("strings and booleans can only be compared with = and <> (operator '"
                        + token.text() + "' at position " + token.offset() + ")");
            }
            if (left.type() != Type.UNKNOWN && right.type() != Type.UNKNOWN && left.type() != right.type()) {
                throw new SelectorException("cannot compare " + describe(left) + " with " + describe(right)
                        + " (operator '" + token.text() + "' at position " + token.offset() + ")");
            }
            return new Expression.Comparison(token.text(), left, right);
        }
        boolean negated = false;
        if (peek().isKeyword("NOT")) {
            negated = true;
            take();
        }
        if (acceptKeyword("BETWEEN")) {
            Expression low = sum();
            expectKeyword("AND");
            Expression high = sum();
            for (Expression operand : List.of(left, low, high)) {
                requireNumeric(operand, "BETWEEN");
            }
            return new Expression.Between(left, low, high, negated);
        }
        if (acceptKeyword("IN")) {
            return new Expression.In(identifier(left, "IN"), stringList(), negated);
        }
        if (acceptKeyword("LIKE")) {
            Expression.Identifier identifier = identifier(left, "LIKE");
            String pattern = stringLiteral("LIKE");
            Character escape = null;
            if (acceptKeyword("ESCAPE")) {
                String escapeText = stringLiteral("ESCAPE");
                if (escapeText.length() != 1) {
                    throw new SelectorException("ESCAPE needs exactly one character, got '" + escapeText + "'");
                }
                escape = escapeText.charAt(0);
            }
            return new Expression.Like(identifier, LikePattern.compile(pattern, escape), negated);
        }
        if (negated) {
            throw error("expected BETWEEN, IN or LIKE after NOT");
        }
        if (acceptKeyword("IS")) {
            boolean not = acceptKeyword("NOT");
            expectKeyword("NULL");
            return new Expression.IsNull(identifier(left, "IS NULL"), not);
        }
        return left;
    }

    private Set<String> stringList() throws SelectorException {
        expectOperator("(");
        Set<String> values = new LinkedHashSet<>();
        do {
            values.add(stringLiteral("IN"));
        } while (acceptOperator(","));
        expectOperator(")");
        return values;
    }

    private String stringLiteral(String context) throws SelectorException {
        if (peek().kind() != Token.Kind.STRING) {
            throw error(context + " needs a string literal");
        }
        return (String) take().value();
    }

    private Expression.Identifier identifier(Expression expression, String context) throws SelectorException {
        if (expression instanceof Expression.Identifier identifier) {
            return identifier;
        }
        throw new SelectorException(context + " applies to an identifier, not to " + describe(expression));
    }

    private Expression sum() throws SelectorException {
        Expression left = product();
        while (peek().isOperator("+") || peek().isOperator("-")) {
            char operator = take().text().charAt(0);
            Expression right = product();
            requireNumeric(left, String.valueOf(operator));
            requireNumeric(right, String.valueOf(operator));
            left = new Expression.Arithmetic(operator, left, right);
        }
        return left;
    }

    private Expression product() throws SelectorException {
        Expression left = unary();
        while (peek().isOperator("*") || peek().isOperator("/")) {
            char operator = take().text().charAt(0);
            Expression right = unary();
            requireNumeric(left, String.valueOf(operator));
            requireNumeric(right, String.valueOf(operator));
            left = new Expression.Arithmetic(operator, left, right);
        }
        return left;
    }

    private Expression unary() throws SelectorException {
        if (acceptOperator("-")) {
            if (peek().kind() == Token.Kind.EXACT && peek().text().startsWith(SelectorLexer.MIN_LONG_MAGNITUDE)) {
                return new Expression.Literal(take().value(), Type.NUMERIC);
            }
            Expression operand = unary();
            requireNumeric(operand, "-");
            if (operand instanceof Expression.Literal literal) {
                Object value = literal.value();
                return new Expression.Literal(value instanceof Long l ? (Object) (-l) : (Object) (-(Double) value),
                        Type.NUMERIC);
            }
            return new Expression.Negation(operand);
        }
        if (acceptOperator("+")) {
            Expression operand = unary();
            requireNumeric(operand, "+");
            return operand;
        }
        return primary();
    }

    private Expression primary() throws SelectorException {
        Token token = take();
        switch (token.kind()) {
            case IDENTIFIER:
                return new Expression.Identifier(token.text());
            case STRING:
                return new Expression.Literal(token.value(), Type.STRING);
            case EXACT:
                if (token.text().startsWith(SelectorLexer.MIN_LONG_MAGNITUDE)) {
                    throw new SelectorException("number " + token.text() + " at position " + token.offset()
                            + " is out of range");
                }
                return new Expression.Literal(token.value(), Type.NUMERIC);
            case APPROXIMATE:
                return new Expression.Literal(token.value(), Type.NUMERIC);
            case KEYWORD:
                if (token.text().equals("TRUE") || token.text().equals("FALSE")) {
                    return new Expression.Literal(token.text().equals("TRUE"), Type.BOOLEAN);
                }
                break;
            case OPERATOR:
                if (token.text().equals("(")) {
                    Expression inner = or();
                    expectOperator(")");
                    return inner;
                }
                break;
            default:
                break;
        }
        at--;
        throw error("expected a value");
    }

    private static boolean isOf(Expression expression, Type first, Type second) {
        return expression.type() == first || expression.type() == second;
    }

    private static void requireNumeric(Expression expression, String context) throws SelectorException {
        if (isOf(expression, Type.STRING, Type.BOOLEAN)) {
            throw new SelectorException("'" + context + "' needs numbers, not " + describe(expression));
        }
    }

    private static void requireCondition(Expression expression, String context) throws SelectorException {
        if (isOf(expression, Type.STRING, Type.NUMERIC)) {
            throw new SelectorException(context + " needs a condition, not " + describe(expression));
        }
    }

    private static String describe(Expression expression) {
        return expression instanceof Expression.Literal literal ? "the literal " + literal.value()
                : "a " + expression.type().name().toLowerCase(java.util.Locale.ROOT) + " expression";
    }
}
