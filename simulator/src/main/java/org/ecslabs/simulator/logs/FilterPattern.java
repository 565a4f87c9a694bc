package org.ecslabs.simulator.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * The term form of CloudWatch Logs filter patterns: space-separated terms that must all occur,
 * {@code "quoted phrases"}, {@code -term} to exclude, and {@code ?a ?b} for any of them. JSON and
 * space-delimited patterns are not modelled; such a pattern matches as a plain substring.
 */
final class FilterPattern {
    private final List<String> required = new ArrayList<>();
    private final List<String> excluded = new ArrayList<>();
    private final List<String> anyOf = new ArrayList<>();
    private final String literal;

    private FilterPattern(String literal) {
        this.literal = literal;
    }

    static FilterPattern parse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return new FilterPattern(trimmed);
        }
        FilterPattern pattern = new FilterPattern(null);
        int i = 0;
        while (i < trimmed.length()) {
            char c = trimmed.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            List<String> target = pattern.required;
            if (c == '-' || c == '?') {
                target = c == '-' ? pattern.excluded : pattern.anyOf;
                i++;
            }
            String term;
            if (i < trimmed.length() && trimmed.charAt(i) == '"') {
                int close = trimmed.indexOf('"', i + 1);
                close = close < 0 ? trimmed.length() : close;
                term = trimmed.substring(i + 1, close);
                i = close + 1;
            } else {
                int space = trimmed.indexOf(' ', i);
                space = space < 0 ? trimmed.length() : space;
                term = trimmed.substring(i, space);
                i = space;
            }
            if (!term.isEmpty()) {
                target.add(term);
            }
        }
        return pattern;
    }

    boolean matches(String message) {
        if (literal != null) {
            return message.contains(literal);
        }
        for (String term : required) {
            if (!message.contains(term)) {
                return false;
            }
        }
        for (String term : excluded) {
            if (message.contains(term)) {
                return false;
            }
        }
        return anyOf.isEmpty() || anyOf.stream().anyMatch(message::contains);
    }
}
