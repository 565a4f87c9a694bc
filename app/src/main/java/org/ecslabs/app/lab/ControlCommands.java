package org.ecslabs.app.lab;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulator's {@code ecslabs ...} commands, which move time and load where a lab needs them,
 * mapped to the control API's operations and members.
 */
final class ControlCommands {

    /**
     * One command: its words, the control operation, its options (CLI name to member name), and
     * which options it needs.
     */
    private record Spec(String words, String operation, Map<String, String> options, Set<String> required) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("clock get", "GetClock", Map.of(), Set.of()),
            new Spec("clock advance", "AdvanceClock", Map.of("seconds", "seconds"), Set.of("seconds")),
            new Spec("clock speed", "SetClockSpeed", Map.of("factor", "factor"), Set.of("factor")),
            new Spec("load set", "SetServiceLoad", Map.of("cluster", "cluster", "service", "service",
                    "cpu", "cpuUtilization", "memory", "memoryUtilization", "requests", "requestsPerSecond"),
                    Set.of("cluster", "service")),
            new Spec("task fail", "FailTask", Map.of("cluster", "cluster", "task", "task"), Set.of("cluster", "task")),
            new Spec("instances add", "AddContainerInstances", Map.of("cluster", "cluster", "count", "count",
                    "instance-type", "instanceType"), Set.of("cluster", "count")),
            new Spec("instance fail", "FailContainerInstance", Map.of("cluster", "cluster",
                    "container-instance", "containerInstance"), Set.of("cluster", "container-instance")),
            new Spec("spot interrupt", "InterruptSpotTasks", Map.of("cluster", "cluster"), Set.of("cluster")),
            new Spec("cost report", "GetCostReport", Map.of(), Set.of()),
            new Spec("reset", "ResetAccount", Map.of(), Set.of()));

    private ControlCommands() {
    }

    static CliCommand parse(String command, List<String> words) {
        Spec spec = SPECS.stream()
                .filter(candidate -> startsWith(words, candidate.words().split(" ")))
                .findFirst()
                .orElseThrow(() -> CliCommand.invalid(command, "unknown ecslabs command (known: "
                        + String.join(", ", SPECS.stream().map(Spec::words).toList()) + ")"));
        int skip = spec.words().split(" ").length;
        Map<String, String> given = new LinkedHashMap<>();
        List<String> rest = words.subList(skip, words.size());
        for (int i = 0; i < rest.size(); i++) {
            String option = rest.get(i);
            String name = option.startsWith("--") ? option.substring(2) : null;
            if (name == null || !spec.options().containsKey(name)) {
                throw CliCommand.invalid(command, "unknown option '" + option + "' for ecslabs " + spec.words()
                        + (spec.options().isEmpty() ? "" : " (known: --" + String.join(", --", spec.options().keySet().stream().sorted().toList()) + ")"));
            }
            if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                throw CliCommand.invalid(command, option + " needs a value");
            }
            given.put(name, rest.get(++i));
        }
        for (String required : spec.required()) {
            if (!given.containsKey(required)) {
                throw CliCommand.invalid(command, "ecslabs " + spec.words() + " needs --" + required);
            }
        }
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        given.forEach((name, value) -> {
            String member = spec.options().get(name);
            try {
                input.put(member, new BigDecimal(value));
            } catch (NumberFormatException e) {
                input.put(member, value);
            }
        });
        return new CliCommand(null, spec.operation(), input, Optional.empty(), "json");
    }

    private static boolean startsWith(List<String> words, String[] prefix) {
        if (words.size() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!words.get(i).equals(prefix[i])) {
                return false;
            }
        }
        return true;
    }
}
