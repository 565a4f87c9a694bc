package org.ecslabs.simulator.autoscaling;

import static org.ecslabs.simulator.autoscaling.Json.NODES;
import static org.ecslabs.simulator.autoscaling.Json.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScalableTarget;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScalingPolicy;
import org.ecslabs.simulator.cloudwatch.Alarms;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.load.EcsServices;
import org.ecslabs.simulator.load.ServiceRef;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.TimestampNode;

/** RegisterScalableTarget, DescribeScalableTargets, DeregisterScalableTarget. */
final class Targets {
    static final String ECS = "ecs";
    static final String DESIRED_COUNT = "ecs:service:DesiredCount";

    private Targets() {
    }

    /** The ServiceNamespace member: required, and only ECS is simulated. */
    static String namespace(JsonNode input) {
        String namespace = Json.required(input, "ServiceNamespace");
        if (!ECS.equals(namespace)) {
            throw validation("Unsupported service namespace " + namespace + ": the simulator scales ECS services only.");
        }
        return namespace;
    }

    private static String dimension(JsonNode input) {
        String dimension = Json.required(input, "ScalableDimension");
        if (!DESIRED_COUNT.equals(dimension)) {
            throw validation("Unsupported scalable dimension " + dimension + " for service namespace ecs.");
        }
        return dimension;
    }

    /** The target the request names; ObjectNotFoundException, worded as AWS does, if none is registered. */
    static ScalableTarget registered(AutoScalingState state, JsonNode input) {
        String namespace = namespace(input);
        String resourceId = Json.required(input, "ResourceId");
        String dimension = Json.required(input, "ScalableDimension");
        return state.targets.stream()
                .filter(t -> t.is(namespace, resourceId, dimension))
                .findFirst()
                .orElseThrow(() -> notRegistered(namespace, resourceId, dimension));
    }

    static AwsException notRegistered(String namespace, String resourceId, String dimension) {
        return new AwsException("ObjectNotFoundException", "No scalable target registered for service namespace: "
                + namespace + ", resource ID: " + resourceId + ", scalable dimension: " + dimension);
    }

    static JsonNode register(Sandbox sandbox, AutoScalingState state, EcsServices ecs, Scaler scaler, ObjectNode input) {
        String namespace = namespace(input);
        String resourceId = Json.required(input, "ResourceId");
        String dimension = dimension(input);
        ServiceRef service = EcsServices.parseResourceId(resourceId)
                .orElseThrow(() -> validation("Unsupported resource ID " + resourceId
                        + ": an ECS service is named service/<cluster-name>/<service-name>."));
        if (ecs.find(sandbox, service.cluster(), service.service()).isEmpty()) {
            throw validation("ECS service doesn't exist: " + resourceId);
        }
        Integer min = Json.integer(input, "MinCapacity");
        Integer max = Json.integer(input, "MaxCapacity");
        if (min != null && min < 0 || max != null && max < 0) {
            throw validation("MinCapacity and MaxCapacity must not be negative.");
        }
        ScalableTarget target = state.targets.stream()
                .filter(t -> t.is(namespace, resourceId, dimension)).findFirst().orElse(null);
        if (target == null) {
            if (min == null || max == null) {
                throw validation("MinCapacity and MaxCapacity are required when registering a new scalable target.");
            }
            target = new ScalableTarget();
            target.serviceNamespace = namespace;
            target.resourceId = resourceId;
            target.scalableDimension = dimension;
            target.creationTime = sandbox.now().toEpochMilli();
            target.arn = sandbox.arn("application-autoscaling", "scalable-target/" + "0e" + sandbox.newId().substring(0, 30)
                    + sandbox.newId().substring(0, 4));
            target.roleArn = "arn:aws:iam::" + sandbox.accountId() + ":role/aws-service-role/"
                    + "ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService";
            target.minCapacity = min;
            target.maxCapacity = max;
            if (min > max) {
                throw validation("Minimum capacity cannot be greater than maximum capacity");
            }
            state.targets.add(target);
        } else {
            int newMin = min == null ? target.minCapacity : min;
            int newMax = max == null ? target.maxCapacity : max;
            if (newMin > newMax) {
                throw validation("Minimum capacity cannot be greater than maximum capacity");
            }
            target.minCapacity = newMin;
            target.maxCapacity = newMax;
        }
        putTags(state, target.arn, input.get("Tags"));
        String role = Json.text(input, "RoleARN");
        if (role != null) {
            target.roleArn = role;
        }
        JsonNode suspended = input.get("SuspendedState");
        if (suspended != null && suspended.isObject()) {
            if (suspended.has("DynamicScalingInSuspended")) {
                target.dynamicScalingInSuspended = Json.bool(suspended, "DynamicScalingInSuspended");
            }
            if (suspended.has("DynamicScalingOutSuspended")) {
                target.dynamicScalingOutSuspended = Json.bool(suspended, "DynamicScalingOutSuspended");
            }
            if (suspended.has("ScheduledScalingSuspended")) {
                target.scheduledScalingSuspended = Json.bool(suspended, "ScheduledScalingSuspended");
            }
        }
        // Registering brings the current capacity into the range, as AWS does.
        ScalableTarget registered = target;
        scaler.current(sandbox, target).ifPresent(current -> {
            if (current < registered.minCapacity) {
                scaler.scaleTo(sandbox, registered, registered.minCapacity,
                        "minimum capacity was set to " + registered.minCapacity);
            } else if (current > registered.maxCapacity) {
                scaler.scaleTo(sandbox, registered, registered.maxCapacity,
                        "maximum capacity was set to " + registered.maxCapacity);
            }
        });
        return NODES.objectNode().put("ScalableTargetARN", target.arn);
    }

    static JsonNode describe(AutoScalingState state, ObjectNode input) {
        String namespace = namespace(input);
        List<String> resourceIds = Json.strings(input, "ResourceIds");
        String dimension = Json.text(input, "ScalableDimension");
        List<ScalableTarget> matching = new ArrayList<>();
        for (ScalableTarget target : state.targets) {
            if (target.serviceNamespace.equals(namespace)
                    && (resourceIds.isEmpty() || resourceIds.contains(target.resourceId))
                    && (dimension == null || dimension.equals(target.scalableDimension))) {
                matching.add(target);
            }
        }
        ObjectNode result = NODES.objectNode();
        ArrayNode targets = result.putArray("ScalableTargets");
        Paging.page(input, matching, result, target -> targets.add(targetOut(target)));
        return result;
    }

    private static ObjectNode targetOut(ScalableTarget target) {
        ObjectNode out = NODES.objectNode();
        out.put("ServiceNamespace", target.serviceNamespace);
        out.put("ResourceId", target.resourceId);
        out.put("ScalableDimension", target.scalableDimension);
        out.put("MinCapacity", target.minCapacity);
        out.put("MaxCapacity", target.maxCapacity);
        out.put("RoleARN", target.roleArn);
        out.set("CreationTime", TimestampNode.ofEpochMilli(target.creationTime));
        ObjectNode suspended = out.putObject("SuspendedState");
        suspended.put("DynamicScalingInSuspended", target.dynamicScalingInSuspended);
        suspended.put("DynamicScalingOutSuspended", target.dynamicScalingOutSuspended);
        suspended.put("ScheduledScalingSuspended", target.scheduledScalingSuspended);
        out.put("ScalableTargetARN", target.arn);
        return out;
    }

    static JsonNode deregister(Sandbox sandbox, AutoScalingState state, ObjectNode input) {
        ScalableTarget target = registered(state, input);
        for (ScalingPolicy policy : new ArrayList<>(state.policies)) {
            if (policy.resourceId.equals(target.resourceId) && policy.scalableDimension.equals(target.scalableDimension)) {
                Policies.deleteAlarms(sandbox, policy);
                Alarms.removeAction(sandbox, policy.arn);
                state.policies.remove(policy);
            }
        }
        state.scheduledActions.removeIf(action -> action.resourceId.equals(target.resourceId)
                && action.scalableDimension.equals(target.scalableDimension));
        state.targets.remove(target);
        state.tags.remove(target.arn);
        return NODES.objectNode();
    }

    private static void putTags(AutoScalingState state, String arn, JsonNode tags) {
        if (tags != null && tags.isObject()) {
            tags.fields().forEachRemaining(tag -> state.tags.computeIfAbsent(arn, key -> new TreeMap<>())
                    .put(tag.getKey(), tag.getValue().asText()));
        }
    }

    private static String taggable(AutoScalingState state, JsonNode input) {
        String arn = Json.required(input, "ResourceARN");
        if (state.targets.stream().noneMatch(target -> target.arn.equals(arn))) {
            throw new AwsException("ResourceNotFoundException", "Resource not found: " + arn);
        }
        return arn;
    }

    static JsonNode tag(AutoScalingState state, JsonNode input) {
        putTags(state, taggable(state, input), input.get("Tags"));
        return NODES.objectNode();
    }

    static JsonNode untag(AutoScalingState state, JsonNode input) {
        String arn = taggable(state, input);
        Map<String, String> tags = state.tags.get(arn);
        if (tags != null) {
            Json.strings(input, "TagKeys").forEach(tags::remove);
        }
        return NODES.objectNode();
    }

    static JsonNode listTags(AutoScalingState state, JsonNode input) {
        ObjectNode result = NODES.objectNode();
        ObjectNode tags = result.putObject("Tags");
        state.tags.getOrDefault(taggable(state, input), new TreeMap<>()).forEach(tags::put);
        return result;
    }
}
