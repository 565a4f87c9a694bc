package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * NAT gateways on the clock: pending for {@value #PENDING_SECONDS} s, then available (or failed when
 * the VPC of a public NAT gateway has no internet gateway); deleting for {@value #DELETING_SECONDS} s.
 */
final class NatGateways {
    static final int PENDING_SECONDS = 60;
    static final int DELETING_SECONDS = 30;
    /** Deleted NAT gateways stay visible for an hour, as in EC2. */
    static final int DELETED_RETENTION_SECONDS = 3600;

    private NatGateways() {
    }

    static JsonNode create(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.Subnet subnet = Subnets.find(state, Ec2Input.required(input, "SubnetId"));
        String connectivity = Ec2Input.text(input, "ConnectivityType");
        if (connectivity == null) {
            connectivity = "public";
        }
        if (!connectivity.equals("public") && !connectivity.equals("private")) {
            throw new AwsException("InvalidParameterValue",
                    "Value (" + connectivity + ") for parameter connectivityType is invalid.");
        }
        String allocationId = Ec2Input.text(input, "AllocationId");
        Ec2State.Address address = null;
        if (connectivity.equals("public")) {
            if (allocationId == null) {
                throw new AwsException("MissingParameter", "The request must contain the parameter AllocationId");
            }
            address = Addresses.find(state, allocationId);
            if (address.associationId != null) {
                throw new AwsException("Resource.AlreadyAssociated",
                        "Elastic IP address [" + allocationId + "] is already associated");
            }
        } else if (allocationId != null) {
            throw new AwsException("InvalidParameterCombination", "A private NAT gateway cannot have an Elastic IP address.");
        }
        Ec2State.NatGateway nat = new Ec2State.NatGateway();
        nat.natGatewayId = Ec2Network.newResourceId(sandbox, "nat");
        nat.subnetId = subnet.subnetId;
        nat.vpcId = subnet.vpcId;
        nat.connectivityType = connectivity;
        nat.privateIp = Ec2Network.allocateAddress(sandbox, subnet.subnetId);
        nat.networkInterfaceId = Ec2Network.newResourceId(sandbox, "eni");
        nat.state = "pending";
        nat.createdAt = sandbox.now().getEpochSecond();
        nat.nextAt = nat.createdAt + PENDING_SECONDS;
        if (address != null) {
            nat.allocationId = address.allocationId;
            nat.publicIp = address.publicIp;
            address.natGatewayId = nat.natGatewayId;
            address.associationId = Ec2Network.newResourceId(sandbox, "eipassoc");
        }
        state.natGateways.put(nat.natGatewayId, nat);
        Tags.fromSpecifications(state, input, "natgateway", nat.natGatewayId);
        ObjectNode out = Ec2Input.object();
        String token = Ec2Input.text(input, "ClientToken");
        if (token != null) {
            out.put("clientToken", token);
        }
        out.set("natGateway", json(state, nat));
        return out;
    }

    static JsonNode delete(Sandbox sandbox, Ec2State state, ObjectNode input) {
        String id = Ec2Input.required(input, "NatGatewayId");
        Ec2State.NatGateway nat = state.natGateways.get(id);
        if (nat == null || "deleted".equals(nat.state)) {
            throw new AwsException("NatGatewayNotFound", "The Nat Gateway " + id + " was not found");
        }
        if (!"deleting".equals(nat.state)) {
            nat.state = "deleting";
            nat.nextAt = sandbox.now().getEpochSecond() + DELETING_SECONDS;
        }
        return Ec2Input.object().put("natGatewayId", id);
    }

    static JsonNode describe(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("NatGatewayId"));
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (String id : ids) {
            if (!state.natGateways.containsKey(id)) {
                throw new AwsException("NatGatewayNotFound", "The Nat Gateway " + id + " was not found");
            }
        }
        for (Ec2State.NatGateway nat : state.natGateways.values()) {
            if (!ids.isEmpty() && !ids.contains(nat.natGatewayId)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "nat-gateway-id", () -> List.of(nat.natGatewayId),
                    "state", () -> List.of(nat.state),
                    "subnet-id", () -> List.of(nat.subnetId),
                    "vpc-id", () -> List.of(nat.vpcId)))
                    || !Ec2Input.tagsMatch(input, Tags.of(state, nat.natGatewayId))) {
                continue;
            }
            items.add(json(state, nat));
        }
        ObjectNode out = Ec2Input.object();
        out.set("natGatewaySet", items);
        return out;
    }

    private static ObjectNode json(Ec2State state, Ec2State.NatGateway nat) {
        ObjectNode item = Ec2Input.object();
        item.put("createTime", Ec2Input.iso(nat.createdAt));
        if (nat.deletedAt != null) {
            item.put("deleteTime", Ec2Input.iso(nat.deletedAt));
        }
        if ("failed".equals(nat.state)) {
            item.put("failureCode", "Gateway.NotAttached");
            item.put("failureMessage", "Network " + nat.vpcId + " has no Internet gateway attached");
        }
        ObjectNode address = item.putArray("natGatewayAddressSet").addObject();
        if (nat.allocationId != null) {
            address.put("allocationId", nat.allocationId);
        }
        address.put("networkInterfaceId", nat.networkInterfaceId);
        address.put("privateIp", nat.privateIp);
        if (nat.publicIp != null) {
            address.put("publicIp", nat.publicIp);
        }
        address.put("isPrimary", true);
        address.put("status", "available".equals(nat.state) ? "succeeded" : "pending".equals(nat.state) ? "associating" : "disassociating");
        item.put("natGatewayId", nat.natGatewayId);
        item.put("state", nat.state);
        item.put("subnetId", nat.subnetId);
        item.put("vpcId", nat.vpcId);
        item.put("connectivityType", nat.connectivityType);
        item.put("availabilityMode", "zonal");
        Tags.addTagSet(item, state, nat.natGatewayId);
        return item;
    }

    /** Moves NAT gateways along on the clock; returns whether any changed. */
    static boolean tick(Ec2State state, long now) {
        boolean changed = false;
        for (Ec2State.NatGateway nat : state.natGateways.values()) {
            if (nat.nextAt == null || nat.nextAt > now) {
                continue;
            }
            changed = true;
            switch (nat.state) {
                case "pending" -> {
                    boolean hasGateway = state.internetGateways.values().stream().anyMatch(g -> nat.vpcId.equals(g.vpcId));
                    nat.state = "public".equals(nat.connectivityType) && !hasGateway ? "failed" : "available";
                    nat.nextAt = null;
                    if ("failed".equals(nat.state)) {
                        release(state, nat);
                    }
                }
                case "deleting" -> {
                    nat.state = "deleted";
                    nat.deletedAt = nat.nextAt;
                    nat.nextAt = nat.deletedAt + DELETED_RETENTION_SECONDS;
                    release(state, nat);
                }
                default -> {
                    // Deleted an hour ago: EC2 forgets it.
                    nat.nextAt = -1L;
                }
            }
        }
        if (changed) {
            state.natGateways.values().removeIf(nat -> nat.nextAt != null && nat.nextAt == -1L);
        }
        return changed;
    }

    private static void release(Ec2State state, Ec2State.NatGateway nat) {
        Ec2State.Address address = nat.allocationId == null ? null : state.addresses.get(nat.allocationId);
        if (address != null && nat.natGatewayId.equals(address.natGatewayId)) {
            address.natGatewayId = null;
            address.associationId = null;
        }
    }
}
