package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ecslabs.simulator.protocol.AwsException;

/** RegisterTaskDefinition's checks, worded as ECS words them (ClientException unless noted). */
final class TaskDefinitionRules {
    static final List<String> NETWORK_MODES = List.of("bridge", "host", "awsvpc", "none");
    static final List<String> COMPATIBILITIES = List.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");

    private TaskDefinitionRules() {
    }

    static void check(JsonNode input, String networkMode, Integer cpu, Integer memory) {
        String family = Json.text(input, "family");
        if (family == null || family.isEmpty()) {
            throw AwsException.clientException("Family can not be blank.");
        }
        if (!family.matches("[a-zA-Z0-9_-]{1,255}")) {
            throw AwsException.clientException("Family contains invalid characters. Up to 255 letters (uppercase and "
                    + "lowercase), numbers, underscores, and hyphens are allowed.");
        }
        if (!NETWORK_MODES.contains(networkMode)) {
            throw AwsException.clientException("1 validation error detected: Value '" + networkMode
                    + "' at 'networkMode' failed to satisfy constraint: Member must satisfy enum value set: [bridge, host, awsvpc, none]");
        }
        List<String> compatibilities = Json.strings(input, "requiresCompatibilities");
        for (String compatibility : compatibilities) {
            if (!COMPATIBILITIES.contains(compatibility)) {
                throw AwsException.clientException("1 validation error detected: Value '[" + compatibility
                        + "]' at 'requiresCompatibilities' failed to satisfy constraint: Member must satisfy constraint: "
                        + "[Member must satisfy enum value set: [EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES]]");
            }
        }
        for (JsonNode constraint : Json.list(input, "placementConstraints")) {
            if (!"memberOf".equals(Json.text(constraint, "type"))) {
                throw AwsException.clientException("Task definitions only support the memberOf placement constraint type.");
            }
            String expression = Json.text(constraint, "expression");
            try {
                Expressions.check(expression);
            } catch (AwsException e) {
                throw AwsException.clientException(e.getMessage());
            }
        }
        List<JsonNode> containers = Json.list(input, "containerDefinitions");
        if (containers.isEmpty()) {
            throw AwsException.clientException("Container list cannot be empty.");
        }
        boolean fargate = compatibilities.contains("FARGATE");
        if (fargate) {
            if (!"awsvpc".equals(networkMode)) {
                throw AwsException.clientException("Fargate only supports network mode \u2018awsvpc\u2019.");
            }
            if (cpu == null) {
                throw AwsException.clientException("Fargate requires that 'cpu' be defined at the task level.");
            }
            if (memory == null) {
                throw AwsException.clientException("Fargate requires that 'memory' be defined at the task level.");
            }
            if (!fargateSizeValid(cpu, memory)) {
                throw AwsException.clientException("No Fargate configuration exists for given values: " + cpu + " CPU, "
                        + memory + " memory. See the Amazon ECS documentation for the valid values.");
            }
            // Fargate shares a process namespace only within the task; the host's is never offered.
            if ("host".equals(Json.text(input, "pidMode"))) {
                throw AwsException.clientException("The 'host' pidMode is not supported on Fargate. Use 'task' or leave pidMode unset.");
            }
            if (Json.text(input, "ipcMode") != null) {
                throw AwsException.clientException("ipcMode is not supported on Fargate.");
            }
        }
        boolean hasExecutionRole = Json.text(input, "executionRoleArn") != null;
        Set<String> names = new HashSet<>();
        boolean essential = false;
        for (JsonNode container : containers) {
            String name = Json.text(container, "name");
            if (name == null || name.isEmpty()) {
                throw AwsException.clientException("Container.name should not be null or empty.");
            }
            if (!names.add(name)) {
                throw AwsException.clientException("Container names must be unique within a task definition.");
            }
            String image = Json.text(container, "image");
            if (image == null || image.isEmpty()) {
                throw AwsException.clientException("Container.image should not be null or empty.");
            }
            if (!container.has("essential") || Json.bool(container, "essential")) {
                essential = true;
            }
            Integer containerMemory = Json.integer(container, "memory");
            Integer reservation = Json.integer(container, "memoryReservation");
            if (memory == null && containerMemory == null && reservation == null) {
                throw AwsException.clientException("Invalid setting for container '" + name
                        + "'. At least one of 'memory' or 'memoryReservation' must be specified.");
            }
            if (containerMemory != null && containerMemory < 6 || reservation != null && reservation < 6) {
                throw AwsException.clientException("Invalid 'memory' setting for container '" + name
                        + "'. Minimum memory is 6 MiB.");
            }
            if (containerMemory != null && reservation != null && reservation > containerMemory) {
                throw AwsException.clientException("Invalid 'memory' setting for container '" + name
                        + "'. 'memoryReservation' must be less than or equal to 'memory'.");
            }
            if (memory != null && containerMemory != null && containerMemory > memory) {
                throw AwsException.clientException("Invalid 'memory' setting for container '" + name
                        + "'. The container memory (" + containerMemory + ") must not exceed the task memory (" + memory + ").");
            }
            if (fargate && Json.bool(container, "privileged")) {
                throw AwsException.clientException("Privileged mode is not supported on Fargate.");
            }
            JsonNode log = container.get("logConfiguration");
            if (fargate && log != null && "awslogs".equals(Json.text(log, "logDriver")) && !hasExecutionRole) {
                throw AwsException.clientException(
                        "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
            }
            if (!Json.list(container, "secrets").isEmpty() && !hasExecutionRole) {
                throw AwsException.clientException(
                        "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.");
            }
            if (container.hasNonNull("repositoryCredentials") && !hasExecutionRole) {
                throw AwsException.clientException("When you are specifying private repository authentication, you must "
                        + "also specify a value for 'executionRoleArn'.");
            }
            for (JsonNode mapping : Json.list(container, "portMappings")) {
                checkPortMapping(mapping, networkMode);
            }
            checkHealthCheck(name, container.get("healthCheck"));
        }
        if (!essential) {
            throw AwsException.clientException("Task definition must have at least one essential container.");
        }
        if (cpu != null && (cpu < 128 || cpu > 196608)) {
            throw AwsException.clientException("Invalid 'cpu' setting for task.");
        }
    }

    private static void checkHealthCheck(String container, JsonNode check) {
        if (check == null || check.isNull()) {
            return;
        }
        if (Json.strings(check, "command").isEmpty()) {
            throw AwsException.clientException("Invalid setting for container '" + container
                    + "'. The health check command can not be empty.");
        }
        range(container, check, "interval", 5, 300);
        range(container, check, "timeout", 2, 120);
        range(container, check, "retries", 1, 10);
        range(container, check, "startPeriod", 0, 300);
    }

    private static void range(String container, JsonNode check, String field, int min, int max) {
        Integer value = Json.integer(check, field);
        if (value != null && (value < min || value > max)) {
            throw AwsException.clientException("Invalid setting for container '" + container + "'. The health check "
                    + field + " must be between " + min + " and " + max + ".");
        }
    }

    private static void checkPortMapping(JsonNode mapping, String networkMode) {
        String protocol = Json.text(mapping, "protocol", "tcp");
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw AwsException.clientException("1 validation error detected: Value '" + protocol
                    + "' at 'containerDefinitions.member.portMappings.member.protocol' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [tcp, udp]");
        }
        Integer containerPort = Json.integer(mapping, "containerPort");
        Integer hostPort = Json.integer(mapping, "hostPort");
        if (containerPort != null && (containerPort < 1 || containerPort > 65535)) {
            throw AwsException.clientException("Invalid containerPort " + containerPort + ": must be between 1 and 65535.");
        }
        if (("awsvpc".equals(networkMode) || "host".equals(networkMode)) && hostPort != null && containerPort != null
                && !hostPort.equals(containerPort)) {
            throw AwsException.clientException("When networkMode=" + networkMode
                    + ", the host ports and container ports in port mappings must match.");
        }
    }

    /** Fargate's cpu/memory table: for each cpu size the memory range (MiB) and its step. */
    static boolean fargateSizeValid(int cpu, int memory) {
        return switch (cpu) {
            case 256 -> memory == 512 || memory == 1024 || memory == 2048;
            case 512 -> inRange(memory, 1024, 4096, 1024);
            case 1024 -> inRange(memory, 2048, 8192, 1024);
            case 2048 -> inRange(memory, 4096, 16384, 1024);
            case 4096 -> inRange(memory, 8192, 30720, 1024);
            case 8192 -> inRange(memory, 16384, 61440, 4096);
            case 16384 -> inRange(memory, 32768, 122880, 8192);
            default -> false;
        };
    }

    private static boolean inRange(int value, int min, int max, int step) {
        return value >= min && value <= max && (value - min) % step == 0;
    }

    /** Task-level cpu as units: "256", "0.25 vCPU" and "1 vcpu" all allowed, as ECS accepts them. */
    static Integer cpuUnits(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase();
        try {
            if (v.endsWith("vcpu")) {
                return (int) Math.round(Double.parseDouble(v.substring(0, v.length() - 4).trim()) * 1024);
            }
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw AwsException.clientException("Invalid 'cpu' setting for task: " + value + ".");
        }
    }

    /** Task-level memory in MiB: "512", "0.5GB" and "2 GB" all allowed. */
    static Integer memoryMiB(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase();
        try {
            if (v.endsWith("gb")) {
                return (int) Math.round(Double.parseDouble(v.substring(0, v.length() - 2).trim()) * 1024);
            }
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw AwsException.clientException("Invalid 'memory' setting for task: " + value + ".");
        }
    }
}
