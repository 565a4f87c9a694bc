package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ecslabs.simulator.protocol.AwsException;

/** Task definitions: register with ECS's validation, revisions per family, deregister and delete. */
final class TaskDefinitions {
    private static final List<String> PASSED_THROUGH = List.of("taskRoleArn", "executionRoleArn", "volumes",
            "placementConstraints", "requiresCompatibilities", "pidMode", "ipcMode", "proxyConfiguration",
            "inferenceAccelerators", "ephemeralStorage", "runtimePlatform", "enableFaultInjection");

    private TaskDefinitions() {
    }

    static JsonNode register(Ecs ecs, ObjectNode input) {
        String networkMode = Json.text(input, "networkMode", "bridge");
        Integer cpu = TaskDefinitionRules.cpuUnits(Json.text(input, "cpu"));
        Integer memory = TaskDefinitionRules.memoryMiB(Json.text(input, "memory"));
        TaskDefinitionRules.check(input, networkMode, cpu, memory);
        String family = Json.text(input, "family");
        int revision = ecs.state().lastRevision.getOrDefault(family, 0) + 1;
        ecs.state().lastRevision.put(family, revision);

        ObjectNode body = Json.object();
        String arn = ecs.arn("task-definition/" + family + ":" + revision);
        body.put("taskDefinitionArn", arn);
        ArrayNode containers = body.putArray("containerDefinitions");
        for (JsonNode container : Json.list(input, "containerDefinitions")) {
            containers.add(containerWithDefaults((ObjectNode) container.deepCopy(), networkMode));
        }
        body.put("family", family);
        for (String field : PASSED_THROUGH) {
            if (input.hasNonNull(field)) {
                body.set(field, input.get(field).deepCopy());
            }
        }
        body.put("networkMode", networkMode);
        body.put("revision", revision);
        if (!body.has("volumes")) {
            body.putArray("volumes");
        }
        body.put("status", "ACTIVE");
        body.set("requiresAttributes", requiredAttributes(input, networkMode));
        if (!body.has("placementConstraints")) {
            body.putArray("placementConstraints");
        }
        body.set("compatibilities", Json.stringArray(compatibilities(networkMode, cpu, memory, input)));
        if (cpu != null) {
            body.put("cpu", String.valueOf(cpu));
        }
        if (memory != null) {
            body.put("memory", String.valueOf(memory));
        }
        body.put("registeredAt", ecs.now());
        body.put("registeredBy", "arn:aws:iam::" + ecs.sandbox().accountId() + ":root");

        EcsState.TaskDef def = new EcsState.TaskDef();
        def.taskDefinitionArn = arn;
        def.family = family;
        def.revision = revision;
        def.status = "ACTIVE";
        def.body = body;
        ecs.state().taskDefinitions.put(family + ":" + revision, def);
        ecs.putTags(arn, input.get("tags"));
        ObjectNode out = Json.object();
        out.set("taskDefinition", json(def));
        out.set("tags", ecs.tagsJson(arn));
        return out;
    }

    private static ObjectNode containerWithDefaults(ObjectNode container, String networkMode) {
        if (!container.has("cpu")) {
            container.put("cpu", 0);
        }
        ArrayNode mappings = Json.array();
        for (JsonNode mapping : Json.list(container, "portMappings")) {
            ObjectNode copy = (ObjectNode) mapping.deepCopy();
            if (!copy.has("protocol")) {
                copy.put("protocol", "tcp");
            }
            if (copy.has("containerPort") && !copy.has("hostPort")
                    && ("awsvpc".equals(networkMode) || "host".equals(networkMode))) {
                copy.put("hostPort", copy.get("containerPort").asInt());
            }
            mappings.add(copy);
        }
        container.set("portMappings", mappings);
        if (!container.has("essential")) {
            container.put("essential", true);
        }
        for (String list : List.of("environment", "mountPoints", "volumesFrom")) {
            if (!container.has(list)) {
                container.putArray(list);
            }
        }
        return container;
    }

    private static ArrayNode requiredAttributes(JsonNode input, String networkMode) {
        Set<String> attributes = new LinkedHashSet<>();
        if ("awsvpc".equals(networkMode)) {
            attributes.add("com.amazonaws.ecs.capability.docker-remote-api.1.18");
            attributes.add("ecs.capability.task-eni");
        }
        for (JsonNode container : Json.list(input, "containerDefinitions")) {
            JsonNode log = container.get("logConfiguration");
            if (log != null && "awslogs".equals(Json.text(log, "logDriver"))) {
                attributes.add("com.amazonaws.ecs.capability.logging-driver.awslogs");
                attributes.add("ecs.capability.execution-role-awslogs");
                attributes.add("com.amazonaws.ecs.capability.docker-remote-api.1.19");
            }
            if (!Json.list(container, "secrets").isEmpty()) {
                attributes.add("ecs.capability.secrets.asm.environment-variables");
            }
        }
        if (Json.text(input, "taskRoleArn") != null) {
            attributes.add("com.amazonaws.ecs.capability.task-iam-role");
        }
        ArrayNode array = Json.array();
        attributes.forEach(name -> array.addObject().put("name", name));
        return array;
    }

    private static List<String> compatibilities(String networkMode, Integer cpu, Integer memory, JsonNode input) {
        List<String> result = new ArrayList<>(List.of("EC2"));
        boolean privileged = Json.list(input, "containerDefinitions").stream().anyMatch(c -> Json.bool(c, "privileged"));
        if ("awsvpc".equals(networkMode) && cpu != null && memory != null && !privileged
                && TaskDefinitionRules.fargateSizeValid(cpu, memory)) {
            result.add("FARGATE");
        }
        return result;
    }

    static ObjectNode json(EcsState.TaskDef def) {
        ObjectNode node = def.body.deepCopy();
        node.put("status", def.status);
        if (def.deregisteredAt != null) {
            node.put("deregisteredAt", def.deregisteredAt);
        }
        if (def.deleteRequestedAt != null) {
            node.put("deleteRequestedAt", def.deleteRequestedAt);
        }
        return node;
    }

    static JsonNode describe(Ecs ecs, ObjectNode input) {
        String reference = Json.text(input, "taskDefinition");
        EcsState.TaskDef def = ecs.findTaskDefinition(reference);
        if (def == null) {
            throw AwsException.clientException("Unable to describe task definition.");
        }
        ObjectNode out = Json.object();
        out.set("taskDefinition", json(def));
        if (Json.strings(input, "include").contains("TAGS")) {
            out.set("tags", ecs.tagsJson(def.taskDefinitionArn));
        }
        return out;
    }

    static JsonNode list(Ecs ecs, ObjectNode input) {
        String prefix = Json.text(input, "familyPrefix");
        String status = Json.text(input, "status", "ACTIVE");
        String sort = Json.text(input, "sort", "ASC");
        Comparator<EcsState.TaskDef> order = Comparator.<EcsState.TaskDef, String>comparing(d -> d.family)
                .thenComparingInt(d -> d.revision);
        if ("DESC".equals(sort)) {
            order = order.reversed();
        }
        List<String> arns = ecs.state().taskDefinitions.values().stream()
                // ListTaskDefinitions' familyPrefix names a whole family (ListTaskDefinitionFamilies' is a prefix).
                .filter(d -> prefix == null || d.family.equals(prefix))
                .filter(d -> d.status.equals(status))
                .sorted(order)
                .map(d -> d.taskDefinitionArn)
                .toList();
        return Pages.of(input, arns, "taskDefinitionArns", 100);
    }

    static JsonNode listFamilies(Ecs ecs, ObjectNode input) {
        String prefix = Json.text(input, "familyPrefix");
        String status = Json.text(input, "status", "ACTIVE");
        Set<String> families = new LinkedHashSet<>();
        ecs.state().taskDefinitions.values().stream().map(d -> d.family).sorted().forEach(families::add);
        List<String> result = families.stream()
                .filter(family -> prefix == null || family.startsWith(prefix))
                .filter(family -> {
                    boolean active = ecs.state().taskDefinitions.values().stream()
                            .anyMatch(d -> d.family.equals(family) && "ACTIVE".equals(d.status));
                    return switch (status) {
                        case "ALL" -> true;
                        case "INACTIVE" -> !active;
                        default -> active;
                    };
                })
                .toList();
        return Pages.of(input, result, "families", 100);
    }

    static JsonNode deregister(Ecs ecs, ObjectNode input) {
        String reference = Json.text(input, "taskDefinition");
        if (reference == null) {
            throw AwsException.clientException("TaskDefinition can not be blank.");
        }
        String key = Json.lastSegment(reference);
        if (!key.contains(":")) {
            throw AwsException.clientException("Invalid revision number. Number: " + key);
        }
        EcsState.TaskDef def = ecs.state().taskDefinitions.get(key);
        if (def == null || "DELETE_IN_PROGRESS".equals(def.status)) {
            throw AwsException.clientException("The specified task definition does not exist. Specify a valid account, "
                    + "family, revision and try again.");
        }
        if ("ACTIVE".equals(def.status)) {
            def.status = "INACTIVE";
            def.deregisteredAt = ecs.now();
        }
        return Json.object().set("taskDefinition", json(def));
    }

    static JsonNode delete(Ecs ecs, ObjectNode input) {
        ArrayNode deleted = Json.array();
        ArrayNode failures = Json.array();
        List<String> references = Json.strings(input, "taskDefinitions");
        if (references.isEmpty()) {
            throw AwsException.invalidParameter("taskDefinitions can not be empty.");
        }
        for (String reference : references) {
            String key = Json.lastSegment(reference);
            EcsState.TaskDef def = ecs.state().taskDefinitions.get(key);
            String arn = reference.startsWith("arn:") ? reference : ecs.arn("task-definition/" + key);
            if (def == null) {
                failures.addObject().put("arn", arn).put("reason", "The specified task definition does not exist.");
            } else if ("ACTIVE".equals(def.status)) {
                failures.addObject().put("arn", arn)
                        .put("reason", "The specified task definition is still in ACTIVE status. Please deregister the target and try again.");
            } else {
                def.status = "DELETE_IN_PROGRESS";
                def.deleteRequestedAt = ecs.now();
                deleted.add(json(def));
            }
        }
        ObjectNode out = Json.object();
        out.set("taskDefinitions", deleted);
        out.set("failures", failures);
        return out;
    }
}
