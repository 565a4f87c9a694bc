package org.ecslabs.simulator.autoscaling;

import static org.ecslabs.simulator.autoscaling.Json.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScalingActivity;
import org.ecslabs.simulator.cloudwatch.Alarms;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.load.EcsServices;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;
import org.ecslabs.simulator.protocol.TimestampNode;

/**
 * Application Auto Scaling for ECS services: scalable targets, target tracking and step policies
 * driven by CloudWatch alarms, scheduled actions on the simulated clock, and the activities that
 * record every change of desiredCount.
 */
public class AutoScalingService implements AwsService, TaggedResources {
    private final EcsServices ecs;
    private final Scaler scaler;
    private final PolicyRunner policies;

    public AutoScalingService() {
        this(EcsServices.fromEcsState());
    }

    public AutoScalingService(EcsServices ecs) {
        this.ecs = ecs;
        this.scaler = new Scaler(ecs);
        this.policies = new PolicyRunner(scaler);
    }

    @Override
    public String signingName() {
        return "application-autoscaling";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return "AnyScaleFrontendService";
    }

    @Override
    public Class<?> stateType() {
        return AutoScalingState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        AutoScalingState state = sandbox.state(AutoScalingState.class);
        return switch (operation) {
            case "RegisterScalableTarget" -> Targets.register(sandbox, state, ecs, scaler, input);
            case "DescribeScalableTargets" -> Targets.describe(state, input);
            case "DeregisterScalableTarget" -> Targets.deregister(sandbox, state, input);
            case "PutScalingPolicy" -> Policies.put(sandbox, state, input);
            case "DescribeScalingPolicies" -> Policies.describe(sandbox, state, input);
            case "DeleteScalingPolicy" -> Policies.delete(sandbox, state, input);
            case "PutScheduledAction" -> ScheduledActions.put(sandbox, state, input);
            case "DescribeScheduledActions" -> ScheduledActions.describe(state, input);
            case "DeleteScheduledAction" -> ScheduledActions.delete(state, input);
            case "DescribeScalingActivities" -> describeActivities(state, input);
            case "TagResource" -> Targets.tag(state, input);
            case "UntagResource" -> Targets.untag(state, input);
            case "ListTagsForResource" -> Targets.listTags(state, input);
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    private static JsonNode describeActivities(AutoScalingState state, ObjectNode input) {
        String namespace = Targets.namespace(input);
        String resourceId = Json.text(input, "ResourceId");
        String dimension = Json.text(input, "ScalableDimension");
        List<ScalingActivity> matching = new ArrayList<>();
        boolean includeNotScaled = Json.bool(input, "IncludeNotScaledActivities");
        for (ScalingActivity activity : state.activities) {
            if ((includeNotScaled || activity.notScaledCode == null) && activity.serviceNamespace.equals(namespace)
                    && (resourceId == null || resourceId.equals(activity.resourceId))
                    && (dimension == null || dimension.equals(activity.scalableDimension))) {
                matching.add(activity);
            }
        }
        Collections.reverse(matching);
        ObjectNode result = NODES.objectNode();
        ArrayNode activities = result.putArray("ScalingActivities");
        Paging.page(input, matching, result, activity -> {
            ObjectNode out = activities.addObject();
            out.put("ActivityId", activity.activityId);
            out.put("ServiceNamespace", activity.serviceNamespace);
            out.put("ResourceId", activity.resourceId);
            out.put("ScalableDimension", activity.scalableDimension);
            out.put("Description", activity.description);
            out.put("Cause", activity.cause);
            out.set("StartTime", TimestampNode.ofEpochMilli(activity.startTime));
            if (activity.notScaledCode == null) {
                out.set("EndTime", TimestampNode.ofEpochMilli(activity.endTime));
            }
            out.put("StatusCode", activity.statusCode);
            if (activity.statusMessage != null) {
                out.put("StatusMessage", activity.statusMessage);
            }
            if (activity.notScaledCode != null) {
                ObjectNode reason = out.putArray("NotScaledReasons").addObject();
                reason.put("Code", activity.notScaledCode);
                putIfSet(reason, "MaxCapacity", activity.notScaledMaxCapacity);
                putIfSet(reason, "MinCapacity", activity.notScaledMinCapacity);
                putIfSet(reason, "CurrentCapacity", activity.notScaledCurrentCapacity);
            }
        });
        return result;
    }

    private static void putIfSet(ObjectNode node, String member, Integer value) {
        if (value != null) {
            node.put(member, value);
        }
    }

    @Override
    public boolean tick(Sandbox sandbox) {
        AutoScalingState state = sandbox.state(AutoScalingState.class);
        boolean changed = false;
        for (Alarms.Invocation invocation : Alarms.takePolicyInvocations(sandbox)) {
            policies.run(sandbox, state, invocation);
            changed = true;
        }
        long minute = Math.floorDiv(sandbox.now().getEpochSecond(), 60);
        if (state.lastMinute == null) {
            state.lastMinute = minute;
            return true;
        }
        while (state.lastMinute < minute) {
            state.lastMinute++;
            if (!state.scheduledActions.isEmpty()) {
                ScheduledActions.run(sandbox, state, scaler, state.lastMinute * 60);
            }
            changed = true;
        }
        return changed;
    }

    @Override
    public List<TaggedResource> taggedResources(Sandbox sandbox) {
        AutoScalingState state = sandbox.state(AutoScalingState.class);
        List<TaggedResource> tagged = new ArrayList<>();
        state.targets.forEach(target -> TaggedResource.addIfTagged(tagged, target.arn, state.tags.get(target.arn)));
        return tagged;
    }

    @Override
    public Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        AutoScalingState state = sandbox.state(AutoScalingState.class);
        return state.targets.stream().anyMatch(target -> arn.equals(target.arn)) ? state.tags.computeIfAbsent(arn, key -> new TreeMap<>()) : null;
    }

}
