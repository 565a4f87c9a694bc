package org.ecslabs.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The little of POSIX shell syntax that lab commands use: one command per line, backslash
 * continuations, {@code #} comments, single and double quotes (which may span lines, as JSON
 * arguments do), and {@code $NAME} / {@code ${NAME}} variables.
 */
public final class Shell {

    /**
     * The most characters one command may hold once its variables are expanded: far more than any
     * lab's command, and small enough that {@code echo $A $A $A ...} cannot fill the heap.
     */
    public static final int MAX_EXPANDED = 256 * 1024;

    private Shell() {
    }

    /** A script that cannot be split, with the file line of the command at fault. */
    public static final class SyntaxError extends IllegalArgumentException {
        public final int line;

        SyntaxError(int line, String problem) {
            super(problem);
            this.line = line;
        }
    }

    /** Splits a script into its commands; {@code firstLine} is the file line of the script's first line. */
    public static List<Command> commands(String script, int firstLine) {
        List<Command> commands = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = firstLine;
        int start = firstLine;
        char quote = 0;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (quote != 0) {
                if (c == '\\' && quote == '"' && i + 1 < script.length()) {
                    current.append(c).append(script.charAt(++i));
                    if (script.charAt(i) == '\n') {
                        line++;
                    }
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
                continue;
            }
            if (c == '\\' && i + 1 < script.length() && script.charAt(i + 1) == '\n') {
                i++;
                line++;
                current.append(' ');
                continue;
            }
            if (c == '#' && (current.length() == 0 || Character.isWhitespace(current.charAt(current.length() - 1)))) {
                while (i + 1 < script.length() && script.charAt(i + 1) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '\n') {
                add(commands, current, start);
                current.setLength(0);
                start = line;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            }
            if (current.length() == 0 && Character.isWhitespace(c)) {
                start = line;
                continue;
            }
            current.append(c);
        }
        if (quote != 0) {
            throw new SyntaxError(start, "a quote (" + quote + ") is never closed");
        }
        add(commands, current, start);
        return commands;
    }

    private static void add(List<Command> commands, StringBuilder text, int line) {
        String command = text.toString().strip();
        if (!command.isEmpty()) {
            commands.add(new Command(command, line));
        }
    }

    /** Splits one command into words, removing quotes and expanding variables from {@code variables}. */
    static List<String> words(String command, Map<String, String> variables) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        // Characters in the words already complete, so that expand() can refuse before it copies.
        int done = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("a quote (') is never closed");
                }
                word.append(command, i + 1, end);
                inWord = true;
                i = end;
            } else if (c == '"') {
                i++;
                while (i < command.length() && command.charAt(i) != '"') {
                    char d = command.charAt(i);
                    if (d == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                        word.append(command.charAt(++i));
                    } else if (d == '$') {
                        i = expand(command, i, variables, word, done);
                    } else {
                        word.append(d);
                    }
                    i++;
                }
                if (i >= command.length()) {
                    throw new IllegalArgumentException("a quote (\") is never closed");
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (c == '$') {
                // Unquoted, a variable's value splits into words on white space, as in bash:
                // SUBNETS="subnet-a subnet-b" then --subnets $SUBNETS gives two values.
                StringBuilder value = new StringBuilder();
                i = expand(command, i, variables, value, done + word.length());
                String[] parts = value.toString().split("\\s+", -1);
                for (int part = 0; part < parts.length; part++) {
                    if (part > 0 && inWord) {
                        done += word.length();
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                    word.append(parts[part]);
                    inWord |= !parts[part].isEmpty() || part == 0 && parts.length == 1;
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    done += word.length();
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Appends the value of the variable at {@code at} ({@code $NAME} or {@code ${NAME}}); returns the last
     * index read. {@code before} is what the command holds already outside {@code word}.
     */
    private static int expand(String command, int at, Map<String, String> variables, StringBuilder word, int before) {
        int i = at + 1;
        String name;
        int last;
        if (i < command.length() && command.charAt(i) == '{') {
            int end = command.indexOf('}', i);
            if (end < 0) {
                throw new IllegalArgumentException("'${' is never closed");
            }
            name = command.substring(i + 1, end);
            last = end;
        } else {
            int end = i;
            while (end < command.length() && (Character.isLetterOrDigit(command.charAt(end)) || command.charAt(end) == '_')) {
                end++;
            }
            if (end == i) {
                word.append('$');
                return at;
            }
            name = command.substring(i, end);
            last = end - 1;
        }
        String value = variables.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the variable $" + name + " is not set");
        }
        if ((long) before + word.length() + value.length() > MAX_EXPANDED) {
            throw new IllegalArgumentException("the command is too long once $" + name + " is expanded (over "
                    + MAX_EXPANDED + " characters)");
        }
        word.append(value);
        return last;
    }
}
