package org.ecslabs.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.ecs.EcsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * PutTargets, RemoveTargets, ListTargetsByRule, and what a rule does when its schedule fires: each
 * ECS target runs its task definition with RunTask, startedBy {@code events-rule/<rule name>}.
 */
final class RuleTargets {
    static final int MAX_TARGETS = 5;
    private static final int KEPT_INVOCATIONS = 20;
    private static final EcsService ECS = new EcsService();

    private RuleTargets() {
    }

    static JsonNode put(Sandbox sandbox, EventsState state, ObjectNode input) {
        EventsState.Rule rule = Rules.find(sandbox, state, input, "Rule");
        JsonNode targets = input.get("Targets");
        if (targets == null || !targets.isArray() || targets.isEmpty()) {
            throw new AwsException("ValidationException", "1 validation error detected: Value null at 'targets' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        ArrayNode failed = Rules.MAPPER.createArrayNode();
        for (JsonNode target : targets) {
            String id = Rules.text(target, "Id");
            String arn = Rules.text(target, "Arn");
            if (id == null || arn == null) {
                throw new AwsException("ValidationException", "1 validation error detected: Value null at 'targets."
                        + (id == null ? "id" : "arn") + "' failed to satisfy constraint: Member must not be null");
            }
            String problem = problem(sandbox, target, arn);
            if (problem != null) {
                failed.addObject().put("TargetId", id).put("ErrorCode", "ValidationException").put("ErrorMessage", problem);
                continue;
            }
            if (!rule.targets.containsKey(id) && rule.targets.size() >= MAX_TARGETS) {
                throw new AwsException("LimitExceededException", "The requested resource exceeds the maximum number allowed.");
            }
            rule.targets.put(id, target.deepCopy());
        }
        ObjectNode out = Rules.MAPPER.createObjectNode().put("FailedEntryCount", failed.size());
        out.set("FailedEntries", failed);
        return out;
    }

    private static String problem(Sandbox sandbox, JsonNode target, String arn) {
        if (!arn.startsWith("arn:aws:ecs:" + sandbox.region() + ":" + sandbox.accountId() + ":cluster/")) {
            // Only ECS targets act in the simulator; other targets are kept and do nothing.
            return null;
        }
        JsonNode ecs = target.get("EcsParameters");
        if (ecs == null || Rules.text(ecs, "TaskDefinitionArn") == null) {
            return "Parameter EcsParameters.TaskDefinitionArn is required for an Amazon ECS target.";
        }
        if (Rules.text(target, "RoleArn") == null) {
            return "RoleArn is required for target " + Rules.text(target, "Id") + ".";
        }
        JsonNode count = ecs.get("TaskCount");
        if (count != null && (count.asInt() < 1 || count.asInt() > 10)) {
            return "TaskCount must be between 1 and 10.";
        }
        return null;
    }

    static JsonNode remove(Sandbox sandbox, EventsState state, ObjectNode input) {
        EventsState.Rule rule = Rules.find(sandbox, state, input, "Rule");
        ArrayNode failed = Rules.MAPPER.createArrayNode();
        JsonNode ids = input.get("Ids");
        if (ids != null) {
            for (JsonNode id : ids) {
                if (rule.targets.remove(id.asText()) == null) {
                    failed.addObject().put("TargetId", id.asText()).put("ErrorCode", "ResourceNotFoundException")
                            .put("ErrorMessage", "Target " + id.asText() + " does not exist on rule " + rule.name + ".");
                }
            }
        }
        ObjectNode out = Rules.MAPPER.createObjectNode().put("FailedEntryCount", failed.size());
        out.set("FailedEntries", failed);
        return out;
    }

    static JsonNode list(Sandbox sandbox, EventsState state, ObjectNode input) {
        EventsState.Rule rule = Rules.find(sandbox, state, input, "Rule");
        ArrayNode targets = Rules.MAPPER.createArrayNode();
        rule.targets.values().forEach(targets::add);
        ObjectNode out = Rules.MAPPER.createObjectNode();
        out.set("Targets", targets);
        return out;
    }

    /** Invokes the targets of every rule whose schedule is due; returns whether anything fired. */
    static boolean fire(Sandbox sandbox, EventsState state) {
        long now = sandbox.now().getEpochSecond();
        boolean fired = false;
        for (EventsState.Rule rule : state.rules.values()) {
            while (rule.nextFireAt != null && rule.nextFireAt <= now) {
                long at = rule.nextFireAt;
                for (JsonNode target : rule.targets.values()) {
                    invoke(sandbox, rule, target);
                }
                rule.nextFireAt = ScheduleExpression.parse(rule.scheduleExpression).next(at, rule.createdAt);
                fired = true;
            }
        }
        return fired;
    }

    private static void invoke(Sandbox sandbox, EventsState.Rule rule, JsonNode target) {
        JsonNode ecs = target.get("EcsParameters");
        String arn = Rules.text(target, "Arn");
        if (ecs == null || !arn.contains(":cluster/")) {
            return;
        }
        ObjectNode request = Rules.MAPPER.createObjectNode();
        request.put("cluster", arn);
        request.put("taskDefinition", Rules.text(ecs, "TaskDefinitionArn"));
        request.put("count", ecs.has("TaskCount") ? ecs.get("TaskCount").asInt() : 1);
        request.put("startedBy", "events-rule/" + rule.name);
        copy(ecs, "LaunchType", request, "launchType");
        copy(ecs, "PlatformVersion", request, "platformVersion");
        copy(ecs, "Group", request, "group");
        copy(ecs, "PropagateTags", request, "propagateTags");
        copy(ecs, "ReferenceId", request, "referenceId");
        copy(ecs, "EnableECSManagedTags", request, "enableECSManagedTags");
        copy(ecs, "EnableExecuteCommand", request, "enableExecuteCommand");
        copy(ecs, "CapacityProviderStrategy", request, "capacityProviderStrategy");
        copy(ecs, "PlacementConstraints", request, "placementConstraints");
        copy(ecs, "PlacementStrategy", request, "placementStrategy");
        JsonNode vpc = ecs.path("NetworkConfiguration").get("awsvpcConfiguration");
        if (vpc != null) {
            ObjectNode awsvpc = request.putObject("networkConfiguration").putObject("awsvpcConfiguration");
            copy(vpc, "Subnets", awsvpc, "subnets");
            copy(vpc, "SecurityGroups", awsvpc, "securityGroups");
            copy(vpc, "AssignPublicIp", awsvpc, "assignPublicIp");
        }
        if (ecs.has("Tags")) {
            ArrayNode tags = request.putArray("tags");
            ecs.get("Tags").forEach(tag -> tags.addObject().put("key", Rules.text(tag, "Key")).put("value", Rules.text(tag, "Value")));
        }
        String outcome;
        try {
            JsonNode result = ECS.call(sandbox, "RunTask", request);
            List<String> started = new ArrayList<>();
            result.path("tasks").forEach(task -> started.add(task.path("taskArn").asText()));
            outcome = "OK " + String.join(" ", started);
            if (result.path("failures").size() > 0) {
                outcome += " failures: " + result.get("failures");
            }
        } catch (AwsException e) {
            // EventBridge counts a FailedInvocation; the rule keeps firing.
            outcome = "FAILED " + e.code() + ": " + e.getMessage();
        }
        rule.invocations.add(sandbox.now() + " " + outcome);
        if (rule.invocations.size() > KEPT_INVOCATIONS) {
            rule.invocations.remove(0);
        }
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String name) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(name, value.deepCopy());
        }
    }
}
