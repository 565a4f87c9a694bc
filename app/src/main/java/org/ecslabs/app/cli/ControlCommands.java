package org.ecslabs.app.cli;

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
     * One command: its words, the control operation, its options (CLI name to member name), which
     * options it needs, the members it always sends, and what it does (for {@code ecslabs help}).
     */
    record Spec(String words, String operation, Map<String, String> options, Set<String> required,
                Map<String, Integer> fixed, String description) {

        Spec(String words, String operation, Map<String, String> options, Set<String> required) {
            this(words, operation, options, required, Map.of(), "");
        }

        Spec describedAs(String text) {
            return new Spec(words, operation, options, required, fixed, text);
        }
    }

    static final List<Spec> SPECS = List.of(
            new Spec("clock get", "GetClock", Map.of(), Set.of())
                    .describedAs("Shows the simulated time (epoch seconds), its speed and whether it is paused."),
            new Spec("clock advance", "AdvanceClock", Map.of("seconds", "seconds"), Set.of("seconds"))
                    .describedAs("Moves simulated time forward at once: tasks start, the scheduler and scaling act."),
            new Spec("clock speed", "SetClockSpeed", Map.of("factor", "factor"), Set.of("factor"))
                    .describedAs("Runs simulated time at factor times the wall clock (0 pauses, 1 is real time, up to 1000)."),
            new Spec("clock pause", "SetClockSpeed", Map.of(), Set.of(), Map.of("factor", 0), "")
                    .describedAs("Stops simulated time; it then moves only with 'ecslabs clock advance'."),
            new Spec("clock resume", "SetClockSpeed", Map.of(), Set.of(), Map.of("factor", 1), "")
                    .describedAs("Runs simulated time at the wall clock's speed again."),
            new Spec("load set", "SetServiceLoad", Map.of("cluster", "cluster", "service", "service",
                    "cpu", "cpuUtilization", "memory", "memoryUtilization", "requests", "requestsPerSecond"),
                    Set.of("cluster", "service"))
                    .describedAs("Sets a service's simulated load: average CPU and memory utilization (%) and ALB requests per second."),
            new Spec("task fail", "FailTask", Map.of("cluster", "cluster", "task", "task"), Set.of("cluster", "task"))
                    .describedAs("Makes a task's essential container exit, as a crash would."),
            new Spec("instances add", "AddContainerInstances", Map.of("cluster", "cluster", "count", "count",
                    "instance-type", "instanceType"), Set.of("cluster", "count"))
                    .describedAs("Registers EC2 container instances (default type m5.large) with a cluster."),
            new Spec("instance fail", "FailContainerInstance", Map.of("cluster", "cluster",
                    "container-instance", "containerInstance"), Set.of("cluster", "container-instance"))
                    .describedAs("Makes a container instance fail: its tasks stop and it leaves the cluster."),
            new Spec("spot interrupt", "InterruptSpotTasks", Map.of("cluster", "cluster"), Set.of("cluster"))
                    .describedAs("Reclaims the cluster's Fargate Spot capacity: its Spot tasks are interrupted."),
            new Spec("cost", "GetCostReport", Map.of(), Set.of())
                    .describedAs("Shows what the account's tasks have cost so far at Fargate prices."),
            new Spec("reset", "ResetAccount", Map.of(), Set.of())
                    .describedAs("Deletes everything in your simulated account and starts afresh."));

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
        spec.fixed().forEach((member, value) -> input.put(member, value));
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
