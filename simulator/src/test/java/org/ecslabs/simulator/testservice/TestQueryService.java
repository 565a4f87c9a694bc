package org.ecslabs.simulator.testservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/** A test-only query-protocol service that echoes its folded input, to show the fold and the XML. */
public final class TestQueryService implements AwsService {
    public static final String SIGNING_NAME = "querytest";
    public static final String NAMESPACE = "http://querytest.amazonaws.com/doc/2026-01-01/";

    public static final class State {
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public String xmlNamespace() {
        return NAMESPACE;
    }

    @Override
    public Class<?> stateType() {
        return State.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        return switch (operation) {
            case "Echo" -> TestClusterService.NODES.objectNode().<ObjectNode>set("Input", input)
                    .put("Account", sandbox.accountId()).put("Region", sandbox.region());
            default -> throw new AwsException("ValidationException", "Unknown action <" + operation + "> & more");
        };
    }
}
