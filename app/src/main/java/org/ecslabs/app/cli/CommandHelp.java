package org.ecslabs.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.ecslabs.app.aws.AwsClients;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;

/**
 * What {@code aws help}, {@code aws <service> help}, {@code aws <service> <operation> help} and
 * {@code ecslabs help} print: the services, their operations, an operation's options (from the
 * SDK's model, with the required ones from the AWS service models), and the simulator's commands.
 * Thread-safe: immutable after loading.
 */
public final class CommandHelp {

    private static final Map<String, List<String>> REQUIRED = loadRequired();

    private CommandHelp() {
    }

    /** The help text if {@code command} asks for help, else empty. */
    public static Optional<String> forCommand(String command) {
        List<String> words = Arrays.asList(command.strip().split("\\s+"));
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String last = words.get(words.size() - 1);
        boolean asks = last.equals("help") || last.equals("--help") || last.equals("-h");
        if (words.get(0).equals("ecslabs") && (asks || words.size() == 1)) {
            return Optional.of(controlHelp());
        }
        if (!words.get(0).equals("aws") || !(asks || words.size() == 1)) {
            return Optional.empty();
        }
        List<String> subject = words.subList(1, asks ? words.size() - 1 : words.size());
        if (subject.isEmpty()) {
            return Optional.of(awsHelp());
        }
        String service = subject.get(0);
        if (AwsClients.service(service).isEmpty()) {
            throw new IllegalArgumentException("unknown service '" + service + "' (known: "
                    + String.join(", ", AwsClients.serviceNames()) + ")");
        }
        if (subject.size() == 1) {
            return Optional.of(serviceHelp(service));
        }
        Operation operation = Operation.findByCliName(service, subject.get(1)).orElseThrow(() ->
                new IllegalArgumentException("unknown operation 'aws " + service + " " + subject.get(1)
                        + "'; 'aws " + service + " help' lists them"));
        return Optional.of(operationHelp(operation));
    }

    /**
     * The API name of the operation a command line calls ({@code DescribeServices}, {@code AdvanceClock}),
     * for the CLI's error line; variable assignments are looked through.
     */
    public static Optional<String> operationName(String command) {
        String text = command.strip();
        int substitution = text.indexOf("$(");
        if (substitution >= 0) {
            text = text.substring(substitution + 2);
        }
        List<String> words = Arrays.asList(text.strip().split("\\s+"));
        if (words.size() >= 3 && words.get(0).equals("aws")) {
            return Operation.findByCliName(words.get(1), words.get(2)).map(Operation::name);
        }
        if (words.size() >= 2 && words.get(0).equals("ecslabs")) {
            return ControlCommands.SPECS.stream()
                    .filter(spec -> String.join(" ", words).concat(" ").startsWith("ecslabs " + spec.words() + " "))
                    .map(ControlCommands.Spec::operation)
                    .findFirst();
        }
        return Optional.empty();
    }

    static String awsHelp() {
        return "usage: aws <service> <operation> [--option value ...] [--query EXPR] [--output json|text|table]\n\n"
                + "Services:\n  " + String.join("\n  ", AwsClients.serviceNames()) + "\n\n"
                + "'aws <service> help' lists a service's operations; 'aws <service> <operation> help' its options.\n"
                + "'ecslabs help' lists the simulator's own commands (clock, load, failures, cost, reset).\n";
    }

    static String serviceHelp(String service) {
        Class<?> client = AwsClients.service(service).orElseThrow().clientType();
        Set<String> names = new java.util.TreeSet<>();
        for (var method : client.getMethods()) {
            if (method.getParameterCount() == 1 && SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0])) {
                names.add(CliCommand.kebab(method.getName()));
            }
        }
        return "aws " + service + " <operation>\n\nOperations:\n  " + String.join("\n  ", names)
                + "\n\n'aws " + service + " <operation> help' lists an operation's options.\n";
    }

    static String operationHelp(Operation operation) {
        List<String> required = REQUIRED.getOrDefault(operation.service() + "." + operation.name(), List.of());
        StringBuilder out = new StringBuilder();
        out.append("aws ").append(operation.service()).append(' ').append(CliCommand.kebab(operation.name()))
                .append("\n\n").append("Calls the ").append(operation.name()).append(" operation.\n\nOptions:\n");
        List<SdkField<?>> fields = new ArrayList<>(operation.inputFields());
        if (fields.isEmpty()) {
            out.append("  (none)\n");
        }
        int width = fields.stream().mapToInt(field -> CliCommand.kebab(field.memberName()).length()).max().orElse(0) + 2;
        for (SdkField<?> field : fields) {
            String option = "--" + CliCommand.kebab(field.memberName());
            out.append("  ").append(String.format(Locale.ROOT, "%-" + (width + 2) + "s", option))
                    .append(type(field))
                    .append(required.contains(field.memberName()) ? "  (required)" : "")
                    .append('\n');
        }
        out.append("\nGlobal options: --query <JMESPath>, --output json|text|table, --cli-input-json '<JSON>'.\n")
                .append("Structures take shorthand (key=value,key2=value) or JSON; lists take values separated by spaces.\n");
        return out.toString();
    }

    static String controlHelp() {
        StringBuilder out = new StringBuilder("ecslabs <command> [--option value ...]\n\n"
                + "The simulator's own commands, acting on your simulated account only:\n\n");
        for (ControlCommands.Spec spec : ControlCommands.SPECS) {
            out.append("  ecslabs ").append(spec.words());
            new TreeMap<>(spec.options()).keySet().forEach(option -> out.append(spec.required().contains(option)
                    ? " --" + option + " <value>" : " [--" + option + " <value>]"));
            out.append("\n      ").append(spec.description()).append('\n');
        }
        out.append("\nThey accept --query and --output like aws commands.\n");
        return out.toString();
    }

    private static String type(SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            return "list of " + plural(typeName(member.marshallingType()));
        }
        if (type == MarshallingType.BOOLEAN) {
            return "boolean (--" + CliCommand.kebab(field.memberName()) + " | --no-" + CliCommand.kebab(field.memberName()) + ")";
        }
        return typeName(type);
    }

    private static String typeName(MarshallingType<?> type) {
        if (type == MarshallingType.SDK_POJO) {
            return "structure";
        }
        if (type == MarshallingType.INSTANT) {
            return "timestamp";
        }
        if (type == MarshallingType.SDK_BYTES) {
            return "blob";
        }
        return type.getTargetClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String plural(String name) {
        return name.endsWith("s") ? name + "es" : name + "s";
    }

    private static Map<String, List<String>> loadRequired() {
        Properties properties = new Properties();
        try (InputStream in = CommandHelp.class.getResourceAsStream("/console/required-members.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> required = new TreeMap<>();
        properties.forEach((key, value) -> required.put((String) key, List.of(((String) value).split(","))));
        return Map.copyOf(required);
    }
}
