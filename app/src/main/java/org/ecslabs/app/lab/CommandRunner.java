package org.ecslabs.app.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ecslabs.app.aws.SimulatorControl;

/**
 * Runs a lab's shell commands the way a learner's terminal would: {@code aws ...} through the
 * {@link OperationInvoker}, {@code ecslabs ...} through the simulator's control API, and the shell
 * variables labs use to carry an id from one command to the next ({@code TASK=$(aws ... --output text)}).
 * Not thread-safe: it holds one session's variables.
 */
public final class CommandRunner {

    private static final Pattern ASSIGNMENT = Pattern.compile("(?s)(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)");
    private static final Pattern SUBSTITUTION = Pattern.compile("(?s)\"?\\$\\((.*)\\)\"?");

    private final OperationInvoker invoker;
    private final SimulatorControl control;
    private final Map<String, String> variables = new HashMap<>();

    public CommandRunner(OperationInvoker invoker) {
        this.invoker = invoker;
        this.control = new SimulatorControl(invoker.clients());
    }

    /**
     * Runs one command and returns what the AWS CLI would print. AWS errors come back as
     * {@link OperationException} or {@link SimulatorControl.ControlException}; commands we cannot
     * read as {@link IllegalArgumentException}.
     */
    public String run(String command) {
        String text = command.strip();
        Matcher assignment = ASSIGNMENT.matcher(text);
        if (assignment.matches() && !text.startsWith("aws ") && !text.startsWith("ecslabs ")) {
            String name = assignment.group(1);
            String value = assignment.group(2).strip();
            Matcher substitution = SUBSTITUTION.matcher(value);
            String result = substitution.matches()
                    ? run(substitution.group(1)).strip()
                    : String.join(" ", Shell.words(value, variables));
            variables.put(name, result);
            return "";
        }
        if (text.startsWith("echo ") || text.equals("echo")) {
            return Shell.words(text, variables).stream().skip(1).collect(Collectors.joining(" ")) + "\n";
        }
        CliCommand cli = CliCommand.parse(text, variables);
        JsonNode response = cli.isControl()
                ? control.call(cli.control(), cli.input())
                : invoker.invoke(cli.operation(), cli.input());
        if (cli.query().isPresent()) {
            response = CheckEngine.compile(cli.query().get()).search(response);
        }
        return cli.output().equals("text") ? text(response) : pretty(response) + "\n";
    }

    /** A shell variable set by an earlier command, if any. */
    public String variable(String name) {
        return variables.get(name);
    }

    private static String pretty(JsonNode value) {
        return value == null ? "null" : value.toPrettyString();
    }

    /** The CLI's text output, for the shapes a {@code --query} gives: values, lists of values, rows. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "None\n";
        }
        if (value.isValueNode()) {
            return value.asText() + "\n";
        }
        if (value.isArray()) {
            boolean flat = true;
            for (JsonNode item : value) {
                flat &= item.isValueNode();
            }
            if (flat) {
                return join(value) + "\n";
            }
            StringBuilder rows = new StringBuilder();
            for (JsonNode item : value) {
                rows.append(text(item));
            }
            return rows.toString();
        }
        return join(value) + "\n";
    }

    private static String join(JsonNode container) {
        List<String> cells = new ArrayList<>();
        container.elements().forEachRemaining(item -> cells.add(item.isValueNode() ? item.asText() : item.toString()));
        return String.join("\t", cells);
    }
}
