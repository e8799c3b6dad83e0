package org.tidings.protocol.selector;

import java.util.regex.Pattern;

/** Turns a LIKE pattern ({@code _} one character, {@code %} any run, an optional escape character) into a regex. */
final class LikePattern {

    private LikePattern() {
    }

    static Pattern compile(String pattern, Character escape) throws SelectorException {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                if (++i >= pattern.length()) {
                    throw new SelectorException("LIKE pattern '" + pattern + "' ends with its escape character");
                }
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
            } else if (c == '_') {
                regex.append('.');
            } else if (c == '%') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
