package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecslabs.simulator.elbv2.Elbv2State.TargetGroup;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** Target groups: create, describe, modify, attributes, delete. */
final class TargetGroupOperations {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");
    private static final Set<String> TARGET_TYPES = Set.of("instance", "ip", "lambda", "alb");
    private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE");

    private TargetGroupOperations() {
    }

    static JsonNode create(Sandbox sandbox, Elbv2State state, ObjectNode input) {
        String name = QueryInput.required(input, "Name");
        if (!NAME.matcher(name).matches()) {
            throw Elbv2Errors.validation("Target group name '" + name + "' can only contain characters that are "
                    + "alphanumeric characters or hyphens(-), must not begin or end with a hyphen and must be at most 32 characters");
        }
        String targetType = QueryInput.text(input, "TargetType");
        targetType = targetType == null ? "instance" : targetType;
        if (!TARGET_TYPES.contains(targetType)) {
            throw Elbv2Errors.validation("Target type '" + targetType + "' is not valid");
        }
        String protocol = QueryInput.text(input, "Protocol");
        Integer port = QueryInput.integer(input, "Port");
        String vpcId = QueryInput.text(input, "VpcId");
        if (!targetType.equals("lambda")) {
            if (protocol == null) {
                throw Elbv2Errors.validation("A protocol must be specified");
            }
            if (!PROTOCOLS.contains(protocol)) {
                throw Elbv2Errors.validation("Protocol '" + protocol + "' is not valid");
            }
            if (port == null) {
                throw Elbv2Errors.validation("A port must be specified");
            }
            if (port < 1 || port > 65535) {
                throw Elbv2Errors.validation("Port must be between 1 and 65535");
            }
            if (vpcId == null) {
                throw Elbv2Errors.validation("A VPC ID must be specified");
            }
            if (!Subnets.vpcExists(sandbox, vpcId)) {
                throw Elbv2Errors.validation("The VPC ID '" + vpcId + "' is not found");
            }
        } else if (protocol != null || port != null || vpcId != null) {
            throw Elbv2Errors.validation("Protocol, port, and VPC ID cannot be specified for target groups with target type 'lambda'");
        }
        for (TargetGroup existing : state.targetGroups.values()) {
            if (existing.name.equals(name)) {
                throw Elbv2Errors.duplicateTargetGroupName();
            }
        }

        TargetGroup group = new TargetGroup();
        group.arn = sandbox.arn("elasticloadbalancing", "targetgroup/" + name + "/" + QueryInput.shortId(sandbox));
        group.name = name;
        group.targetType = targetType;
        group.protocol = protocol;
        group.port = port;
        group.vpcId = vpcId;
        boolean http = "HTTP".equals(protocol) || "HTTPS".equals(protocol);
        if (http) {
            group.protocolVersion = valueOr(QueryInput.text(input, "ProtocolVersion"), "HTTP1");
        }
        if (!targetType.equals("lambda")) {
            group.ipAddressType = valueOr(QueryInput.text(input, "IpAddressType"), "ipv4");
        }
        // AWS's defaults differ by kind: HTTP(S) groups check a path, TCP ones only connect, Lambda is off by default.
        boolean lambda = targetType.equals("lambda");
        group.healthCheckEnabled = lambda ? Boolean.TRUE.equals(QueryInput.bool(input, "HealthCheckEnabled"))
                : !Boolean.FALSE.equals(QueryInput.bool(input, "HealthCheckEnabled"));
        group.healthCheckProtocol = lambda ? null : valueOr(QueryInput.text(input, "HealthCheckProtocol"),
                http ? protocol : "TCP");
        group.healthCheckPort = lambda ? null : valueOr(QueryInput.text(input, "HealthCheckPort"), "traffic-port");
        group.healthCheckIntervalSeconds = intOr(input, "HealthCheckIntervalSeconds", lambda ? 35 : 30);
        group.healthCheckTimeoutSeconds = intOr(input, "HealthCheckTimeoutSeconds", lambda ? 30 : http ? 5 : 10);
        group.healthyThresholdCount = intOr(input, "HealthyThresholdCount", 5);
        group.unhealthyThresholdCount = intOr(input, "UnhealthyThresholdCount", 2);
        boolean checksPath = http || lambda || "HTTP".equals(group.healthCheckProtocol) || "HTTPS".equals(group.healthCheckProtocol);
        group.healthCheckPath = checksPath ? valueOr(QueryInput.text(input, "HealthCheckPath"), "/") : null;
        JsonNode matcher = input.get("Matcher");
        group.matcherHttpCode = checksPath ? valueOr(QueryInput.text(matcher, "HttpCode"), "200") : null;
        validateHealthCheck(group);

        group.attributes.put("deregistration_delay.timeout_seconds", lambda ? "0" : "300");
        group.attributes.put("stickiness.enabled", "false");
        if (http) {
            group.attributes.put("stickiness.type", "lb_cookie");
            group.attributes.put("stickiness.lb_cookie.duration_seconds", "86400");
            group.attributes.put("slow_start.duration_seconds", "0");
            group.attributes.put("load_balancing.algorithm.type", "round_robin");
        } else if (!lambda) {
            group.attributes.put("stickiness.type", "source_ip");
            group.attributes.put("deregistration_delay.connection_termination.enabled", "false");
            group.attributes.put("proxy_protocol_v2.enabled", "false");
            group.attributes.put("preserve_client_ip.enabled", targetType.equals("ip") ? "false" : "true");
        }
        state.targetGroups.put(group.arn, group);
        Elbv2Service.putTags(state, group.arn, input);

        ObjectNode output = QueryInput.object();
        output.putArray("TargetGroups").add(render(state, group));
        return output;
    }

    static JsonNode describe(Elbv2State state, ObjectNode input) {
        List<String> arns = QueryInput.strings(input, "TargetGroupArns");
        List<String> names = QueryInput.strings(input, "Names");
        String loadBalancerArn = QueryInput.text(input, "LoadBalancerArn");
        List<TargetGroup> found = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : arns) {
                found.add(find(state, arn));
            }
        } else if (!names.isEmpty()) {
            for (String name : names) {
                TargetGroup match = state.targetGroups.values().stream()
                        .filter(group -> group.name.equals(name)).findFirst().orElse(null);
                if (match == null) {
                    throw new AwsException("TargetGroupNotFound",
                            "Target groups '[" + name + "]' not found");
                }
                found.add(match);
            }
        } else if (loadBalancerArn != null) {
            LoadBalancerOperations.find(state, loadBalancerArn);
            for (TargetGroup group : state.targetGroups.values()) {
                if (loadBalancerArns(state, group.arn).contains(loadBalancerArn)) {
                    found.add(group);
                }
            }
        } else {
            found.addAll(state.targetGroups.values());
        }
        ObjectNode output = QueryInput.object();
        ArrayNode items = output.putArray("TargetGroups");
        Paging.page(found, input, output).forEach(group -> items.add(render(state, group)));
        return output;
    }

    static JsonNode modify(Elbv2State state, ObjectNode input) {
        TargetGroup group = find(state, QueryInput.required(input, "TargetGroupArn"));
        if (input.has("HealthCheckEnabled")) {
            group.healthCheckEnabled = QueryInput.bool(input, "HealthCheckEnabled");
        }
        group.healthCheckProtocol = valueOr(QueryInput.text(input, "HealthCheckProtocol"), group.healthCheckProtocol);
        group.healthCheckPort = valueOr(QueryInput.text(input, "HealthCheckPort"), group.healthCheckPort);
        group.healthCheckPath = valueOr(QueryInput.text(input, "HealthCheckPath"), group.healthCheckPath);
        group.healthCheckIntervalSeconds = intOr(input, "HealthCheckIntervalSeconds", group.healthCheckIntervalSeconds);
        group.healthCheckTimeoutSeconds = intOr(input, "HealthCheckTimeoutSeconds", group.healthCheckTimeoutSeconds);
        group.healthyThresholdCount = intOr(input, "HealthyThresholdCount", group.healthyThresholdCount);
        group.unhealthyThresholdCount = intOr(input, "UnhealthyThresholdCount", group.unhealthyThresholdCount);
        group.matcherHttpCode = valueOr(QueryInput.text(input.get("Matcher"), "HttpCode"), group.matcherHttpCode);
        validateHealthCheck(group);
        ObjectNode output = QueryInput.object();
        output.putArray("TargetGroups").add(render(state, group));
        return output;
    }

    static JsonNode describeAttributes(Elbv2State state, ObjectNode input) {
        TargetGroup group = find(state, QueryInput.required(input, "TargetGroupArn"));
        return Elbv2Service.attributes(group.attributes);
    }

    static JsonNode modifyAttributes(Elbv2State state, ObjectNode input) {
        TargetGroup group = find(state, QueryInput.required(input, "TargetGroupArn"));
        // All or nothing: every attribute is checked against the attributes as they will be.
        Map<String, String> after = new LinkedHashMap<>(group.attributes);
        List<JsonNode> attributes = QueryInput.list(input, "Attributes");
        for (JsonNode attribute : attributes) {
            after.put(QueryInput.required(attribute, "Key"), QueryInput.text(attribute, "Value"));
        }
        for (JsonNode attribute : attributes) {
            String key = QueryInput.required(attribute, "Key");
            TargetGroupAttributes.check(group, key, QueryInput.text(attribute, "Value"), after);
        }
        group.attributes.putAll(after);
        return Elbv2Service.attributes(group.attributes);
    }

    static JsonNode delete(Elbv2State state, ObjectNode input) {
        String arn = QueryInput.required(input, "TargetGroupArn");
        if (!state.targetGroups.containsKey(arn)) {
            return QueryInput.object();
        }
        if (!loadBalancerArns(state, arn).isEmpty()) {
            throw Elbv2Errors.resourceInUse("Target group '" + arn + "' is currently in use by a listener or a rule");
        }
        state.targetGroups.remove(arn);
        state.tags.remove(arn);
        return QueryInput.object();
    }

    static TargetGroup find(Elbv2State state, String arn) {
        TargetGroup group = state.targetGroups.get(arn);
        if (group == null) {
            throw Elbv2Errors.targetGroupNotFound();
        }
        return group;
    }

    /** The load balancers whose listeners or rules forward to the group. */
    static Set<String> loadBalancerArns(Elbv2State state, String targetGroupArn) {
        Set<String> arns = new LinkedHashSet<>();
        for (Elbv2State.Listener listener : state.listeners.values()) {
            if (forwardsTo(listener.defaultActions, targetGroupArn)) {
                arns.add(listener.loadBalancerArn);
            }
        }
        for (Elbv2State.Rule rule : state.rules.values()) {
            Elbv2State.Listener listener = state.listeners.get(rule.listenerArn);
            if (!rule.isDefault && listener != null && forwardsTo(rule.actions, targetGroupArn)) {
                arns.add(listener.loadBalancerArn);
            }
        }
        return arns;
    }

    static boolean forwardsTo(List<Elbv2State.Action> actions, String targetGroupArn) {
        for (Elbv2State.Action action : actions) {
            for (Elbv2State.WeightedTargetGroup target : action.targetGroups) {
                if (target.targetGroupArn.equals(targetGroupArn)) {
                    return true;
                }
            }
        }
        return false;
    }

    static ObjectNode render(Elbv2State state, TargetGroup group) {
        ObjectNode node = QueryInput.object();
        node.put("TargetGroupArn", group.arn);
        node.put("TargetGroupName", group.name);
        if (group.protocol != null) {
            node.put("Protocol", group.protocol);
            node.put("Port", group.port);
            node.put("VpcId", group.vpcId);
        }
        if (group.healthCheckProtocol != null) {
            node.put("HealthCheckProtocol", group.healthCheckProtocol);
            node.put("HealthCheckPort", group.healthCheckPort);
        }
        node.put("HealthCheckEnabled", group.healthCheckEnabled);
        node.put("HealthCheckIntervalSeconds", group.healthCheckIntervalSeconds);
        node.put("HealthCheckTimeoutSeconds", group.healthCheckTimeoutSeconds);
        node.put("HealthyThresholdCount", group.healthyThresholdCount);
        node.put("UnhealthyThresholdCount", group.unhealthyThresholdCount);
        if (group.healthCheckPath != null) {
            node.put("HealthCheckPath", group.healthCheckPath);
        }
        if (group.matcherHttpCode != null) {
            node.putObject("Matcher").put("HttpCode", group.matcherHttpCode);
        }
        ArrayNode balancers = node.putArray("LoadBalancerArns");
        loadBalancerArns(state, group.arn).forEach(balancers::add);
        node.put("TargetType", group.targetType);
        if (group.protocolVersion != null) {
            node.put("ProtocolVersion", group.protocolVersion);
        }
        if (group.ipAddressType != null) {
            node.put("IpAddressType", group.ipAddressType);
        }
        return node;
    }

    private static void validateHealthCheck(TargetGroup group) {
        if (group.healthCheckIntervalSeconds < 5 || group.healthCheckIntervalSeconds > 300) {
            throw Elbv2Errors.validation("Health check interval must be between 5 and 300 seconds");
        }
        if (group.healthCheckTimeoutSeconds < 2 || group.healthCheckTimeoutSeconds > 120) {
            throw Elbv2Errors.validation("Health check timeout must be between 2 and 120 seconds");
        }
        if (group.healthCheckTimeoutSeconds >= group.healthCheckIntervalSeconds) {
            throw Elbv2Errors.validation("Health check interval must be greater than the timeout.");
        }
        if (group.healthyThresholdCount < 2 || group.healthyThresholdCount > 10
                || group.unhealthyThresholdCount < 2 || group.unhealthyThresholdCount > 10) {
            throw Elbv2Errors.validation("Health check threshold count must be between 2 and 10");
        }
    }

    static int parseSeconds(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw Elbv2Errors.validation("The value of '" + key + "' must be an integer");
        }
    }

    private static int intOr(JsonNode input, String name, int fallback) {
        Integer value = QueryInput.integer(input, name);
        return value == null ? fallback : value;
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
