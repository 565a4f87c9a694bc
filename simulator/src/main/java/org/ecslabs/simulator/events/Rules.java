package org.ecslabs.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule on the default event bus. */
final class Rules {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Rules() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void defaultBus(Sandbox sandbox, JsonNode input) {
        String bus = text(input, "EventBusName");
        if (bus != null && !bus.equals("default") && !bus.equals(sandbox.arn("events", "event-bus/default"))) {
            throw new AwsException("ResourceNotFoundException", "Event bus " + bus + " does not exist.");
        }
    }

    static EventsState.Rule find(Sandbox sandbox, EventsState state, JsonNode input, String field) {
        defaultBus(sandbox, input);
        String name = text(input, field);
        EventsState.Rule rule = name == null ? null : state.rules.get(name);
        if (rule == null) {
            throw new AwsException("ResourceNotFoundException", "Rule " + name + " does not exist on EventBus default.");
        }
        return rule;
    }

    static JsonNode put(Sandbox sandbox, EventsState state, ObjectNode input) {
        defaultBus(sandbox, input);
        String name = text(input, "Name");
        if (name == null || !name.matches("[.\\-_A-Za-z0-9]{1,64}")) {
            throw new AwsException("ValidationException", "1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
        }
        String schedule = text(input, "ScheduleExpression");
        String pattern = text(input, "EventPattern");
        if (schedule == null && pattern == null) {
            throw new AwsException("ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        if (schedule != null) {
            ScheduleExpression.parse(schedule);
        }
        if (pattern != null) {
            try {
                if (!MAPPER.readTree(pattern).isObject()) {
                    throw new IllegalArgumentException();
                }
            } catch (Exception e) {
                throw new AwsException("InvalidEventPatternException", "Event pattern is not valid. Reason: Filter is not an object");
            }
        }
        String ruleState = text(input, "State");
        if (ruleState != null && !ruleState.equals("ENABLED") && !ruleState.equals("DISABLED")) {
            throw new AwsException("ValidationException", "1 validation error detected: Value '" + ruleState
                    + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
        }
        EventsState.Rule rule = state.rules.get(name);
        long now = sandbox.now().getEpochSecond();
        if (rule == null) {
            rule = new EventsState.Rule();
            rule.name = name;
            rule.arn = sandbox.arn("events", "rule/" + name);
            state.rules.put(name, rule);
        }
        boolean rescheduled = schedule != null && !schedule.equals(rule.scheduleExpression);
        rule.scheduleExpression = schedule;
        rule.eventPattern = pattern;
        rule.state = ruleState == null ? "ENABLED" : ruleState;
        rule.description = text(input, "Description");
        rule.roleArn = text(input, "RoleArn");
        if (rescheduled || rule.nextFireAt == null) {
            rule.createdAt = now;
        }
        JsonNode tags = input.get("Tags");
        if (tags != null && tags.isArray()) {
            tags.forEach(tag -> state.rules.get(name).tags.put(text(tag, "Key"), text(tag, "Value")));
        }
        schedule(rule, now);
        return MAPPER.createObjectNode().put("RuleArn", rule.arn);
    }

    /** Works out a rule's next invocation from now (none while disabled or without a schedule). */
    static void schedule(EventsState.Rule rule, long now) {
        rule.nextFireAt = rule.scheduleExpression == null || !"ENABLED".equals(rule.state) ? null
                : ScheduleExpression.parse(rule.scheduleExpression).next(now, rule.createdAt);
    }

    static JsonNode describe(Sandbox sandbox, EventsState state, ObjectNode input) {
        return json(find(sandbox, state, input, "Name"), true);
    }

    private static ObjectNode json(EventsState.Rule rule, boolean createdBy) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("Name", rule.name);
        node.put("Arn", rule.arn);
        if (rule.eventPattern != null) {
            node.put("EventPattern", rule.eventPattern);
        }
        if (rule.scheduleExpression != null) {
            node.put("ScheduleExpression", rule.scheduleExpression);
        }
        node.put("State", rule.state);
        if (rule.description != null) {
            node.put("Description", rule.description);
        }
        if (rule.roleArn != null) {
            node.put("RoleArn", rule.roleArn);
        }
        node.put("EventBusName", "default");
        if (createdBy) {
            node.put("CreatedBy", rule.arn.split(":")[4]);
        }
        return node;
    }

    static JsonNode list(Sandbox sandbox, EventsState state, ObjectNode input) {
        defaultBus(sandbox, input);
        String prefix = text(input, "NamePrefix");
        ArrayNode rules = MAPPER.createArrayNode();
        for (EventsState.Rule rule : state.rules.values()) {
            if (prefix == null || rule.name.startsWith(prefix)) {
                rules.add(json(rule, false));
            }
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("Rules", rules);
        return out;
    }

    static JsonNode delete(Sandbox sandbox, EventsState state, ObjectNode input) {
        defaultBus(sandbox, input);
        EventsState.Rule rule = state.rules.get(text(input, "Name"));
        if (rule == null) {
            return MAPPER.createObjectNode();
        }
        if (!rule.targets.isEmpty()) {
            throw new AwsException("ValidationException", "Rule can't be deleted since it has targets.");
        }
        state.rules.remove(rule.name);
        return MAPPER.createObjectNode();
    }

    static JsonNode setState(Sandbox sandbox, EventsState state, ObjectNode input, String value) {
        EventsState.Rule rule = find(sandbox, state, input, "Name");
        rule.state = value;
        schedule(rule, sandbox.now().getEpochSecond());
        return MAPPER.createObjectNode();
    }
}
