package org.ecslabs.simulator.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScalableTarget;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScalingPolicy;
import org.ecslabs.simulator.cloudwatch.Alarms;
import org.ecslabs.simulator.engine.Sandbox;

/** Carries out a policy an alarm invoked: target tracking or step scaling, with cooldowns and suspensions. */
final class PolicyRunner {
    /** Guards ceil() against binary fractions: 2 tasks at exactly the target stay 2. */
    private static final double EPSILON = 1e-9;

    private final Scaler scaler;

    PolicyRunner(Scaler scaler) {
        this.scaler = scaler;
    }

    void run(Sandbox sandbox, AutoScalingState state, Alarms.Invocation invocation) {
        ScalingPolicy policy = state.policies.stream()
                .filter(p -> p.arn.equals(invocation.policyArn())).findFirst().orElse(null);
        if (policy == null) {
            return;
        }
        ScalableTarget target = state.targets.stream()
                .filter(t -> t.is(policy.serviceNamespace, policy.resourceId, policy.scalableDimension))
                .findFirst().orElse(null);
        if (target == null) {
            return;
        }
        Optional<Integer> current = scaler.current(sandbox, target);
        if (current.isEmpty()) {
            return;
        }
        String cause = "monitor alarm " + invocation.alarmName() + " in state " + invocation.alarmState()
                + " triggered policy " + policy.policyName;
        long now = sandbox.now().toEpochMilli();
        // A capacity changed out of band beyond the range comes back into it first.
        if (current.get() < target.minCapacity || current.get() > target.maxCapacity) {
            scaler.scaleTo(sandbox, target, current.get(), cause);
            return;
        }
        if ("TargetTrackingScaling".equals(policy.policyType)) {
            targetTracking(sandbox, target, policy, invocation, current.get(), cause, now);
        } else {
            step(sandbox, target, policy, invocation, current.get(), cause, now);
        }
    }

    private void targetTracking(Sandbox sandbox, ScalableTarget target, ScalingPolicy policy,
                                Alarms.Invocation invocation, int current, String cause, long now) {
        if (invocation.metricValue() == null || !"ALARM".equals(invocation.alarmState())) {
            return;
        }
        JsonNode config = policy.configuration;
        double targetValue = config.get("TargetValue").asDouble();
        int proportional = (int) Math.ceil(current * invocation.metricValue() / targetValue - EPSILON);
        boolean inScaleOutCooldown = policy.lastScaleOut != null
                && now < policy.lastScaleOut + cooldown(config, "ScaleOutCooldown") * 1000L;
        if (invocation.alarmName().equals(policy.alarmHigh)) {
            // During the scale-out cooldown the tasks just asked for are still starting; scaling
            // again on the same reading would overshoot.
            if (target.dynamicScalingOutSuspended || inScaleOutCooldown || proportional <= current) {
                return;
            }
            if (current >= target.maxCapacity) {
                scaler.notScaled(sandbox, target, cause, "AlreadyAtMaxCapacity", current);
                return;
            }
            if (scaler.scaleTo(sandbox, target, proportional, cause)) {
                policy.lastScaleOut = now;
            }
        } else if (invocation.alarmName().equals(policy.alarmLow)) {
            boolean inScaleInCooldown = policy.lastScaleIn != null
                    && now < policy.lastScaleIn + cooldown(config, "ScaleInCooldown") * 1000L;
            if (config.path("DisableScaleIn").asBoolean(false) || target.dynamicScalingInSuspended
                    || inScaleInCooldown || inScaleOutCooldown) {
                return;
            }
            if (current <= target.minCapacity) {
                scaler.notScaled(sandbox, target, cause, "AlreadyAtMinCapacity", current);
                return;
            }
            if (proportional >= current) {
                // One task fewer would push the metric back over the target and scale out again.
                scaler.notScaled(sandbox, target, cause, "AutoScalingAnticipatedFlapping", current);
                return;
            }
            // Scale in gently, one task at a time, as target tracking removes capacity conservatively.
            if (scaler.scaleTo(sandbox, target, current - 1, cause)) {
                policy.lastScaleIn = now;
            }
        }
    }

    private void step(Sandbox sandbox, ScalableTarget target, ScalingPolicy policy, Alarms.Invocation invocation,
                      int current, String cause, long now) {
        JsonNode config = policy.configuration;
        double breach = invocation.metricValue() == null ? 0 : invocation.metricValue() - invocation.threshold();
        JsonNode adjustment = null;
        for (JsonNode step : config.get("StepAdjustments")) {
            double lower = step.hasNonNull("MetricIntervalLowerBound")
                    ? step.get("MetricIntervalLowerBound").asDouble() : Double.NEGATIVE_INFINITY;
            double upper = step.hasNonNull("MetricIntervalUpperBound")
                    ? step.get("MetricIntervalUpperBound").asDouble() : Double.POSITIVE_INFINITY;
            // Bounds are inclusive below and exclusive above, except that a breach of exactly 0 on an
            // alarm below its threshold belongs to the step that ends at 0.
            if (breach >= lower && breach < upper || breach == upper && upper == 0) {
                adjustment = step;
                break;
            }
        }
        if (adjustment == null) {
            return;
        }
        long last = Math.max(policy.lastScaleOut == null ? Long.MIN_VALUE / 2 : policy.lastScaleOut,
                policy.lastScaleIn == null ? Long.MIN_VALUE / 2 : policy.lastScaleIn);
        if (now < last + cooldown(config, "Cooldown") * 1000L) {
            return;
        }
        int amount = adjustment.get("ScalingAdjustment").asInt();
        int wanted = switch (config.get("AdjustmentType").asText()) {
            case "ExactCapacity" -> amount;
            case "PercentChangeInCapacity" -> current + percentChange(current, amount,
                    config.path("MinAdjustmentMagnitude").asInt(0));
            default -> current + amount;
        };
        if (wanted > current && target.dynamicScalingOutSuspended || wanted < current && target.dynamicScalingInSuspended) {
            return;
        }
        boolean out = wanted > current;
        if (out && current >= target.maxCapacity || wanted < current && current <= target.minCapacity) {
            scaler.notScaled(sandbox, target, cause, out ? "AlreadyAtMaxCapacity" : "AlreadyAtMinCapacity", current);
            return;
        }
        if (scaler.scaleTo(sandbox, target, wanted, cause)) {
            if (out) {
                policy.lastScaleOut = now;
            } else {
                policy.lastScaleIn = now;
            }
        }
    }

    /** AWS rounds a percentage change toward zero, but never to zero, and to at least MinAdjustmentMagnitude. */
    static int percentChange(int current, int percent, int minMagnitude) {
        double exact = current * percent / 100.0;
        int change = (int) exact;
        if (change == 0 && exact != 0) {
            change = exact > 0 ? 1 : -1;
        }
        if (minMagnitude > 0 && Math.abs(change) < minMagnitude && change != 0) {
            change = change > 0 ? minMagnitude : -minMagnitude;
        }
        return change;
    }

    private static int cooldown(JsonNode config, String member) {
        JsonNode value = config.get(member);
        return value == null || value.isNull() ? Policies.DEFAULT_COOLDOWN : value.asInt();
    }
}
