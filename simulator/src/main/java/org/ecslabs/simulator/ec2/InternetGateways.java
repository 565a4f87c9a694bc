package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** CreateInternetGateway, AttachInternetGateway, DetachInternetGateway, DeleteInternetGateway, DescribeInternetGateways. */
final class InternetGateways {
    private InternetGateways() {
    }

    static Ec2State.InternetGateway find(Ec2State state, String id) {
        Ec2State.InternetGateway gateway = id == null ? null : state.internetGateways.get(id);
        if (gateway == null) {
            throw new AwsException("InvalidInternetGatewayID.NotFound", "The internetGateway ID '" + id + "' does not exist");
        }
        return gateway;
    }

    static JsonNode create(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.InternetGateway gateway = Ec2Network.newInternetGateway(sandbox, state);
        Tags.fromSpecifications(state, input, "internet-gateway", gateway.internetGatewayId);
        ObjectNode out = Ec2Input.object();
        out.set("internetGateway", json(sandbox, state, gateway));
        return out;
    }

    static JsonNode attach(Ec2State state, ObjectNode input) {
        Ec2State.InternetGateway gateway = find(state, Ec2Input.required(input, "InternetGatewayId"));
        Ec2State.Vpc vpc = Vpcs.find(state, Ec2Input.required(input, "VpcId"));
        if (gateway.vpcId != null) {
            throw new AwsException("Resource.AlreadyAssociated",
                    "resource " + gateway.internetGatewayId + " is already attached to network " + gateway.vpcId);
        }
        state.internetGateways.values().stream().filter(g -> vpc.vpcId.equals(g.vpcId)).findFirst().ifPresent(g -> {
            throw new AwsException("InvalidParameterValue",
                    "Network " + vpc.vpcId + " already has an internet gateway attached");
        });
        gateway.vpcId = vpc.vpcId;
        return Ec2Input.object();
    }

    static JsonNode detach(Ec2State state, ObjectNode input) {
        Ec2State.InternetGateway gateway = find(state, Ec2Input.required(input, "InternetGatewayId"));
        String vpcId = Ec2Input.required(input, "VpcId");
        if (!vpcId.equals(gateway.vpcId)) {
            throw new AwsException("Gateway.NotAttached",
                    "resource " + gateway.internetGatewayId + " is not attached to network " + vpcId);
        }
        boolean publicAddressesInUse = state.instances.values().stream()
                .anyMatch(i -> vpcId.equals(i.vpcId) && i.publicIp != null && i.live())
                || state.natGateways.values().stream().anyMatch(n -> vpcId.equals(n.vpcId) && n.publicIp != null
                && !"deleted".equals(n.state));
        if (publicAddressesInUse) {
            throw new AwsException("DependencyViolation", "Network " + vpcId
                    + " has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.");
        }
        gateway.vpcId = null;
        return Ec2Input.object();
    }

    static JsonNode delete(Ec2State state, ObjectNode input) {
        Ec2State.InternetGateway gateway = find(state, Ec2Input.required(input, "InternetGatewayId"));
        if (gateway.vpcId != null) {
            throw new AwsException("DependencyViolation",
                    "The internetGateway '" + gateway.internetGatewayId + "' has dependencies and cannot be deleted.");
        }
        state.internetGateways.remove(gateway.internetGatewayId);
        state.tags.remove(gateway.internetGatewayId);
        return Ec2Input.object();
    }

    static JsonNode describe(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("InternetGatewayId"));
        ids.forEach(id -> find(state, id));
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (Ec2State.InternetGateway gateway : state.internetGateways.values()) {
            if (!ids.isEmpty() && !ids.contains(gateway.internetGatewayId)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "internet-gateway-id", () -> List.of(gateway.internetGatewayId),
                    "attachment.vpc-id", () -> gateway.vpcId == null ? List.of() : List.of(gateway.vpcId),
                    "attachment.state", () -> List.of(gateway.vpcId == null ? "detached" : "available"),
                    "owner-id", () -> List.of(sandbox.accountId())))
                    || !Ec2Input.tagsMatch(input, Tags.of(state, gateway.internetGatewayId))) {
                continue;
            }
            items.add(json(sandbox, state, gateway));
        }
        ObjectNode out = Ec2Input.object();
        out.set("internetGatewaySet", items);
        return out;
    }

    private static ObjectNode json(Sandbox sandbox, Ec2State state, Ec2State.InternetGateway gateway) {
        ObjectNode item = Ec2Input.object();
        ArrayNode attachments = item.putArray("attachmentSet");
        if (gateway.vpcId != null) {
            // An attached gateway's attachment state is "available" in DescribeInternetGateways.
            attachments.addObject().put("state", "available").put("vpcId", gateway.vpcId);
        }
        item.put("internetGatewayId", gateway.internetGatewayId);
        item.put("ownerId", sandbox.accountId());
        Tags.addTagSet(item, state, gateway.internetGatewayId);
        return item;
    }
}
