package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.simulator.elbv2.Elbv2State.Condition;
import org.ecslabs.simulator.elbv2.Elbv2State.Listener;
import org.ecslabs.simulator.elbv2.Elbv2State.LoadBalancer;
import org.ecslabs.simulator.elbv2.Elbv2State.Rule;
import org.ecslabs.simulator.engine.Sandbox;

/** Listener rules with path-pattern, host-header and the other condition kinds of an ALB. */
final class RuleOperations {
    private static final Map<String, String> CONFIG_NAMES = Map.of(
            "path-pattern", "PathPatternConfig",
            "host-header", "HostHeaderConfig",
            "http-request-method", "HttpRequestMethodConfig",
            "source-ip", "SourceIpConfig");
    private static final Set<String> FIELDS = Set.of("path-pattern", "host-header", "http-request-method",
            "source-ip", "http-header", "query-string");

    private RuleOperations() {
    }

    static JsonNode create(Sandbox sandbox, Elbv2State state, ObjectNode input) {
        Listener listener = ListenerOperations.find(state, QueryInput.required(input, "ListenerArn"));
        LoadBalancer balancer = LoadBalancerOperations.find(state, listener.loadBalancerArn);
        if (!balancer.type.equals("application")) {
            throw Elbv2Errors.validation("Rules are only supported for listeners of application load balancers");
        }
        String priority = String.valueOf(priority(QueryInput.required(input, "Priority")));
        for (Rule rule : state.rules.values()) {
            if (rule.listenerArn.equals(listener.arn) && rule.priority.equals(priority)) {
                throw Elbv2Errors.priorityInUse(priority);
            }
        }
        Rule rule = new Rule();
        String listenerPath = listener.arn.substring(listener.arn.indexOf(":listener/") + ":listener/".length());
        rule.arn = sandbox.arn("elasticloadbalancing", "listener-rule/" + listenerPath + "/" + QueryInput.shortId(sandbox));
        rule.listenerArn = listener.arn;
        rule.priority = priority;
        rule.conditions = conditions(QueryInput.list(input, "Conditions"));
        rule.actions = Actions.parse(state, balancer, QueryInput.list(input, "Actions"), listener.arn);
        state.rules.put(rule.arn, rule);
        Elbv2Service.putTags(state, rule.arn, input);
        ObjectNode output = QueryInput.object();
        output.putArray("Rules").add(render(state, rule));
        return output;
    }

    static JsonNode describe(Elbv2State state, ObjectNode input) {
        List<String> arns = QueryInput.strings(input, "RuleArns");
        String listenerArn = QueryInput.text(input, "ListenerArn");
        if (arns.isEmpty() && listenerArn == null) {
            throw Elbv2Errors.validation("You must specify either listener rule ARNs or a listener ARN");
        }
        List<Rule> found = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : arns) {
                found.add(find(state, arn));
            }
        } else {
            ListenerOperations.find(state, listenerArn);
            state.rules.values().stream().filter(rule -> rule.listenerArn.equals(listenerArn))
                    .sorted(Comparator.comparingInt(rule -> rule.isDefault ? Integer.MAX_VALUE : Integer.parseInt(rule.priority)))
                    .forEach(found::add);
        }
        ObjectNode output = QueryInput.object();
        ArrayNode items = output.putArray("Rules");
        Paging.page(found, input, output).forEach(rule -> items.add(render(state, rule)));
        return output;
    }

    static JsonNode modify(Elbv2State state, ObjectNode input) {
        Rule rule = find(state, QueryInput.required(input, "RuleArn"));
        Listener listener = ListenerOperations.find(state, rule.listenerArn);
        LoadBalancer balancer = LoadBalancerOperations.find(state, listener.loadBalancerArn);
        if (input.has("Conditions")) {
            if (rule.isDefault) {
                throw Elbv2Errors.operationNotPermitted("Conditions cannot be specified for the default rule");
            }
            rule.conditions = conditions(QueryInput.list(input, "Conditions"));
        }
        if (input.has("Actions")) {
            var actions = Actions.parse(state, balancer, QueryInput.list(input, "Actions"), listener.arn);
            if (rule.isDefault) {
                listener.defaultActions = actions;
            } else {
                rule.actions = actions;
            }
        }
        ObjectNode output = QueryInput.object();
        output.putArray("Rules").add(render(state, rule));
        return output;
    }

    static JsonNode delete(Elbv2State state, ObjectNode input) {
        Rule rule = find(state, QueryInput.required(input, "RuleArn"));
        if (rule.isDefault) {
            throw Elbv2Errors.operationNotPermitted("Default rules cannot be deleted");
        }
        state.rules.remove(rule.arn);
        state.tags.remove(rule.arn);
        return QueryInput.object();
    }

    static JsonNode setPriorities(Elbv2State state, ObjectNode input) {
        Map<String, String> wanted = new HashMap<>();
        for (JsonNode pair : QueryInput.list(input, "RulePriorities")) {
            Rule rule = find(state, QueryInput.required(pair, "RuleArn"));
            if (rule.isDefault) {
                throw Elbv2Errors.operationNotPermitted("The default rule's priority cannot be changed");
            }
            wanted.put(rule.arn, String.valueOf(priority(QueryInput.required(pair, "Priority"))));
        }
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            Rule moving = state.rules.get(entry.getKey());
            for (Rule other : state.rules.values()) {
                boolean otherMoves = wanted.containsKey(other.arn);
                String otherPriority = otherMoves ? wanted.get(other.arn) : other.priority;
                if (other != moving && other.listenerArn.equals(moving.listenerArn) && otherPriority.equals(entry.getValue())) {
                    throw Elbv2Errors.priorityInUse(entry.getValue());
                }
            }
        }
        ObjectNode output = QueryInput.object();
        ArrayNode items = output.putArray("Rules");
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            Rule rule = state.rules.get(entry.getKey());
            rule.priority = entry.getValue();
            items.add(render(state, rule));
        }
        return output;
    }

    static Rule find(Elbv2State state, String arn) {
        Rule rule = state.rules.get(arn);
        if (rule == null) {
            throw Elbv2Errors.ruleNotFound();
        }
        return rule;
    }

    private static int priority(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= 50000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, as for an out-of-range number
        }
        throw Elbv2Errors.validation("Priority must be between 1 and 50000");
    }

    private static List<Condition> conditions(List<JsonNode> inputs) {
        if (inputs.isEmpty()) {
            throw Elbv2Errors.validation("A rule must have at least one condition");
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode input : inputs) {
            Condition condition = new Condition();
            condition.field = QueryInput.required(input, "Field");
            if (!FIELDS.contains(condition.field)) {
                throw Elbv2Errors.validation("Condition field '" + condition.field + "' must be one of '[http-header, "
                        + "http-request-method, host-header, path-pattern, query-string, source-ip]'");
            }
            condition.values.addAll(QueryInput.strings(input, "Values"));
            String configName = CONFIG_NAMES.get(condition.field);
            if (configName != null && input.has(configName)) {
                condition.values.addAll(QueryInput.strings(input.get(configName), "Values"));
            }
            if (condition.field.equals("http-header")) {
                JsonNode config = input.get("HttpHeaderConfig");
                condition.httpHeaderName = QueryInput.text(config, "HttpHeaderName");
                condition.values.addAll(QueryInput.strings(config, "Values"));
                if (condition.httpHeaderName == null || condition.httpHeaderName.isEmpty()) {
                    throw Elbv2Errors.validation("A header name must be specified for field 'http-header'");
                }
            }
            if (condition.field.equals("query-string")) {
                for (JsonNode pair : QueryInput.list(input.get("QueryStringConfig"), "Values")) {
                    Elbv2State.KeyValue keyValue = new Elbv2State.KeyValue();
                    keyValue.key = QueryInput.text(pair, "Key");
                    keyValue.value = QueryInput.text(pair, "Value");
                    if (keyValue.value == null) {
                        throw Elbv2Errors.validation("A query string value must be specified for field 'query-string'");
                    }
                    condition.queryStrings.add(keyValue);
                }
                if (condition.queryStrings.isEmpty()) {
                    throw Elbv2Errors.validation("A condition value must be specified for field 'query-string'");
                }
            } else if (condition.values.isEmpty()) {
                throw Elbv2Errors.validation("A condition value must be specified for field '" + condition.field + "'");
            }
            conditions.add(condition);
        }
        return conditions;
    }

    static ObjectNode render(Elbv2State state, Rule rule) {
        ObjectNode node = QueryInput.object();
        node.put("RuleArn", rule.arn);
        node.put("Priority", rule.priority);
        ArrayNode conditions = node.putArray("Conditions");
        for (Condition condition : rule.conditions) {
            ObjectNode item = conditions.addObject();
            item.put("Field", condition.field);
            String configName = CONFIG_NAMES.get(condition.field);
            if (configName != null) {
                ArrayNode values = item.putArray("Values");
                condition.values.forEach(values::add);
                ArrayNode configValues = item.putObject(configName).putArray("Values");
                condition.values.forEach(configValues::add);
            } else if (condition.field.equals("http-header")) {
                ObjectNode config = item.putObject("HttpHeaderConfig");
                config.put("HttpHeaderName", condition.httpHeaderName);
                ArrayNode values = config.putArray("Values");
                condition.values.forEach(values::add);
            } else {
                ArrayNode values = item.putObject("QueryStringConfig").putArray("Values");
                for (Elbv2State.KeyValue pair : condition.queryStrings) {
                    ObjectNode entry = values.addObject();
                    if (pair.key != null) {
                        entry.put("Key", pair.key);
                    }
                    entry.put("Value", pair.value);
                }
            }
        }
        Listener listener = state.listeners.get(rule.listenerArn);
        node.set("Actions", Actions.render(rule.isDefault && listener != null ? listener.defaultActions : rule.actions));
        node.put("IsDefault", rule.isDefault);
        return node;
    }
}
