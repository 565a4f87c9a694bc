package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/** Elastic Load Balancing v2 (application and network load balancers) on the query protocol. */
public class Elbv2Service implements AwsService, TaggedResources {
    /** Control operation: make a target's health checks fail (or pass again). */
    public static final String SET_TARGET_HEALTH = "SetTargetHealth";

    @Override
    public String signingName() {
        return "elasticloadbalancing";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public String xmlNamespace() {
        return "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    }

    @Override
    public Class<?> stateType() {
        return Elbv2State.class;
    }

    @Override
    public Set<String> controlOperations() {
        return Set.of(SET_TARGET_HEALTH);
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        Elbv2State state = sandbox.state(Elbv2State.class);
        return switch (operation) {
            case "CreateLoadBalancer" -> LoadBalancerOperations.create(sandbox, state, input);
            case "DescribeLoadBalancers" -> LoadBalancerOperations.describe(sandbox, state, input);
            case "DeleteLoadBalancer" -> LoadBalancerOperations.delete(state, input);
            case "DescribeLoadBalancerAttributes" -> LoadBalancerOperations.describeAttributes(state, input);
            case "ModifyLoadBalancerAttributes" -> LoadBalancerOperations.modifyAttributes(state, input);
            case "SetSecurityGroups" -> LoadBalancerOperations.setSecurityGroups(sandbox, state, input);
            case "SetSubnets" -> LoadBalancerOperations.setSubnets(sandbox, state, input);
            case "SetIpAddressType" -> LoadBalancerOperations.setIpAddressType(state, input);
            case "DescribeAccountLimits" -> LoadBalancerOperations.accountLimits();
            case "CreateTargetGroup" -> TargetGroupOperations.create(sandbox, state, input);
            case "DescribeTargetGroups" -> TargetGroupOperations.describe(state, input);
            case "ModifyTargetGroup" -> TargetGroupOperations.modify(state, input);
            case "DescribeTargetGroupAttributes" -> TargetGroupOperations.describeAttributes(state, input);
            case "ModifyTargetGroupAttributes" -> TargetGroupOperations.modifyAttributes(state, input);
            case "DeleteTargetGroup" -> TargetGroupOperations.delete(state, input);
            case "CreateListener" -> ListenerOperations.create(sandbox, state, input);
            case "DescribeListeners" -> ListenerOperations.describe(state, input);
            case "ModifyListener" -> ListenerOperations.modify(state, input);
            case "DeleteListener" -> ListenerOperations.delete(state, input);
            case "CreateRule" -> RuleOperations.create(sandbox, state, input);
            case "DescribeRules" -> RuleOperations.describe(state, input);
            case "ModifyRule" -> RuleOperations.modify(state, input);
            case "DeleteRule" -> RuleOperations.delete(state, input);
            case "SetRulePriorities" -> RuleOperations.setPriorities(state, input);
            case "RegisterTargets" -> TargetHealth.register(sandbox, state, input);
            case "DeregisterTargets" -> TargetHealth.deregister(sandbox, state, input);
            case "DescribeTargetHealth" -> TargetHealth.describe(state, input);
            case "AddTags" -> addTags(state, input);
            case "RemoveTags" -> removeTags(state, input);
            case "DescribeTags" -> describeTags(state, input);
            case SET_TARGET_HEALTH -> Elbv2Targets.setTargetHealthControl(sandbox, input);
            default -> throw new AwsException("InvalidAction", "The action " + operation + " is not valid for this web service.");
        };
    }

    @Override
    public boolean tick(Sandbox sandbox) {
        return TargetHealth.tick(sandbox, sandbox.state(Elbv2State.class));
    }

    static void putTags(Elbv2State state, String arn, JsonNode input) {
        if (!input.has("Tags")) {
            return;
        }
        Map<String, String> tags = state.tags.computeIfAbsent(arn, key -> new LinkedHashMap<>());
        for (JsonNode tag : QueryInput.list(input, "Tags")) {
            String key = QueryInput.required(tag, "Key");
            String value = QueryInput.text(tag, "Value");
            tags.put(key, value == null ? "" : value);
        }
        if (tags.size() > 50) {
            throw new AwsException("TooManyTags", "You've reached the limit on the number of tags for this resource");
        }
    }

    static ObjectNode attributes(Map<String, String> attributes) {
        ObjectNode output = QueryInput.object();
        ArrayNode items = output.putArray("Attributes");
        attributes.forEach((key, value) -> items.addObject().put("Key", key).put("Value", value));
        return output;
    }

    private static void requireResource(Elbv2State state, String arn) {
        if (exists(state, arn)) {
            return;
        }
        if (arn.contains(":targetgroup/")) {
            throw Elbv2Errors.targetGroupNotFound();
        }
        if (arn.contains(":listener-rule/")) {
            throw Elbv2Errors.ruleNotFound();
        }
        if (arn.contains(":listener/")) {
            throw Elbv2Errors.listenerNotFound();
        }
        throw Elbv2Errors.loadBalancerNotFound();
    }

    private static JsonNode addTags(Elbv2State state, ObjectNode input) {
        for (String arn : QueryInput.strings(input, "ResourceArns")) {
            requireResource(state, arn);
            putTags(state, arn, input);
        }
        return QueryInput.object();
    }

    private static JsonNode removeTags(Elbv2State state, ObjectNode input) {
        for (String arn : QueryInput.strings(input, "ResourceArns")) {
            requireResource(state, arn);
            Map<String, String> tags = state.tags.get(arn);
            if (tags != null) {
                QueryInput.strings(input, "TagKeys").forEach(tags::remove);
            }
        }
        return QueryInput.object();
    }

    private static JsonNode describeTags(Elbv2State state, ObjectNode input) {
        ObjectNode output = QueryInput.object();
        ArrayNode descriptions = output.putArray("TagDescriptions");
        for (String arn : QueryInput.strings(input, "ResourceArns")) {
            requireResource(state, arn);
            ObjectNode description = descriptions.addObject();
            description.put("ResourceArn", arn);
            ArrayNode tags = description.putArray("Tags");
            state.tags.getOrDefault(arn, Map.of()).forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        }
        return output;
    }

    @Override
    public List<TaggedResource> taggedResources(Sandbox sandbox) {
        Elbv2State state = sandbox.state(Elbv2State.class);
        List<TaggedResource> tagged = new ArrayList<>();
        Stream.of(state.loadBalancers.keySet(), state.targetGroups.keySet(), state.listeners.keySet(), state.rules.keySet())
                .flatMap(Set::stream)
                .forEach(arn -> TaggedResource.addIfTagged(tagged, arn, state.tags.get(arn)));
        return tagged;
    }

    @Override
    public Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        Elbv2State state = sandbox.state(Elbv2State.class);
        return exists(state, arn) ? state.tags.computeIfAbsent(arn, key -> new LinkedHashMap<>()) : null;
    }

    private static boolean exists(Elbv2State state, String arn) {
        return state.loadBalancers.containsKey(arn) || state.targetGroups.containsKey(arn)
                || state.listeners.containsKey(arn) || state.rules.containsKey(arn);
    }
}
