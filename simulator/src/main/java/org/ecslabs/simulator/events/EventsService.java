package org.ecslabs.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * Amazon EventBridge, as scheduled ECS tasks need it: rules with schedule expressions on the default
 * event bus, and targets that run ECS tasks when the rule fires on the simulated clock.
 */
public class EventsService implements AwsService {
    @Override
    public String signingName() {
        return "events";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return "AWSEvents";
    }

    @Override
    public Class<?> stateType() {
        return EventsState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        EventsState state = sandbox.state(EventsState.class);
        return switch (operation) {
            case "PutRule" -> Rules.put(sandbox, state, input);
            case "DescribeRule" -> Rules.describe(sandbox, state, input);
            case "ListRules" -> Rules.list(sandbox, state, input);
            case "DeleteRule" -> Rules.delete(sandbox, state, input);
            case "EnableRule" -> Rules.setState(sandbox, state, input, "ENABLED");
            case "DisableRule" -> Rules.setState(sandbox, state, input, "DISABLED");
            case "PutTargets" -> RuleTargets.put(sandbox, state, input);
            case "RemoveTargets" -> RuleTargets.remove(sandbox, state, input);
            case "ListTargetsByRule" -> RuleTargets.list(sandbox, state, input);
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    @Override
    public boolean tick(Sandbox sandbox) {
        EventsState state = sandbox.state(EventsState.class);
        return !state.rules.isEmpty() && RuleTargets.fire(sandbox, state);
    }
}
