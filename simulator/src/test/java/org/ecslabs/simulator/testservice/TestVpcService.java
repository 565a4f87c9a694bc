package org.ecslabs.simulator.testservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * A test-only service on the EC2 protocol, under the made-up signing name {@code ec2test} so that
 * it cannot collide with the real EC2 service; the tests' Ec2Client signs for that name.
 */
public final class TestVpcService implements AwsService {
    public static final String SIGNING_NAME = "ec2test";

    public static final class State {
        List<Vpc> vpcs = new ArrayList<>();
    }

    record Vpc(String id, String cidrBlock, String name) {
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    @Override
    public Protocol protocol() {
        return Protocol.EC2;
    }

    @Override
    public Class<?> stateType() {
        return State.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        State state = sandbox.state(State.class);
        return switch (operation) {
            case "CreateVpc" -> {
                String name = "";
                for (JsonNode spec : input.path("TagSpecification")) {
                    for (JsonNode tag : spec.path("Tag")) {
                        if ("Name".equals(tag.path("Key").asText())) {
                            name = tag.path("Value").asText();
                        }
                    }
                }
                Vpc vpc = new Vpc("vpc-" + sandbox.newId().substring(0, 17), input.path("CidrBlock").asText(), name);
                state.vpcs.add(vpc);
                yield TestClusterService.NODES.objectNode().set("vpc", describe(vpc));
            }
            case "DescribeVpcs" -> {
                List<String> ids = new ArrayList<>();
                input.path("VpcId").forEach(id -> ids.add(id.asText()));
                for (JsonNode filter : input.path("Filter")) {
                    if ("vpc-id".equals(filter.path("Name").asText())) {
                        filter.path("Value").forEach(id -> ids.add(id.asText()));
                    }
                }
                ArrayNode set = TestClusterService.NODES.arrayNode();
                for (Vpc vpc : state.vpcs) {
                    if (ids.isEmpty() || ids.contains(vpc.id())) {
                        set.add(describe(vpc));
                    }
                }
                for (String id : ids) {
                    if (state.vpcs.stream().noneMatch(v -> v.id().equals(id))) {
                        throw new AwsException("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
                    }
                }
                yield TestClusterService.NODES.objectNode().set("vpcSet", set);
            }
            default -> throw new AwsException("InvalidAction", "The action " + operation + " is not valid for this web service.");
        };
    }

    private static ObjectNode describe(Vpc vpc) {
        ObjectNode node = TestClusterService.NODES.objectNode()
                .put("vpcId", vpc.id())
                .put("state", "available")
                .put("cidrBlock", vpc.cidrBlock())
                .put("isDefault", false);
        ArrayNode tags = node.putArray("tagSet");
        if (!vpc.name().isEmpty()) {
            tags.addObject().put("key", "Name").put("value", vpc.name());
        }
        return node;
    }
}
