package org.ecslabs.app.cli;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether one console command may run. The console is not a shell and never starts a
 * process: it runs {@code aws ...} and {@code ecslabs ...} commands, {@code echo}, and shell
 * variables ({@code NAME=value}, {@code NAME=$(aws ...)}). Anything else, and every shell
 * operator that would chain, pipe, redirect or substitute commands, is refused with a message.
 */
public final class ShellGuard {

    /** Why a command was refused and the exit code a shell would give. */
    public record Refusal(int exitCode, String message) {
    }

    private static final Pattern ASSIGNMENT = Pattern.compile("(?s)(?:export\\s+)?[A-Za-z_][A-Za-z0-9_]*=(.*)");
    private static final Pattern WHOLE_SUBSTITUTION = Pattern.compile("(?s)\"?\\$\\((.*)\\)\"?");
    private static final String ALLOWED = "This console runs only 'aws ...' and 'ecslabs ...' commands, echo, "
            + "and shell variables such as TASK=$(aws ecs list-tasks ... --output text).";

    static final String NOT_ON_AWS = "ecslabs: error: 'ecslabs' commands control the built-in simulator (its clock, "
            + "EC2 instances and injected failures) and do not run on your AWS account, where time passes by itself. "
            + "Switch to the built-in simulator on /labs/backend to use them.";
    private static final Pattern ECSLABS = Pattern.compile("(?s)(?:export\\s+)?(?:[A-Za-z_][A-Za-z0-9_]*=\"?\\$\\(\\s*)?ecslabs(?:\\s.*|\\)\"?)?");

    private ShellGuard() {
    }

    static Optional<Refusal> check(String command) {
        return check(command, true);
    }

    /**
     * As {@link #check(String)}; without the simulator ({@code simulator} false: the learner's AWS
     * account) {@code ecslabs ...} is refused too, since it drives only the simulator.
     */
    public static Optional<Refusal> check(String command, boolean simulator) {
        Optional<Refusal> refusal = checkText(command.strip());
        if (refusal.isEmpty() && !simulator && runsEcslabs(command.strip())) {
            return Optional.of(new Refusal(252, NOT_ON_AWS));
        }
        return refusal;
    }

    private static Optional<Refusal> checkText(String command) {
        String text = command;
        Optional<Refusal> operator = operators(text);
        if (operator.isPresent()) {
            return operator;
        }
        var assignment = ASSIGNMENT.matcher(text);
        if (assignment.matches() && !text.startsWith("aws ") && !text.startsWith("ecslabs ")) {
            String value = assignment.group(1).strip();
            var substitution = WHOLE_SUBSTITUTION.matcher(value);
            if (substitution.matches()) {
                return program(substitution.group(1).strip());
            }
            if (value.contains("$(")) {
                return Optional.of(new Refusal(252, "A command substitution $(...) must be the whole value: NAME=$(aws ...). " + ALLOWED));
            }
            return Optional.empty();
        }
        if (text.contains("$(")) {
            return Optional.of(new Refusal(252, "Command substitution $(...) works here only as a variable's whole value: "
                    + "first NAME=$(aws ... --output text), then use $NAME."));
        }
        return program(text);
    }

    /** True for {@code ecslabs ...} and for {@code NAME=$(ecslabs ...)}. */
    private static boolean runsEcslabs(String text) {
        return ECSLABS.matcher(text).matches();
    }

    private static Optional<Refusal> program(String text) {
        String first = text.split("\\s+", 2)[0];
        if (first.equals("aws") || first.equals("ecslabs") || first.equals("echo")) {
            return Optional.empty();
        }
        String shown = first.length() > 40 ? first.substring(0, 40) + "..." : first;
        return Optional.of(new Refusal(127, shown + ": command not found. " + ALLOWED));
    }

    /** Finds a shell operator outside single quotes (and backticks anywhere but in single quotes, as bash does). */
    private static Optional<Refusal> operators(String text) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (single) {
                single = c != '\'';
                continue;
            }
            if (c == '\\' && i + 1 < text.length()) {
                i++;
                continue;
            }
            if (c == '\'' && !dbl) {
                single = true;
            } else if (c == '"') {
                dbl = !dbl;
            } else if (c == '`') {
                return refuse("backticks (`...`)");
            } else if (!dbl) {
                switch (c) {
                    case '|' -> {
                        return refuse("pipes (|)");
                    }
                    case ';' -> {
                        return refuse("';' to chain commands");
                    }
                    case '&' -> {
                        return refuse("'&' and '&&'");
                    }
                    case '>', '<' -> {
                        return refuse("redirections (> and <)");
                    }
                    default -> {
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String what) {
        return Optional.of(new Refusal(252, "The console does not run " + what + ": it is not a shell. "
                + "Run one command per line; to filter output use --query and --output text. " + ALLOWED));
    }
}
