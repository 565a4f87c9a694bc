package org.ecslabs.simulator.autoscaling;

import static org.ecslabs.simulator.autoscaling.Json.NODES;
import static org.ecslabs.simulator.autoscaling.Json.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScalableTarget;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScheduledAction;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.TimestampNode;

/** PutScheduledAction, DescribeScheduledActions, DeleteScheduledAction, and running them on the clock. */
final class ScheduledActions {
    private ScheduledActions() {
    }

    static JsonNode put(Sandbox sandbox, AutoScalingState state, ObjectNode input) {
        String name = Json.required(input, "ScheduledActionName");
        ScalableTarget target = Targets.registered(state, input);
        ScheduledAction action = find(state, target.resourceId, target.scalableDimension, name);
        String schedule = Json.text(input, "Schedule");
        if (action == null && schedule == null) {
            throw validation("Schedule is required when creating a scheduled action.");
        }
        String timezone = input.has("Timezone") ? Json.text(input, "Timezone") : action == null ? null : action.timezone;
        Schedule.parse(schedule != null ? schedule : action.schedule, timezone);
        JsonNode capacity = input.get("ScalableTargetAction");
        Integer min = capacity == null ? null : Json.integer(capacity, "MinCapacity");
        Integer max = capacity == null ? null : Json.integer(capacity, "MaxCapacity");
        if (action == null && min == null && max == null) {
            throw validation("ScalableTargetAction must specify MinCapacity, MaxCapacity or both.");
        }
        if (min != null && max != null && min > max) {
            throw validation("Minimum capacity cannot be greater than maximum capacity");
        }
        Long start = Json.timestamp(input, "StartTime");
        Long end = Json.timestamp(input, "EndTime");
        if (start != null && end != null && start > end) {
            throw validation("StartTime must be before EndTime.");
        }
        if (action == null) {
            action = new ScheduledAction();
            action.name = name;
            action.serviceNamespace = target.serviceNamespace;
            action.resourceId = target.resourceId;
            action.scalableDimension = target.scalableDimension;
            action.arn = sandbox.arn("autoscaling", "scheduledAction:" + Scaler.uuid(sandbox.newId()) + ":resource/"
                    + target.serviceNamespace + "/" + target.resourceId + ":scheduledActionName/" + name);
            action.creationTime = sandbox.now().toEpochMilli();
            state.scheduledActions.add(action);
        }
        if (schedule != null) {
            action.schedule = schedule;
        }
        action.timezone = timezone;
        if (capacity != null) {
            action.minCapacity = min;
            action.maxCapacity = max;
        }
        if (input.has("StartTime")) {
            action.startTime = start;
        }
        if (input.has("EndTime")) {
            action.endTime = end;
        }
        return NODES.objectNode();
    }

    private static ScheduledAction find(AutoScalingState state, String resourceId, String dimension, String name) {
        return state.scheduledActions.stream()
                .filter(a -> a.name.equals(name) && a.resourceId.equals(resourceId) && a.scalableDimension.equals(dimension))
                .findFirst().orElse(null);
    }

    static JsonNode describe(AutoScalingState state, ObjectNode input) {
        String namespace = Targets.namespace(input);
        String resourceId = Json.text(input, "ResourceId");
        String dimension = Json.text(input, "ScalableDimension");
        List<String> names = Json.strings(input, "ScheduledActionNames");
        List<ScheduledAction> matching = new ArrayList<>();
        for (ScheduledAction action : state.scheduledActions) {
            if (action.serviceNamespace.equals(namespace)
                    && (resourceId == null || resourceId.equals(action.resourceId))
                    && (dimension == null || dimension.equals(action.scalableDimension))
                    && (names.isEmpty() || names.contains(action.name))) {
                matching.add(action);
            }
        }
        ObjectNode result = NODES.objectNode();
        ArrayNode actions = result.putArray("ScheduledActions");
        Paging.page(input, matching, result, action -> actions.add(actionOut(action)));
        return result;
    }

    private static ObjectNode actionOut(ScheduledAction action) {
        ObjectNode out = NODES.objectNode();
        out.put("ScheduledActionName", action.name);
        out.put("ScheduledActionARN", action.arn);
        out.put("ServiceNamespace", action.serviceNamespace);
        out.put("Schedule", action.schedule);
        if (action.timezone != null) {
            out.put("Timezone", action.timezone);
        }
        out.put("ResourceId", action.resourceId);
        out.put("ScalableDimension", action.scalableDimension);
        if (action.startTime != null) {
            out.set("StartTime", TimestampNode.ofEpochMilli(action.startTime));
        }
        if (action.endTime != null) {
            out.set("EndTime", TimestampNode.ofEpochMilli(action.endTime));
        }
        ObjectNode capacity = out.putObject("ScalableTargetAction");
        if (action.minCapacity != null) {
            capacity.put("MinCapacity", action.minCapacity);
        }
        if (action.maxCapacity != null) {
            capacity.put("MaxCapacity", action.maxCapacity);
        }
        out.set("CreationTime", TimestampNode.ofEpochMilli(action.creationTime));
        return out;
    }

    static JsonNode delete(AutoScalingState state, ObjectNode input) {
        String name = Json.required(input, "ScheduledActionName");
        String namespace = Targets.namespace(input);
        String resourceId = Json.required(input, "ResourceId");
        String dimension = Json.required(input, "ScalableDimension");
        ScheduledAction action = find(state, resourceId, dimension, name);
        if (action == null) {
            throw new AwsException("ObjectNotFoundException", "No scheduled action found for service namespace: "
                    + namespace + ", resource ID: " + resourceId + ", scalable dimension: " + dimension
                    + ", scheduled action name: " + name);
        }
        state.scheduledActions.remove(action);
        return NODES.objectNode();
    }

    /** Runs the actions due at the minute starting at {@code minuteStart} (epoch seconds). */
    static void run(Sandbox sandbox, AutoScalingState state, Scaler scaler, long minuteStart) {
        for (ScheduledAction action : new ArrayList<>(state.scheduledActions)) {
            long seconds = minuteStart;
            if (action.startTime != null && seconds * 1000 < action.startTime
                    || action.endTime != null && seconds * 1000 > action.endTime) {
                continue;
            }
            Schedule schedule = Schedule.parse(action.schedule, action.timezone);
            if (!schedule.firesAt(minuteStart, Math.floorDiv(action.creationTime, 1000),
                    action.startTime == null ? null : Math.floorDiv(action.startTime, 1000))) {
                continue;
            }
            ScalableTarget target = state.targets.stream()
                    .filter(t -> t.is(action.serviceNamespace, action.resourceId, action.scalableDimension))
                    .findFirst().orElse(null);
            if (target == null || target.scheduledScalingSuspended) {
                continue;
            }
            fire(sandbox, target, action, scaler);
        }
    }

    private static void fire(Sandbox sandbox, ScalableTarget target, ScheduledAction action, Scaler scaler) {
        int min = action.minCapacity == null ? target.minCapacity : action.minCapacity;
        int max = action.maxCapacity == null ? target.maxCapacity : action.maxCapacity;
        String cause = "scheduled action name " + action.name + " was triggered";
        if (min > max) {
            scaler.record(sandbox, target, "Setting min capacity to " + min + " and max capacity to " + max, cause,
                    "Failed", "Failed to set min capacity to " + min + " and max capacity to " + max
                            + ": the minimum capacity cannot be greater than the maximum capacity.");
            return;
        }
        target.minCapacity = min;
        target.maxCapacity = max;
        // Only a capacity outside the new range changes: below min it rises, above max it falls.
        scaler.current(sandbox, target).ifPresent(current -> {
            if (current < min || current > max) {
                scaler.scaleTo(sandbox, target, current, cause);
            }
        });
    }
}
