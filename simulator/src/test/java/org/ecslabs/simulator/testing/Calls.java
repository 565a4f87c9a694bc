package org.ecslabs.simulator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.protocol.AwsException;

/** Calls a service the way the wire layer does, with input written as JSON text. */
public final class Calls {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AwsService service;
    private final ManualSandbox sandbox;

    public Calls(AwsService service, ManualSandbox sandbox) {
        this.service = service;
        this.sandbox = sandbox;
    }

    public JsonNode call(String operation, String json) {
        service.tick(sandbox);
        JsonNode result = service.call(sandbox, operation, input(json));
        roundTripState();
        return result;
    }

    public AwsException error(String operation, String json) {
        service.tick(sandbox);
        try {
            service.call(sandbox, operation, input(json));
        } catch (AwsException e) {
            return e;
        }
        throw new AssertionError(operation + " succeeded but an AWS error was expected");
    }

    /** The engine persists state as JSON: prove every state survives that after each call. */
    private void roundTripState() {
        Object state = sandbox.state(service.stateType());
        try {
            String text = MAPPER.writeValueAsString(state);
            MAPPER.readValue(text, service.stateType());
        } catch (Exception e) {
            throw new AssertionError("state of " + service.signingName() + " does not survive JSON", e);
        }
    }

    public static ObjectNode input(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
