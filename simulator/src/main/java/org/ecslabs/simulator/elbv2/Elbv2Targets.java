package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.elbv2.Elbv2State.Action;
import org.ecslabs.simulator.elbv2.Elbv2State.Listener;
import org.ecslabs.simulator.elbv2.Elbv2State.Target;
import org.ecslabs.simulator.elbv2.Elbv2State.TargetGroup;
import org.ecslabs.simulator.elbv2.Elbv2State.WeightedTargetGroup;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * What other simulated services (the ECS scheduler, CodeDeploy) do with load balancers,
 * in the same sandbox and under the same lock as the caller.
 */
public final class Elbv2Targets {
    private Elbv2Targets() {
    }

    /** The group's target type (instance, ip, lambda, alb), or null when there is no such group. */
    public static String targetType(Sandbox sandbox, String targetGroupArn) {
        TargetGroup group = sandbox.state(Elbv2State.class).targetGroups.get(targetGroupArn);
        return group == null ? null : group.targetType;
    }

    public static boolean targetGroupExists(Sandbox sandbox, String targetGroupArn) {
        return sandbox.state(Elbv2State.class).targetGroups.containsKey(targetGroupArn);
    }

    /** The ARN of the target group of that name, or null. */
    public static String targetGroupArn(Sandbox sandbox, String name) {
        for (TargetGroup group : sandbox.state(Elbv2State.class).targetGroups.values()) {
            if (group.name.equals(name)) {
                return group.arn;
            }
        }
        return null;
    }

    /** Whether any listener or rule of a load balancer forwards to the group. */
    public static boolean inUse(Sandbox sandbox, String targetGroupArn) {
        return !TargetGroupOperations.loadBalancerArns(sandbox.state(Elbv2State.class), targetGroupArn).isEmpty();
    }

    /** Registers a task's target; the ECS scheduler calls it when the task reaches RUNNING. */
    public static void register(Sandbox sandbox, String targetGroupArn, String id, int port, String zone, String taskArn) {
        Elbv2State state = sandbox.state(Elbv2State.class);
        TargetGroup group = state.targetGroups.get(targetGroupArn);
        if (group == null) {
            return;
        }
        Target target = TargetHealth.register(sandbox, state, group, id, port, zone);
        target.owner = taskArn;
    }

    /**
     * Starts draining a target; it leaves after the group's deregistration delay. Returns the epoch
     * second when it will be gone (now when it left at once, or was not there).
     */
    public static long deregister(Sandbox sandbox, String targetGroupArn, String id, int port) {
        Elbv2State state = sandbox.state(Elbv2State.class);
        TargetGroup group = state.targetGroups.get(targetGroupArn);
        long gone = sandbox.now().getEpochSecond();
        if (group != null) {
            TargetHealth.deregister(sandbox, state, group, id, port);
            for (Target target : group.targets) {
                if (target.id.equals(id) && target.port != null && target.port == port && TargetHealth.DRAINING.equals(target.state)) {
                    gone = Math.max(gone, target.drainUntil);
                }
            }
        }
        return gone;
    }

    /** A target's health as DescribeTargetHealth shows it. */
    public record Health(String state, String reason, String description) {
    }

    /** The target's health, or null if it is not registered. */
    public static Health health(Sandbox sandbox, String targetGroupArn, String id, int port) {
        TargetGroup group = sandbox.state(Elbv2State.class).targetGroups.get(targetGroupArn);
        if (group == null) {
            return null;
        }
        for (Target target : group.targets) {
            if (target.id.equals(id) && target.port != null && target.port == port) {
                return new Health(target.state, target.reason, target.description);
            }
        }
        return null;
    }

    /** Whether the group forwards traffic from at least one load balancer (ECS refuses a group that does not). */
    public static boolean hasLoadBalancer(Sandbox sandbox, String targetGroupArn) {
        return inUse(sandbox, targetGroupArn);
    }

    /** The target's health state (initial, healthy, unhealthy, unused, draining, unavailable), or null if not registered. */
    public static String healthState(Sandbox sandbox, String targetGroupArn, String id, int port) {
        TargetGroup group = sandbox.state(Elbv2State.class).targetGroups.get(targetGroupArn);
        if (group == null) {
            return null;
        }
        for (Target target : group.targets) {
            if (target.id.equals(id) && target.port != null && target.port == port) {
                return target.state;
            }
        }
        return null;
    }

    /** How many of the group's targets are healthy now. */
    public static int healthyCount(Sandbox sandbox, String targetGroupArn) {
        TargetGroup group = sandbox.state(Elbv2State.class).targetGroups.get(targetGroupArn);
        return group == null ? 0 : (int) group.targets.stream().filter(target -> TargetHealth.HEALTHY.equals(target.state)).count();
    }

    /** Whether a draining target is still there: ECS keeps the task DEACTIVATING until it is gone. */
    public static boolean isDraining(Sandbox sandbox, String targetGroupArn, String id, int port) {
        return TargetHealth.DRAINING.equals(healthState(sandbox, targetGroupArn, id, port));
    }

    /** The forward weights of the listener's default action, by target group ARN, in listed order. */
    public static Map<String, Integer> forwardWeights(Sandbox sandbox, String listenerArn) {
        Listener listener = sandbox.state(Elbv2State.class).listeners.get(listenerArn);
        Map<String, Integer> weights = new LinkedHashMap<>();
        if (listener != null) {
            for (Action action : listener.defaultActions) {
                for (WeightedTargetGroup target : action.targetGroups) {
                    weights.put(target.targetGroupArn, target.weight);
                }
            }
        }
        return weights;
    }

    public static boolean listenerExists(Sandbox sandbox, String listenerArn) {
        return sandbox.state(Elbv2State.class).listeners.containsKey(listenerArn);
    }

    /**
     * Replaces the listener's forward action (and the forward actions of its rules that forward to
     * any of the given groups) with a weighted forward to exactly these groups, as CodeDeploy does.
     */
    public static void setForwardWeights(Sandbox sandbox, String listenerArn, Map<String, Integer> weights) {
        Elbv2State state = sandbox.state(Elbv2State.class);
        Listener listener = state.listeners.get(listenerArn);
        if (listener == null) {
            return;
        }
        reweigh(listener.defaultActions, weights);
        for (Elbv2State.Rule rule : state.rules.values()) {
            if (rule.listenerArn.equals(listenerArn) && !rule.isDefault) {
                reweigh(rule.actions, weights);
            }
        }
    }

    private static void reweigh(List<Action> actions, Map<String, Integer> weights) {
        for (Action action : actions) {
            boolean ours = action.targetGroups.stream().anyMatch(target -> weights.containsKey(target.targetGroupArn));
            if (action.type.equals("forward") && ours) {
                List<WeightedTargetGroup> groups = new ArrayList<>();
                weights.forEach((arn, weight) -> groups.add(new WeightedTargetGroup(arn, weight)));
                action.targetGroups = groups;
                action.singleTarget = false;
            }
        }
    }

    /**
     * The control operation SetTargetHealth {targetGroupArn?, targetId?, port?, task?, healthy}:
     * makes health checks of the named targets (or of every target a task registered) fail or pass.
     */
    static JsonNode setTargetHealthControl(Sandbox sandbox, JsonNode input) {
        Elbv2State state = sandbox.state(Elbv2State.class);
        String groupArn = QueryInput.text(input, "targetGroupArn");
        String targetId = QueryInput.text(input, "targetId");
        Integer port = QueryInput.integer(input, "port");
        String task = QueryInput.text(input, "task");
        if (targetId == null && task == null) {
            throw new AwsException("ValidationException", "Specify task or targetId");
        }
        if (groupArn != null && !state.targetGroups.containsKey(groupArn)) {
            throw Elbv2Errors.targetGroupNotFound();
        }
        boolean healthy = !"false".equalsIgnoreCase(QueryInput.text(input, "healthy"));
        ObjectNode output = QueryInput.object();
        ArrayNode changed = output.putArray("targets");
        for (TargetGroup group : state.targetGroups.values()) {
            if (groupArn != null && !group.arn.equals(groupArn)) {
                continue;
            }
            for (Target target : group.targets) {
                boolean byId = targetId != null && target.id.equals(targetId) && (port == null || port.equals(target.port));
                boolean byTask = task != null && target.owner != null
                        && (target.owner.equals(task) || target.owner.endsWith("/" + task));
                if (byId || byTask) {
                    TargetHealth.setFailing(sandbox, target, !healthy);
                    ObjectNode item = changed.addObject();
                    item.put("targetGroupArn", group.arn).put("id", target.id);
                    if (target.port != null) {
                        item.put("port", target.port);
                    }
                }
            }
        }
        if (changed.isEmpty()) {
            throw new AwsException("ResourceNotFoundException", "No registered target matches "
                    + (task != null ? "task " + task : "target " + targetId));
        }
        return output;
    }

    /** The forward weights of a rule's forward action (a default rule's are its listener's), by target group ARN. */
    public static Map<String, Integer> ruleForwardWeights(Sandbox sandbox, String ruleArn) {
        Elbv2State state = sandbox.state(Elbv2State.class);
        Elbv2State.Rule rule = state.rules.get(ruleArn);
        Map<String, Integer> weights = new LinkedHashMap<>();
        if (rule == null) {
            return weights;
        }
        Listener listener = state.listeners.get(rule.listenerArn);
        List<Action> actions = rule.isDefault && listener != null ? listener.defaultActions : rule.actions;
        for (Action action : actions) {
            action.targetGroups.forEach(target -> weights.put(target.targetGroupArn, target.weight));
        }
        return weights;
    }

    /** Points a rule's forward action (a default rule's: its listener's) at exactly these groups and weights. */
    public static void setRuleForwardWeights(Sandbox sandbox, String ruleArn, Map<String, Integer> weights) {
        Elbv2State state = sandbox.state(Elbv2State.class);
        Elbv2State.Rule rule = state.rules.get(ruleArn);
        if (rule == null) {
            return;
        }
        Listener listener = state.listeners.get(rule.listenerArn);
        reweigh(rule.isDefault && listener != null ? listener.defaultActions : rule.actions, weights);
    }
}
