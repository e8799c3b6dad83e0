package org.tidings.broker.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@link DestinationSettings} of every destination, from rules {@code destination.<pattern>.<setting>=<value>}
 * of the configuration file. A pattern is a destination name in which {@code *} stands for any run of characters
 * ({@code orders.*}, {@code *}); a queue is matched by its name, a topic subscription by its topic's name. Each
 * setting comes from the most specific matching rule that sets it — the pattern with the most characters other
 * than {@code *} — and from {@link DestinationSettings#DEFAULTS} where none does. Immutable.
 */
public final class DestinationPolicies {

    /** One {@code destination.<pattern>.<setting>=<value>} line. */
    private record Rule(String pattern, String setting, String value) {
        int specificity() {
            return pattern.replace("*", "").length();
        }

        boolean matches(String name) {
            String[] literals = pattern.split("\\*", -1);
            if (literals.length == 1) {
                return name.equals(pattern);
            }
            String last = literals[literals.length - 1];
            if (!name.startsWith(literals[0]) || name.length() < literals[0].length() + last.length()
                    || !name.endsWith(last)) {
                return false;
            }
            int from = literals[0].length();
            int end = name.length() - last.length();
            for (int i = 1; i < literals.length - 1; i++) {
                int at = name.indexOf(literals[i], from);
                if (at < 0 || at + literals[i].length() > end) {
                    return false;
                }
                from = at + literals[i].length();
            }
            return true;
        }
    }

    /** No rules: every destination has the defaults. */
    public static final DestinationPolicies NONE = new DestinationPolicies(List.of());

    private final List<Rule> rules;

    private DestinationPolicies(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * These policies and one more rule.
     *
     * @throws IllegalArgumentException naming the problem if the setting is unknown or the value invalid
     */
    public DestinationPolicies with(String pattern, String setting, String value) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("destination rule for setting '" + setting + "' has no pattern");
        }
        DestinationSettings.DEFAULTS.with(setting, value);
        List<Rule> more = new ArrayList<>(rules);
        more.add(new Rule(pattern, setting, value));
        more.sort(Comparator.comparingInt(Rule::specificity));
        return new DestinationPolicies(List.copyOf(more));
    }

    /** The settings of the destination called {@code name}. */
    public DestinationSettings settingsFor(String name) {
        DestinationSettings settings = DestinationSettings.DEFAULTS;
        for (Rule rule : rules) {
            if (rule.matches(name)) {
                settings = settings.with(rule.setting(), rule.value());
            }
        }
        return settings;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DestinationPolicies policies && policies.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return "DestinationPolicies" + rules;
    }
}
