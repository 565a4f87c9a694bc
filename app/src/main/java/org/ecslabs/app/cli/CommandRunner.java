package org.ecslabs.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.JmesPathException;
import java.math.BigDecimal;
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

    /** The most one shell variable holds: any lab's {@code $(aws ... --output json)} fits many times over. */
    public static final int MAX_VARIABLE = 64 * 1024;
    /** The most all of a session's variables hold together. */
    public static final int MAX_VARIABLES = 1024 * 1024;

    private static final ObjectMapper PRINTER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    /**
     * Adds a lab's mark to a create call's input (the labs' {@code LabTags}): passed in so that the
     * CLI emulation does not depend on the labs that use it.
     */
    @FunctionalInterface
    public interface Tagger {
        /** {@code input} for {@code operation} run in lab {@code lab} (never null here). */
        JsonNode tag(Operation operation, JsonNode input, String lab);
    }

    private final OperationInvoker invoker;
    private final Tagger tagger;
    private final SimulatorControl control;
    private final Map<String, String> variables = new HashMap<>();
    private String lab;

    public CommandRunner(OperationInvoker invoker, Tagger tagger) {
        this.invoker = invoker;
        this.tagger = tagger;
        this.control = new SimulatorControl(invoker.clients());
    }

    /**
     * Runs what follows in a lab's context: every create call goes through the {@link Tagger},
     * so the lab's clean-up can find what it made. Null leaves calls as typed.
     */
    public void lab(String labId) {
        this.lab = labId;
    }

    /** The lab whose tag create calls get, or null. */
    public String lab() {
        return lab;
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
            keep(name, result);
            return "";
        }
        if (text.startsWith("echo ") || text.equals("echo")) {
            return Shell.words(text, variables).stream().skip(1).collect(Collectors.joining(" ")) + "\n";
        }
        CliCommand cli = CliCommand.parse(text, variables);
        JsonNode response = cli.isControl()
                ? control.call(cli.control(), cli.input())
                : invoker.invoke(cli.operation(), lab == null ? cli.input() : tagger.tag(cli.operation(), cli.input(), lab));
        if (cli.query().isPresent()) {
            try {
                response = JmesPath.compile(cli.query().get()).search(response);
            } catch (JmesPathException e) {
                // A function given the wrong number of arguments fails only when it runs, as in the AWS CLI.
                throw new CommandRefused(CommandRefused.OTHER_ERROR, e.getMessage());
            }
        }
        return switch (cli.output()) {
            case "text" -> text(response);
            case "table" -> TableOutput.render(cli.isControl() ? cli.control() : cli.operation().name(), response);
            default -> pretty(response) + "\n";
        };
    }

    /** Sets a variable within the limits, so that {@code A=$A$A} repeated cannot fill the heap. */
    private void keep(String name, String value) {
        if (value.length() > MAX_VARIABLE) {
            throw new CommandRefused(CommandRefused.OTHER_ERROR, "ecslabs: " + name + " would hold " + value.length()
                    + " characters; a variable here holds at most " + MAX_VARIABLE + ". It was left as it was.");
        }
        long total = value.length();
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            total += variable.getKey().equals(name) ? 0 : variable.getValue().length();
        }
        if (total > MAX_VARIABLES) {
            throw new CommandRefused(CommandRefused.OTHER_ERROR, "ecslabs: the variables of this console would hold "
                    + total + " characters, over the " + MAX_VARIABLES + " it keeps; " + name + " was not set. "
                    + "Reuse a variable instead of making new ones.");
        }
        variables.put(name, value);
    }

    /** Splits a script (several lines, backslash continuations, comments) into its commands. */
    public static List<Command> commands(String script) {
        return Shell.commands(script, 1);
    }

    /** A shell variable set by an earlier command, if any. */
    public String variable(String name) {
        return variables.get(name);
    }

    private static String pretty(JsonNode value) {
        if (value == null) {
            return "null";
        }
        try {
            return PRINTER.writerWithDefaultPrettyPrinter().writeValueAsString(plain(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy whose floating-point numbers print as the CLI prints them: 1795292927.5, not 1.7952929275E9. */
    private static JsonNode plain(JsonNode value) {
        if (value.isFloatingPointNumber() && !value.isBigDecimal()) {
            return JsonNodeFactory.instance.numberNode(BigDecimal.valueOf(value.asDouble()));
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(member -> copy.set(member.getKey(), plain(member.getValue())));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value;
    }

    /** The CLI's text output, for the shapes a {@code --query} gives: values, lists of values, rows. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "None\n";
        }
        if (value.isValueNode()) {
            return scalar(value) + "\n";
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
        container.elements().forEachRemaining(item -> cells.add(item.isValueNode() ? scalar(item) : item.toString()));
        return String.join("\t", cells);
    }

    /** A value as the CLI's text output prints it: Python's None, True and False. */
    static String scalar(JsonNode value) {
        if (value.isNull()) {
            return "None";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "True" : "False";
        }
        if (value.isFloatingPointNumber()) {
            return plain(value).decimalValue().toPlainString();
        }
        return value.asText();
    }
}
