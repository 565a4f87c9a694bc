package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * Places a task on an EC2 container instance: keeps the instances that pass the constraints and have
 * the CPU, memory and host ports, then orders them by the strategies (first strategy first) and takes
 * the first, with registration order as the last word so the choice is deterministic.
 */
final class Placement {
    static final int FIRST_DYNAMIC_PORT = 32768;

    private Placement() {
    }

    /** What a task needs from an instance. */
    record Need(int cpu, int memory, List<Integer> staticPorts, String group, String capacityProvider,
                JsonNode constraints, JsonNode strategies) {
    }

    /** The chosen instance, or why none fits: one reason per instance, and the message a service event shows. */
    record Result(EcsState.ContainerInstance instance, Map<String, String> reasons, String eventReason) {
    }

    static Result place(Ecs ecs, EcsState.Cluster cluster, Need need) {
        List<EcsState.ContainerInstance> candidates = ecs.state().containerInstances.values().stream()
                .filter(i -> i.clusterArn.equals(cluster.clusterArn) && "ACTIVE".equals(i.status) && i.agentConnected)
                .filter(i -> need.capacityProvider() == null || need.capacityProvider().equals(i.capacityProviderName))
                .toList();
        if (candidates.isEmpty()) {
            return new Result(null, Map.of(), "No Container Instances were found in your cluster.");
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        List<EcsState.ContainerInstance> fitting = new ArrayList<>();
        String closest = null;
        for (EcsState.ContainerInstance instance : candidates) {
            String reason = misfit(ecs, instance, need);
            if (reason == null) {
                fitting.add(instance);
            } else {
                reasons.put(instance.containerInstanceArn, reason);
                if (closest == null) {
                    closest = "The closest matching (container-instance " + instance.id() + ") " + describe(reason)
                            + " For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
                }
            }
        }
        if (fitting.isEmpty()) {
            return new Result(null, reasons, closest);
        }
        fitting.sort(order(ecs, need));
        return new Result(fitting.get(0), reasons, null);
    }

    private static String describe(String reason) {
        return switch (reason) {
            case "RESOURCE:CPU" -> "has insufficient CPU units available.";
            case "RESOURCE:MEMORY" -> "has insufficient memory available.";
            case "RESOURCE:PORTS" -> "is already using a port required by your task.";
            case "DistinctInstance placement constraint unsatisfied." -> "is already running a task of this group.";
            default -> "is missing an attribute required by your task.";
        };
    }

    static String misfit(Ecs ecs, EcsState.ContainerInstance instance, Need need) {
        for (JsonNode constraint : iterable(need.constraints())) {
            String type = Json.text(constraint, "type");
            if ("distinctInstance".equals(type) && tasksOn(ecs, instance).stream()
                    .anyMatch(t -> need.group() != null && need.group().equals(t.group))) {
                return "DistinctInstance placement constraint unsatisfied.";
            }
            if ("memberOf".equals(type) && !Expressions.matches(Json.text(constraint, "expression"), instance)) {
                return "MemberOf placement constraint unsatisfied.";
            }
        }
        if (remainingCpu(ecs, instance) < need.cpu()) {
            return "RESOURCE:CPU";
        }
        if (remainingMemory(ecs, instance) < need.memory()) {
            return "RESOURCE:MEMORY";
        }
        Set<Integer> used = usedPorts(ecs, instance);
        if (need.staticPorts().stream().anyMatch(used::contains)) {
            return "RESOURCE:PORTS";
        }
        return null;
    }

    private static Comparator<EcsState.ContainerInstance> order(Ecs ecs, Need need) {
        List<EcsState.ContainerInstance> all = new ArrayList<>(ecs.state().containerInstances.values());
        Comparator<EcsState.ContainerInstance> registration = Comparator.comparingInt(all::indexOf);
        Comparator<EcsState.ContainerInstance> order = (a, b) -> 0;
        JsonNode strategies = need.strategies();
        if (strategies == null || strategies.isEmpty()) {
            strategies = Json.array().add(Json.object().put("type", "spread").put("field", "attribute:ecs.availability-zone"))
                    .add(Json.object().put("type", "spread").put("field", "instanceId"));
        }
        for (JsonNode strategy : strategies) {
            String type = Json.text(strategy, "type");
            String field = Json.text(strategy, "field", "");
            Comparator<EcsState.ContainerInstance> next = switch (type) {
                case "binpack" -> "memory".equalsIgnoreCase(field)
                        ? Comparator.comparingInt(i -> remainingMemory(ecs, i))
                        : Comparator.comparingInt(i -> remainingCpu(ecs, i));
                case "spread" -> Comparator.comparingLong(i -> groupTasksWithSameValue(ecs, i, field, need.group()));
                // "random", made repeatable: a hash of the instance and how many tasks the cluster has seen.
                default -> Comparator.comparingInt(i -> (i.containerInstanceArn + ecs.state().tasks.size()).hashCode());
            };
            order = order.thenComparing(next);
        }
        return order.thenComparing(registration);
    }

    private static long groupTasksWithSameValue(Ecs ecs, EcsState.ContainerInstance instance, String field, String group) {
        String value = Expressions.attribute(instance, field);
        return ecs.state().tasks.values().stream()
                .filter(t -> !t.stopped() && t.containerInstanceArn != null && (group == null || group.equals(t.group)))
                .filter(t -> {
                    EcsState.ContainerInstance other = ecs.state().containerInstances.get(t.containerInstanceArn);
                    return other != null && value != null && value.equals(Expressions.attribute(other, field));
                })
                .count();
    }

    static List<EcsState.Task> tasksOn(Ecs ecs, EcsState.ContainerInstance instance) {
        return ecs.state().tasks.values().stream()
                .filter(t -> t.containerInstanceArn != null && !t.stopped() && instance.containerInstanceArn.equals(t.containerInstanceArn))
                .toList();
    }

    static int remainingCpu(Ecs ecs, EcsState.ContainerInstance instance) {
        return instance.cpu - tasksOn(ecs, instance).stream().mapToInt(t -> t.cpuUnits).sum();
    }

    static int remainingMemory(Ecs ecs, EcsState.ContainerInstance instance) {
        return instance.memory - tasksOn(ecs, instance).stream().mapToInt(t -> t.memoryMiB).sum();
    }

    /** Host ports taken on an instance: the agent's own and those of its tasks. */
    static Set<Integer> usedPorts(Ecs ecs, EcsState.ContainerInstance instance) {
        Set<Integer> used = new HashSet<>(ContainerInstances.RESERVED_PORTS);
        tasksOn(ecs, instance).forEach(t -> used.addAll(t.hostPorts));
        return used;
    }

    /** The first free port of the ephemeral range, for a hostPort of 0 in bridge mode. */
    static int dynamicPort(Set<Integer> used) {
        int port = FIRST_DYNAMIC_PORT;
        while (used.contains(port)) {
            port++;
        }
        used.add(port);
        return port;
    }

    /** Checks strategies and constraints when a request gives them, as ECS does before placing anything. */
    static void checkRequest(JsonNode constraints, JsonNode strategies) {
        for (JsonNode constraint : iterable(constraints)) {
            String type = Json.text(constraint, "type");
            if (!"distinctInstance".equals(type) && !"memberOf".equals(type)) {
                throw AwsException.invalidParameter("Invalid placement constraint type: " + type
                        + ". Valid values are distinctInstance and memberOf.");
            }
            if ("memberOf".equals(type)) {
                Expressions.check(Json.text(constraint, "expression"));
            }
        }
        int count = 0;
        for (JsonNode strategy : iterable(strategies)) {
            count++;
            String type = Json.text(strategy, "type");
            String field = Json.text(strategy, "field");
            switch (type == null ? "" : type) {
                case "random" -> { }
                case "binpack" -> {
                    if (!"cpu".equalsIgnoreCase(field) && !"memory".equalsIgnoreCase(field)) {
                        throw AwsException.invalidParameter("Invalid binpack field: " + field
                                + ". Valid values are cpu and memory.");
                    }
                }
                case "spread" -> {
                    if (field == null || !(field.equals("instanceId") || field.equals("host") || field.startsWith("attribute:"))) {
                        throw AwsException.invalidParameter("Invalid spread field: " + field
                                + ". Valid values are instanceId, host or attribute:<name>.");
                    }
                }
                default -> throw AwsException.invalidParameter("Invalid placement strategy type: " + type
                        + ". Valid values are random, spread and binpack.");
            }
        }
        if (count > 5) {
            throw AwsException.invalidParameter("The number of placement strategies can not exceed 5.");
        }
    }

    static List<JsonNode> iterable(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(items::add);
        }
        return items;
    }
}
