package org.ecslabs.simulator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * One service of a {@link ManualSandbox}, called with input written as JSON text in which single
 * quotes stand for double ones (so that test input needs no escaping).
 */
public final class Calls {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AwsService service;
    private final ManualSandbox sandbox;

    public Calls(AwsService service, ManualSandbox sandbox) {
        this.service = service;
        this.sandbox = sandbox;
    }

    public JsonNode call(String operation, String json) {
        return sandbox.call(service, operation, input(json));
    }

    public AwsException error(String operation, String json) {
        try {
            sandbox.call(service, operation, input(json));
        } catch (AwsException e) {
            return e;
        }
        throw new AssertionError(operation + " succeeded but an AWS error was expected");
    }

    public static ObjectNode input(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
