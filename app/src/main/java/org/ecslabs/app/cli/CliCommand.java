package org.ecslabs.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.JmesPathException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecslabs.app.aws.AwsClients;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;

/**
 * One command line of a lab, read the way the AWS CLI reads it: {@code aws <service> <operation>
 * --option value ...} becomes an {@link Operation} and an input in the API's member names; the
 * simulator's {@code ecslabs ...} commands become control operations.
 *
 * @param operation the AWS operation, or null for a control command
 * @param control   the control operation (e.g. AdvanceClock), or null for an AWS command
 * @param input     the request in the API's member names
 * @param query     the {@code --query} JMESPath expression, if any
 * @param output    the {@code --output} format: json (the default), text or table
 */
public record CliCommand(Operation operation, String control, ObjectNode input, Optional<String> query, String output) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Global options that change nothing here: the back end is chosen by the app, not the command. */
    private static final Set<String> IGNORED_WITH_VALUE = Set.of("--region", "--endpoint-url", "--profile", "--color",
            "--cli-read-timeout", "--cli-connect-timeout");
    private static final Set<String> IGNORED_FLAGS = Set.of("--no-cli-pager", "--no-paginate", "--debug",
            "--no-verify-ssl", "--no-sign-request");

    public boolean isControl() {
        return control != null;
    }

    /** Parses {@code command} (one line, as split by the shell) with {@code variables} for {@code $NAME}. */
    public static CliCommand parse(String command, Map<String, String> variables) {
        List<String> words;
        try {
            words = Shell.words(command, variables);
        } catch (IllegalArgumentException e) {
            throw invalid(command, e.getMessage());
        }
        if (words.isEmpty()) {
            throw invalid(command, "the command is empty");
        }
        return switch (words.get(0)) {
            case "aws" -> aws(command, words);
            case "ecslabs" -> {
                List<String> rest = new ArrayList<>();
                String[] format = {null, "json"};
                outputOptions(command, words, rest, format);
                CliCommand control = ControlCommands.parse(command, rest.subList(1, rest.size()));
                yield new CliCommand(null, control.control(), control.input(), Optional.ofNullable(format[0]), format[1]);
            }
            default -> throw invalid(command, "only 'aws ...' and 'ecslabs ...' commands can run here");
        };
    }

    /** Moves --query and --output into {@code format} (query, output) and every other word into {@code rest}. */
    private static void outputOptions(String command, List<String> all, List<String> rest, String[] format) {
        for (int i = 0; i < all.size(); i++) {
            String word = all.get(i);
            if (word.equals("--query") || word.equals("--output")) {
                if (i + 1 >= all.size()) {
                    throw invalid(command, word + " needs a value");
                }
                format[word.equals("--query") ? 0 : 1] = all.get(++i);
                if (word.equals("--query")) {
                    checkQuery(format[0]);
                }
            } else {
                rest.add(word);
            }
        }
        if (!format[1].equals("json") && !format[1].equals("text") && !format[1].equals("table")) {
            throw invalid(command, "--output must be json, text or table");
        }
    }

    /** The AWS CLI reads --query before it calls anything and stops at a bad one, exit code 255. */
    private static void checkQuery(String query) {
        try {
            JmesPath.compile(query);
        } catch (JmesPathException e) {
            throw new CommandRefused(CommandRefused.OTHER_ERROR,
                    "Bad value for --query " + query + ": Invalid jmespath expression: " + e.getMessage());
        }
    }

    private static CliCommand aws(String command, List<String> all) {
        List<String> words = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        String[] format = {null, "json"};
        outputOptions(command, all, rest, format);
        String query = format[0];
        String output = format[1];
        for (int i = 0; i < rest.size(); i++) {
            String word = rest.get(i);
            if (IGNORED_WITH_VALUE.contains(word)) {
                i++;
            } else if (!IGNORED_FLAGS.contains(word)) {
                words.add(word);
            }
        }
        if (words.size() < 3) {
            throw invalid(command, "expected 'aws <service> <operation> [--option value ...]'");
        }
        String service = words.get(1);
        if (AwsClients.service(service).isEmpty()) {
            throw invalid(command, "unknown service '" + service + "' (known: " + String.join(", ", AwsClients.serviceNames()) + ")");
        }
        Operation operation = Operation.findByCliName(service, words.get(2)).orElseThrow(() ->
                invalid(command, "unknown operation 'aws " + service + " " + words.get(2) + "'"));
        ObjectNode input = options(command, operation, words.subList(3, words.size()));
        return new CliCommand(operation, null, input, Optional.ofNullable(query), output);
    }

    private static ObjectNode options(String command, Operation operation, List<String> words) {
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        operation.inputFields().forEach(field -> fields.put(key(field.memberName()), field));
        ObjectNode input = NODES.objectNode();
        int i = 0;
        while (i < words.size()) {
            String option = words.get(i);
            if (!option.startsWith("--")) {
                throw invalid(command, "expected an option such as --cluster, found '" + option + "'");
            }
            List<String> values = new ArrayList<>();
            i++;
            while (i < words.size() && !words.get(i).startsWith("--")) {
                values.add(words.get(i++));
            }
            String name = option.substring(2);
            if (name.equals("cli-input-json")) {
                JsonNode whole = json(command, option, single(command, option, values));
                whole.fields().forEachRemaining(entry -> input.set(entry.getKey(), entry.getValue()));
                continue;
            }
            SdkField<?> field = fields.get(key(name));
            boolean negated = false;
            if (field == null && name.startsWith("no-")) {
                field = fields.get(key(name.substring(3)));
                negated = field != null;
            }
            if (field == null) {
                throw invalid(command, "unknown option " + option + " for aws " + operation.service() + " "
                        + kebab(operation.name()));
            }
            if (field.marshallingType() == MarshallingType.BOOLEAN && values.isEmpty()) {
                input.put(field.memberName(), !negated);
            } else if (negated) {
                throw invalid(command, option + " takes no value");
            } else if (values.isEmpty()) {
                throw invalid(command, option + " needs a value");
            } else {
                input.set(field.memberName(), value(command, option, field, values));
            }
        }
        return input;
    }

    private static JsonNode value(String command, String option, SdkField<?> field, List<String> values) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            if (values.size() == 1 && values.get(0).strip().startsWith("[")) {
                return json(command, option, values.get(0));
            }
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            ArrayNode list = NODES.arrayNode();
            for (String value : values) {
                if (isStructured(member)) {
                    list.add(structured(command, option, value));
                } else {
                    // The CLI reads a list of plain values both as "a b c" and as "a,b,c".
                    list.addAll(shorthandList(command, option, value));
                }
            }
            return list;
        }
        String value = single(command, option, values);
        if (isStructured(field)) {
            return structured(command, option, value);
        }
        return NODES.textNode(value);
    }

    private static boolean isStructured(SdkField<?> field) {
        return field.marshallingType() == MarshallingType.SDK_POJO || field.marshallingType() == MarshallingType.MAP;
    }

    private static JsonNode structured(String command, String option, String value) {
        if (value.strip().startsWith("{")) {
            return json(command, option, value);
        }
        try {
            return Shorthand.structure(value);
        } catch (IllegalArgumentException e) {
            throw invalid(command, option + ": " + e.getMessage());
        }
    }

    private static ArrayNode shorthandList(String command, String option, String value) {
        try {
            return Shorthand.list(value);
        } catch (IllegalArgumentException e) {
            throw invalid(command, option + ": " + e.getMessage());
        }
    }

    private static JsonNode json(String command, String option, String value) {
        if (value.startsWith("file://")) {
            throw invalid(command, option + ": file:// values cannot be read here; give the JSON inline");
        }
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw invalid(command, option + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String single(String command, String option, List<String> values) {
        if (values.size() != 1) {
            throw invalid(command, option + " takes one value, found " + values.size());
        }
        return values.get(0);
    }

    /** Member names and CLI option names compare without hyphens and case: desiredCount ~ desired-count. */
    private static String key(String name) {
        return name.replace("-", "").toLowerCase(Locale.ROOT);
    }

    static String kebab(String operation) {
        return operation.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static IllegalArgumentException invalid(String command, String problem) {
        return new IllegalArgumentException(problem + " (in: " + abbreviate(command) + ")");
    }

    private static String abbreviate(String command) {
        String line = command.replaceAll("\\s+", " ");
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }
}
