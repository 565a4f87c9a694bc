package org.ecslabs.simulator.asg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * EC2 Auto Scaling (the query protocol, signing name autoscaling): groups launched from launch
 * templates that keep their desired capacity on the clock. Operations live in {@link Groups}, the
 * clock in {@link GroupCapacity}.
 */
public class AutoScalingGroupsService implements AwsService {
    @Override
    public String signingName() {
        return "autoscaling";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public String xmlNamespace() {
        return "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    }

    @Override
    public Class<?> stateType() {
        return AsgState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        AsgState state = sandbox.state(AsgState.class);
        return switch (operation) {
            case "CreateAutoScalingGroup" -> Groups.create(sandbox, state, input);
            case "UpdateAutoScalingGroup" -> Groups.update(state, input);
            case "DeleteAutoScalingGroup" -> Groups.delete(sandbox, state, input);
            case "DescribeAutoScalingGroups" -> Groups.describe(state, input);
            case "DescribeAutoScalingInstances" -> Groups.describeInstances(state, input);
            case "SetDesiredCapacity" -> Groups.setDesiredCapacity(state, input);
            case "SetInstanceProtection" -> Groups.setInstanceProtection(state, input);
            case "TerminateInstanceInAutoScalingGroup" -> Groups.terminateInstance(sandbox, state, input);
            case "DescribeScalingActivities" -> Groups.describeActivities(state, input);
            default -> throw new AwsException("InvalidAction", "Could not find operation " + operation + " for version 2011-01-01");
        };
    }

    @Override
    public boolean tick(Sandbox sandbox) {
        AsgState state = sandbox.state(AsgState.class);
        return !state.groups.isEmpty() && GroupCapacity.tick(sandbox, state);
    }
}
