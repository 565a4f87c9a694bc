package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.simulator.elbv2.Elbv2State.Action;
import org.ecslabs.simulator.elbv2.Elbv2State.LoadBalancer;
import org.ecslabs.simulator.elbv2.Elbv2State.TargetGroup;
import org.ecslabs.simulator.elbv2.Elbv2State.WeightedTargetGroup;

/** Listener and rule actions: forward (plain or weighted) is modelled, the other kinds are kept as given. */
final class Actions {
    private static final Map<String, String> CONFIG_NAMES = Map.of(
            "redirect", "RedirectConfig",
            "fixed-response", "FixedResponseConfig",
            "authenticate-oidc", "AuthenticateOidcConfig",
            "authenticate-cognito", "AuthenticateCognitoConfig");
    private static final Set<String> HTTP = Set.of("HTTP", "HTTPS");

    private Actions() {
    }

    static List<Action> parse(Elbv2State state, LoadBalancer balancer, List<JsonNode> inputs, String ruleOwnerListenerArn) {
        if (inputs.isEmpty()) {
            throw Elbv2Errors.validation("At least one action must be specified");
        }
        List<Action> actions = new ArrayList<>();
        for (JsonNode input : inputs) {
            Action action = new Action();
            action.type = QueryInput.required(input, "Type");
            action.order = QueryInput.integer(input, "Order");
            if (action.type.equals("forward")) {
                parseForward(state, balancer, input, action);
            } else if (CONFIG_NAMES.containsKey(action.type)) {
                if (balancer.type.equals("network")) {
                    throw Elbv2Errors.invalidLoadBalancerAction("Action type '" + action.type
                            + "' is not supported by network load balancers");
                }
                action.configName = CONFIG_NAMES.get(action.type);
                action.config = input.get(action.configName);
                if (action.config == null) {
                    throw Elbv2Errors.validation("A " + action.configName + " must be specified for '" + action.type + "' actions");
                }
            } else {
                throw Elbv2Errors.validation("Action type '" + action.type + "' must be one of 'forward, redirect, "
                        + "fixed-response, authenticate-oidc, authenticate-cognito'");
            }
            actions.add(action);
        }
        return actions;
    }

    private static void parseForward(Elbv2State state, LoadBalancer balancer, JsonNode input, Action action) {
        String single = QueryInput.text(input, "TargetGroupArn");
        JsonNode forward = input.get("ForwardConfig");
        if (forward != null) {
            for (JsonNode tuple : QueryInput.list(forward, "TargetGroups")) {
                Integer weight = QueryInput.integer(tuple, "Weight");
                if (weight != null && (weight < 0 || weight > 999)) {
                    throw Elbv2Errors.validation("Target group weight must be between 0 and 999");
                }
                action.targetGroups.add(new WeightedTargetGroup(QueryInput.required(tuple, "TargetGroupArn"),
                        weight == null ? 1 : weight));
            }
            JsonNode stickiness = forward.get("TargetGroupStickinessConfig");
            action.stickinessEnabled = Boolean.TRUE.equals(QueryInput.bool(stickiness, "Enabled"));
            action.stickinessDurationSeconds = QueryInput.integer(stickiness, "DurationSeconds");
        }
        if (single != null) {
            if (!action.targetGroups.isEmpty() && (action.targetGroups.size() != 1
                    || !action.targetGroups.get(0).targetGroupArn.equals(single))) {
                throw Elbv2Errors.validation("You cannot specify both a target group ARN and a forward config with different target groups");
            }
            if (action.targetGroups.isEmpty()) {
                action.targetGroups.add(new WeightedTargetGroup(single, 1));
            }
            action.singleTarget = true;
        }
        if (action.targetGroups.isEmpty()) {
            throw Elbv2Errors.validation("A target group ARN must be specified for 'forward' actions");
        }
        if (action.targetGroups.size() > 5) {
            throw Elbv2Errors.validation("A forward action cannot have more than 5 target groups");
        }
        for (WeightedTargetGroup target : action.targetGroups) {
            TargetGroup group = TargetGroupOperations.find(state, target.targetGroupArn);
            boolean httpGroup = HTTP.contains(group.protocol) || "lambda".equals(group.targetType);
            if (balancer.type.equals("application") != httpGroup) {
                throw Elbv2Errors.invalidConfiguration("The target group '" + group.arn + "' uses protocol '"
                        + group.protocol + "', which is not compatible with load balancer type '" + balancer.type + "'");
            }
            if (group.vpcId != null && !group.vpcId.equals(balancer.vpcId)) {
                throw Elbv2Errors.invalidConfiguration("The target group '" + group.arn
                        + "' and the load balancer must be in the same VPC");
            }
            for (String other : TargetGroupOperations.loadBalancerArns(state, group.arn)) {
                if (!other.equals(balancer.arn)) {
                    throw Elbv2Errors.associationLimit(group.arn);
                }
            }
        }
    }

    /**
     * The OIDC and Cognito configs' AuthenticationRequestExtraParams is a map: the query protocol writes
     * it as a list of key/value entries, not as an element per parameter.
     */
    private static JsonNode withMapEntries(JsonNode config) {
        JsonNode params = config.get("AuthenticationRequestExtraParams");
        if (params == null || !params.isObject()) {
            return config;
        }
        ObjectNode copy = config.deepCopy();
        ArrayNode entries = copy.putArray("AuthenticationRequestExtraParams");
        params.fields().forEachRemaining(field -> entries.addObject().put("key", field.getKey())
                .put("value", field.getValue().asText()));
        return copy;
    }

    static ArrayNode render(List<Action> actions) {
        ArrayNode nodes = QueryInput.array();
        for (Action action : actions) {
            ObjectNode node = nodes.addObject();
            node.put("Type", action.type);
            if (action.type.equals("forward")) {
                if (action.targetGroups.size() == 1) {
                    node.put("TargetGroupArn", action.targetGroups.get(0).targetGroupArn);
                }
                ObjectNode forward = node.putObject("ForwardConfig");
                ArrayNode groups = forward.putArray("TargetGroups");
                for (WeightedTargetGroup target : action.targetGroups) {
                    groups.addObject().put("TargetGroupArn", target.targetGroupArn).put("Weight", target.weight);
                }
                ObjectNode stickiness = forward.putObject("TargetGroupStickinessConfig");
                stickiness.put("Enabled", action.stickinessEnabled);
                if (action.stickinessDurationSeconds != null) {
                    stickiness.put("DurationSeconds", action.stickinessDurationSeconds);
                }
            } else if (action.config != null) {
                node.set(action.configName, withMapEntries(action.config));
            }
            if (action.order != null) {
                node.put("Order", action.order);
            }
        }
        return nodes;
    }
}
