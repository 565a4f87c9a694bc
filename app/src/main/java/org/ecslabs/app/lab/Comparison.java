package org.ecslabs.app.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * A JMESPath expression read as one top-level comparison {@code left <op> right}, so that a failed
 * check can show the left side's value. Splits on text, outside quotes, literals and brackets.
 */
record Comparison(String left, String operator, String right) {

    private static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "<", ">");

    /** The comparison, or null when the expression is not exactly one top-level comparison. */
    static Comparison split(String expression) {
        List<int[]> found = new ArrayList<>();
        boolean[] logical = {false};
        scanTopLevel(expression, i -> {
            if (expression.startsWith("&&", i) || expression.startsWith("||", i)) {
                logical[0] = true;
                return -1;
            }
            for (String operator : OPERATORS) {
                if (expression.startsWith(operator, i)) {
                    found.add(new int[] {i, operator.length()});
                    return operator.length() - 1;
                }
            }
            return 0;
        });
        if (logical[0] || found.size() != 1) {
            return null;
        }
        int at = found.get(0)[0];
        int length = found.get(0)[1];
        String left = expression.substring(0, at).trim();
        String right = expression.substring(at + length).trim();
        if (left.isEmpty() || right.isEmpty()) {
            return null;
        }
        return new Comparison(left, expression.substring(at, at + length), right);
    }

    /**
     * The top-level operands of {@code a && b && c}, or the whole expression alone when it has no
     * top-level {@code &&} (or mixes in {@code ||}, where the first false part explains nothing).
     */
    static List<String> conjuncts(String expression) {
        List<String> parts = new ArrayList<>();
        int[] start = {0};
        boolean[] mixed = {false};
        scanTopLevel(expression, i -> {
            if (expression.startsWith("||", i)) {
                mixed[0] = true;
                return -1;
            }
            if (expression.startsWith("&&", i)) {
                parts.add(expression.substring(start[0], i).trim());
                start[0] = i + 2;
                return 1;
            }
            return 0;
        });
        if (mixed[0]) {
            return List.of(expression.trim());
        }
        parts.add(expression.substring(start[0]).trim());
        return parts;
    }

    /** Sees one character of an expression outside quotes and brackets. */
    private interface TopLevelVisitor {
        /** Returns how many following characters it consumed, or -1 to stop the scan. */
        int at(int index);
    }

    /** Walks {@code expression}, calling the visitor only at characters outside quotes and brackets. */
    private static void scanTopLevel(String expression, TopLevelVisitor visitor) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"', '`' -> quote = c;
                case '[', '(', '{' -> depth++;
                case ']', ')', '}' -> depth--;
                default -> {
                    if (depth == 0) {
                        int consumed = visitor.at(i);
                        if (consumed < 0) {
                            return;
                        }
                        i += consumed;
                    }
                }
            }
        }
    }

    /** A short name for the left side: its last field name ({@code desiredCount}), else its text. */
    String label() {
        String plain = left.replaceAll("'[^']*'|\"[^\"]*\"|`[^`]*`", "");
        StringBuilder withoutBrackets = new StringBuilder();
        int depth = 0;
        for (char c : plain.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (depth == 0) {
                withoutBrackets.append(c);
            }
        }
        String path = withoutBrackets.toString().split("\\|")[0].trim();
        String last = path.substring(path.lastIndexOf('.') + 1).trim();
        if (last.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return last;
        }
        return left.length() > 60 ? left.substring(0, 57) + "..." : left;
    }
}
