package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ecslabs.simulator.elbv2.Elbv2State.Target;
import org.ecslabs.simulator.elbv2.Elbv2State.TargetGroup;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * Registered targets and their health on the simulated clock: initial until HealthyThresholdCount
 * checks passed, healthy, unhealthy after UnhealthyThresholdCount failed checks, unused while no
 * listener forwards to the group, draining for the deregistration delay.
 */
final class TargetHealth {
    static final String INITIAL = "initial";
    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";
    static final String UNUSED = "unused";
    static final String DRAINING = "draining";
    static final String UNAVAILABLE = "unavailable";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private TargetHealth() {
    }

    static JsonNode register(Sandbox sandbox, Elbv2State state, ObjectNode input) {
        TargetGroup group = TargetGroupOperations.find(state, QueryInput.required(input, "TargetGroupArn"));
        List<JsonNode> targets = QueryInput.list(input, "Targets");
        if (targets.isEmpty()) {
            throw Elbv2Errors.validation("At least one target must be specified");
        }
        for (JsonNode target : targets) {
            String id = QueryInput.required(target, "Id");
            Integer port = QueryInput.integer(target, "Port");
            register(sandbox, state, group, id, port, QueryInput.text(target, "AvailabilityZone"));
        }
        return QueryInput.object();
    }

    static Target register(Sandbox sandbox, Elbv2State state, TargetGroup group, String id, Integer port, String zone) {
        validateTarget(group, id);
        Integer effectivePort = group.targetType.equals("lambda") ? null : port == null ? group.port : port;
        if (effectivePort != null && (effectivePort < 1 || effectivePort > 65535)) {
            throw Elbv2Errors.validation("Port must be between 1 and 65535");
        }
        long now = sandbox.now().getEpochSecond();
        for (Target existing : group.targets) {
            if (existing.id.equals(id) && Objects.equals(existing.port, effectivePort)) {
                if (existing.state.equals(DRAINING)) {
                    enter(existing, INITIAL, "Elb.RegistrationInProgress", "Target registration is in progress", now);
                    existing.flippedAt = now;
                }
                return existing;
            }
        }
        Target target = new Target();
        target.id = id;
        target.port = effectivePort;
        target.availabilityZone = zone;
        target.flippedAt = now;
        enter(target, INITIAL, "Elb.RegistrationInProgress", "Target registration is in progress", now);
        group.targets.add(target);
        advance(state, group, target, now);
        return target;
    }

    static JsonNode deregister(Sandbox sandbox, Elbv2State state, ObjectNode input) {
        TargetGroup group = TargetGroupOperations.find(state, QueryInput.required(input, "TargetGroupArn"));
        List<JsonNode> targets = QueryInput.list(input, "Targets");
        if (targets.isEmpty()) {
            throw Elbv2Errors.validation("At least one target must be specified");
        }
        for (JsonNode target : targets) {
            deregister(sandbox, state, group, QueryInput.required(target, "Id"), QueryInput.integer(target, "Port"));
        }
        return QueryInput.object();
    }

    static void deregister(Sandbox sandbox, Elbv2State state, TargetGroup group, String id, Integer port) {
        long now = sandbox.now().getEpochSecond();
        Iterator<Target> targets = group.targets.iterator();
        while (targets.hasNext()) {
            Target target = targets.next();
            if (!target.id.equals(id) || (port != null && !port.equals(target.port)) || target.state.equals(DRAINING)) {
                continue;
            }
            int delay = deregistrationDelay(group);
            // A target that never received traffic (group unused) or has no delay leaves at once.
            if (target.state.equals(UNUSED) || delay == 0) {
                targets.remove();
            } else {
                enter(target, DRAINING, "Target.DeregistrationInProgress", "Target deregistration is in progress", now);
                target.drainUntil = now + delay;
            }
        }
    }

    static JsonNode describe(Elbv2State state, ObjectNode input) {
        TargetGroup group = TargetGroupOperations.find(state, QueryInput.required(input, "TargetGroupArn"));
        List<JsonNode> asked = QueryInput.list(input, "Targets");
        ObjectNode output = QueryInput.object();
        ArrayNode items = output.putArray("TargetHealthDescriptions");
        if (asked.isEmpty()) {
            group.targets.forEach(target -> items.add(render(group, target)));
            return output;
        }
        for (JsonNode wanted : asked) {
            String id = QueryInput.required(wanted, "Id");
            Integer port = QueryInput.integer(wanted, "Port");
            boolean matched = false;
            for (Target target : group.targets) {
                if (target.id.equals(id) && (port == null || port.equals(target.port))) {
                    items.add(render(group, target));
                    matched = true;
                }
            }
            if (!matched) {
                Target missing = new Target();
                missing.id = id;
                missing.port = port == null ? group.port : port;
                missing.state = UNUSED;
                missing.reason = "Target.NotRegistered";
                missing.description = "Target is not registered to the target group";
                items.add(render(group, missing));
            }
        }
        return output;
    }

    /** Moves every target along; returns whether anything changed. */
    static boolean tick(Sandbox sandbox, Elbv2State state) {
        long now = sandbox.now().getEpochSecond();
        boolean changed = false;
        for (TargetGroup group : state.targetGroups.values()) {
            Iterator<Target> targets = group.targets.iterator();
            while (targets.hasNext()) {
                Target target = targets.next();
                if (target.state.equals(DRAINING) && now >= target.drainUntil) {
                    targets.remove();
                    changed = true;
                } else {
                    changed |= advance(state, group, target, now);
                }
            }
        }
        return changed;
    }

    static void setFailing(Sandbox sandbox, Target target, boolean failing) {
        if (target.failing != failing) {
            target.failing = failing;
            target.flippedAt = sandbox.now().getEpochSecond();
        }
    }

    private static boolean advance(Elbv2State state, TargetGroup group, Target target, long now) {
        String before = target.state + "/" + target.reason;
        if (target.state.equals(DRAINING)) {
            return false;
        }
        if (TargetGroupOperations.loadBalancerArns(state, group.arn).isEmpty()) {
            enter(target, UNUSED, "Target.NotInUse",
                    "Target group is not configured to receive traffic from the load balancer", now);
        } else if (!group.healthCheckEnabled) {
            enter(target, UNAVAILABLE, "Target.HealthCheckDisabled", "Health checks are disabled", now);
        } else {
            if (target.state.equals(UNUSED) || target.state.equals(UNAVAILABLE)) {
                enter(target, INITIAL, "Elb.RegistrationInProgress", "Target registration is in progress", now);
                target.flippedAt = now;
            }
            long interval = group.healthCheckIntervalSeconds;
            long healthyAfter = group.healthyThresholdCount * interval;
            long unhealthyAfter = group.unhealthyThresholdCount * interval;
            switch (target.state) {
                case INITIAL -> {
                    if (target.failing && now - Math.max(target.since, target.flippedAt) >= unhealthyAfter) {
                        enterUnhealthy(group, target, now);
                    } else if (!target.failing && now - Math.max(target.since, target.flippedAt) >= healthyAfter) {
                        enter(target, HEALTHY, null, null, now);
                    } else if (now - target.since >= interval && "Elb.RegistrationInProgress".equals(target.reason)) {
                        target.reason = "Elb.InitialHealthChecking";
                        target.description = "Initial health checks in progress";
                    }
                }
                case HEALTHY -> {
                    if (target.failing && now - target.flippedAt >= unhealthyAfter) {
                        enterUnhealthy(group, target, now);
                    }
                }
                case UNHEALTHY -> {
                    if (!target.failing && now - target.flippedAt >= healthyAfter) {
                        enter(target, HEALTHY, null, null, now);
                    }
                }
                default -> {
                }
            }
        }
        return !before.equals(target.state + "/" + target.reason);
    }

    private static void enterUnhealthy(TargetGroup group, Target target, long now) {
        if (group.matcherHttpCode != null) {
            enter(target, UNHEALTHY, "Target.ResponseCodeMismatch", "Health checks failed with these codes: [503]", now);
        } else {
            enter(target, UNHEALTHY, "Target.FailedHealthChecks", "Health checks failed", now);
        }
    }

    private static void enter(Target target, String state, String reason, String description, long now) {
        if (!state.equals(target.state)) {
            target.since = now;
        }
        target.state = state;
        target.reason = reason;
        target.description = description;
    }

    static int deregistrationDelay(TargetGroup group) {
        try {
            return Integer.parseInt(group.attributes.getOrDefault("deregistration_delay.timeout_seconds", "300"));
        } catch (NumberFormatException e) {
            return 300;
        }
    }

    private static void validateTarget(TargetGroup group, String id) {
        switch (group.targetType) {
            case "ip" -> {
                var match = IPV4.matcher(id);
                boolean valid = match.matches();
                for (int part = 1; valid && part <= 4; part++) {
                    valid = Integer.parseInt(match.group(part)) <= 255;
                }
                if (!valid) {
                    throw Elbv2Errors.validation("The IP address '" + id + "' is not a valid IPv4 address");
                }
            }
            case "instance" -> {
                if (!id.matches("i-[0-9a-f]{8,17}")) {
                    throw Elbv2Errors.invalidTarget("The following targets are not valid instances: '" + id + "'");
                }
            }
            default -> {
            }
        }
    }

    static ObjectNode render(TargetGroup group, Target target) {
        ObjectNode node = QueryInput.object();
        ObjectNode description = node.putObject("Target");
        description.put("Id", target.id);
        if (target.port != null) {
            description.put("Port", target.port);
        }
        if (target.availabilityZone != null) {
            description.put("AvailabilityZone", target.availabilityZone);
        }
        if (group.healthCheckPort != null) {
            node.put("HealthCheckPort", "traffic-port".equals(group.healthCheckPort) && target.port != null
                    ? String.valueOf(target.port) : group.healthCheckPort);
        }
        ObjectNode health = node.putObject("TargetHealth");
        health.put("State", target.state);
        if (target.reason != null) {
            health.put("Reason", target.reason);
            health.put("Description", target.description);
        }
        return node;
    }
}
