package org.ecslabs.simulator.autoscaling;

import static org.ecslabs.simulator.autoscaling.Json.NODES;
import static org.ecslabs.simulator.autoscaling.Json.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScalableTarget;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScalingPolicy;
import org.ecslabs.simulator.cloudwatch.Alarms;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.load.EcsServices;
import org.ecslabs.simulator.load.ServiceRef;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.TimestampNode;

/** PutScalingPolicy, DescribeScalingPolicies, DeleteScalingPolicy, and the target tracking alarms. */
final class Policies {
    /** ECS's default cooldowns, in seconds. */
    static final int DEFAULT_COOLDOWN = 300;

    private Policies() {
    }

    static JsonNode put(Sandbox sandbox, AutoScalingState state, ObjectNode input) {
        String name = Json.required(input, "PolicyName");
        ScalableTarget target = Targets.registered(state, input);
        String type = Json.text(input, "PolicyType");
        if (type == null) {
            type = "StepScaling";
        }
        String configMember = switch (type) {
            case "StepScaling" -> "StepScalingPolicyConfiguration";
            case "TargetTrackingScaling" -> "TargetTrackingScalingPolicyConfiguration";
            case "PredictiveScaling" -> throw validation("Predictive scaling is not supported by the simulator.");
            default -> throw validation("1 validation error detected: Value '" + input.get("PolicyType").asText()
                    + "' at 'policyType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[PredictiveScaling, StepScaling, TargetTrackingScaling]");
        };
        JsonNode config = input.get(configMember);
        if (config == null || !config.isObject()) {
            throw validation(configMember + " is required for a policy of type " + type + ".");
        }
        if ("StepScaling".equals(type)) {
            validateStep(config);
        } else {
            validateTargetTracking(config);
        }
        ScalingPolicy policy = state.policies.stream()
                .filter(p -> p.policyName.equals(name) && p.resourceId.equals(target.resourceId)
                        && p.serviceNamespace.equals(target.serviceNamespace)
                        && p.scalableDimension.equals(target.scalableDimension))
                .findFirst().orElse(null);
        if (policy == null) {
            policy = new ScalingPolicy();
            policy.policyName = name;
            policy.serviceNamespace = target.serviceNamespace;
            policy.resourceId = target.resourceId;
            policy.scalableDimension = target.scalableDimension;
            policy.arn = sandbox.arn("autoscaling", "scalingPolicy:" + Scaler.uuid(sandbox.newId()) + ":resource/"
                    + target.serviceNamespace + "/" + target.resourceId + ":policyName/" + name);
            policy.creationTime = sandbox.now().toEpochMilli();
            state.policies.add(policy);
        }
        if (!"TargetTrackingScaling".equals(type)) {
            deleteAlarms(sandbox, policy);
        }
        policy.policyType = type;
        policy.configuration = ((ObjectNode) config).deepCopy();
        ObjectNode result = NODES.objectNode();
        result.put("PolicyARN", policy.arn);
        ArrayNode alarms = result.putArray("Alarms");
        if ("TargetTrackingScaling".equals(type)) {
            putTargetTrackingAlarms(sandbox, target, policy);
            alarmsOut(sandbox, policy, alarms);
        }
        return result;
    }

    private static void validateStep(JsonNode config) {
        String adjustmentType = Json.text(config, "AdjustmentType");
        if (adjustmentType == null) {
            throw validation("AdjustmentType is required for a step scaling policy.");
        }
        if (!List.of("ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity").contains(adjustmentType)) {
            throw validation("1 validation error detected: Value '" + adjustmentType
                    + "' at 'stepScalingPolicyConfiguration.adjustmentType' failed to satisfy constraint: Member must "
                    + "satisfy enum value set: [ChangeInCapacity, PercentChangeInCapacity, ExactCapacity]");
        }
        JsonNode steps = config.get("StepAdjustments");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw validation("StepAdjustments must contain at least one step adjustment.");
        }
        for (JsonNode step : steps) {
            if (!step.has("ScalingAdjustment")) {
                throw validation("Every step adjustment needs a ScalingAdjustment.");
            }
            if (!step.hasNonNull("MetricIntervalLowerBound") && !step.hasNonNull("MetricIntervalUpperBound")
                    && steps.size() > 1) {
                throw validation("Only one step adjustment may leave both bounds open.");
            }
        }
        if (config.hasNonNull("MinAdjustmentMagnitude") && !"PercentChangeInCapacity".equals(adjustmentType)) {
            throw validation("MinAdjustmentMagnitude may only be specified when AdjustmentType is PercentChangeInCapacity");
        }
    }

    private static void validateTargetTracking(JsonNode config) {
        Double targetValue = Json.number(config, "TargetValue");
        if (targetValue == null) {
            throw validation("1 validation error detected: Value null at "
                    + "'targetTrackingScalingPolicyConfiguration.targetValue' failed to satisfy constraint: Member must not be null");
        }
        if (targetValue <= 0) {
            throw validation("TargetValue must be greater than 0.");
        }
        JsonNode predefined = config.get("PredefinedMetricSpecification");
        JsonNode customized = config.get("CustomizedMetricSpecification");
        if ((predefined == null) == (customized == null)) {
            throw validation("Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified.");
        }
        if (predefined != null) {
            String type = Json.required(predefined, "PredefinedMetricType");
            switch (type) {
                case "ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization" -> { }
                case "ALBRequestCountPerTarget" -> {
                    String label = Json.text(predefined, "ResourceLabel");
                    if (label == null || !label.matches("app/[^/]+/[^/]+/targetgroup/[^/]+/[^/]+")) {
                        throw validation("ResourceLabel is required for predefined metric type ALBRequestCountPerTarget "
                                + "and must look like app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>.");
                    }
                }
                default -> throw validation("Predefined metric type " + type + " is not valid for scalable dimension "
                        + "ecs:service:DesiredCount.");
            }
        } else {
            if (customized.has("Metrics")) {
                throw validation("Metric math in a customized metric specification is not supported by the simulator.");
            }
            Json.required(customized, "MetricName");
            Json.required(customized, "Namespace");
            Json.required(customized, "Statistic");
        }
    }

    /** Creates or updates the high and low alarms of a target tracking policy, named as AWS names them. */
    private static void putTargetTrackingAlarms(Sandbox sandbox, ScalableTarget target, ScalingPolicy policy) {
        JsonNode config = policy.configuration;
        double targetValue = config.get("TargetValue").asDouble();
        String namespace;
        String metricName;
        String statistic;
        Map<String, String> dimensions = new LinkedHashMap<>();
        JsonNode predefined = config.get("PredefinedMetricSpecification");
        if (predefined != null) {
            String type = predefined.get("PredefinedMetricType").asText();
            if ("ALBRequestCountPerTarget".equals(type)) {
                String label = predefined.get("ResourceLabel").asText();
                namespace = "AWS/ApplicationELB";
                metricName = "RequestCountPerTarget";
                statistic = "Sum";
                dimensions.put("TargetGroup", label.substring(label.indexOf("targetgroup/")));
            } else {
                ServiceRef service = EcsServices.parseResourceId(target.resourceId).orElseThrow();
                namespace = "AWS/ECS";
                metricName = type.equals("ECSServiceAverageCPUUtilization") ? "CPUUtilization" : "MemoryUtilization";
                statistic = "Average";
                dimensions.put("ClusterName", service.cluster());
                dimensions.put("ServiceName", service.service());
            }
        } else {
            JsonNode customized = config.get("CustomizedMetricSpecification");
            namespace = customized.get("Namespace").asText();
            metricName = customized.get("MetricName").asText();
            statistic = customized.get("Statistic").asText();
            JsonNode dims = customized.get("Dimensions");
            if (dims != null) {
                dims.forEach(d -> dimensions.put(d.get("Name").asText(), d.get("Value").asText()));
            }
        }
        String prefix = "TargetTracking-" + target.resourceId;
        if (policy.alarmHigh == null) {
            policy.alarmHigh = prefix + "-AlarmHigh-" + Scaler.uuid(sandbox.newId());
            policy.alarmLow = prefix + "-AlarmLow-" + Scaler.uuid(sandbox.newId());
        }
        String description = "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + policy.arn + ".";
        Alarms.put(sandbox, new Alarms.Spec(policy.alarmHigh, description, namespace, metricName, dimensions,
                statistic, null, 60, 3, 3, targetValue, "GreaterThanThreshold", List.of(policy.arn)));
        Alarms.put(sandbox, new Alarms.Spec(policy.alarmLow, description, namespace, metricName, dimensions,
                statistic, null, 60, 15, 15, lowThreshold(targetValue), "LessThanThreshold", List.of(policy.arn)));
    }

    /** 90% of the target, without binary noise in what DescribeAlarms shows (29.7, not 29.700000000000003). */
    static double lowThreshold(double targetValue) {
        return new BigDecimal(targetValue * 0.9).round(new MathContext(12)).doubleValue();
    }

    static void deleteAlarms(Sandbox sandbox, ScalingPolicy policy) {
        if (policy.alarmHigh != null) {
            Alarms.delete(sandbox, List.of(policy.alarmHigh, policy.alarmLow));
            policy.alarmHigh = null;
            policy.alarmLow = null;
        }
    }

    static JsonNode describe(Sandbox sandbox, AutoScalingState state, ObjectNode input) {
        String namespace = Targets.namespace(input);
        String resourceId = Json.text(input, "ResourceId");
        String dimension = Json.text(input, "ScalableDimension");
        List<String> names = Json.strings(input, "PolicyNames");
        List<ScalingPolicy> matching = new ArrayList<>();
        for (ScalingPolicy policy : state.policies) {
            if (policy.serviceNamespace.equals(namespace)
                    && (resourceId == null || resourceId.equals(policy.resourceId))
                    && (dimension == null || dimension.equals(policy.scalableDimension))
                    && (names.isEmpty() || names.contains(policy.policyName))) {
                matching.add(policy);
            }
        }
        ObjectNode result = NODES.objectNode();
        ArrayNode policies = result.putArray("ScalingPolicies");
        Paging.page(input, matching, result, policy -> policies.add(policyOut(sandbox, policy)));
        return result;
    }

    private static ObjectNode policyOut(Sandbox sandbox, ScalingPolicy policy) {
        ObjectNode out = NODES.objectNode();
        out.put("PolicyARN", policy.arn);
        out.put("PolicyName", policy.policyName);
        out.put("ServiceNamespace", policy.serviceNamespace);
        out.put("ResourceId", policy.resourceId);
        out.put("ScalableDimension", policy.scalableDimension);
        out.put("PolicyType", policy.policyType);
        out.set("StepScaling".equals(policy.policyType) ? "StepScalingPolicyConfiguration"
                : "TargetTrackingScalingPolicyConfiguration", policy.configuration.deepCopy());
        alarmsOut(sandbox, policy, out.putArray("Alarms"));
        out.set("CreationTime", TimestampNode.ofEpochMilli(policy.creationTime));
        return out;
    }

    private static void alarmsOut(Sandbox sandbox, ScalingPolicy policy, ArrayNode alarms) {
        for (Map.Entry<String, String> alarm : Alarms.withAction(sandbox, policy.arn)) {
            alarms.addObject().put("AlarmName", alarm.getKey()).put("AlarmARN", alarm.getValue());
        }
    }

    static JsonNode delete(Sandbox sandbox, AutoScalingState state, ObjectNode input) {
        String name = Json.required(input, "PolicyName");
        String namespace = Targets.namespace(input);
        String resourceId = Json.required(input, "ResourceId");
        String dimension = Json.required(input, "ScalableDimension");
        ScalingPolicy policy = state.policies.stream()
                .filter(p -> p.policyName.equals(name) && p.resourceId.equals(resourceId)
                        && p.serviceNamespace.equals(namespace) && p.scalableDimension.equals(dimension))
                .findFirst()
                .orElseThrow(() -> new AwsException("ObjectNotFoundException",
                        "No scaling policy found for service namespace: " + namespace + ", resource ID: " + resourceId
                                + ", scalable dimension: " + dimension + ", policy name: " + name));
        deleteAlarms(sandbox, policy);
        // A step policy's alarms are the user's: they stay, without the action that named the policy.
        Alarms.removeAction(sandbox, policy.arn);
        state.policies.remove(policy);
        return NODES.objectNode();
    }
}
