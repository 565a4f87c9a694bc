package org.ecslabs.simulator.taskenv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * Not an AWS API: a service with only a tick, so that running tasks' containers keep writing a
 * request line every simulated minute. No target prefix, so no request is ever routed here.
 */
public class TaskEnvironmentService implements AwsService {
    @Override
    public String signingName() {
        return "ecslabs-task-environment";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public Class<?> stateType() {
        return TaskEnvState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        throw AwsException.unknownOperation(operation);
    }

    @Override
    public boolean tick(Sandbox sandbox) {
        return TaskEnvironment.tick(sandbox);
    }
}
