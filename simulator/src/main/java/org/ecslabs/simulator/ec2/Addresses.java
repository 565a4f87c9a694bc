package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** Elastic IP addresses: AllocateAddress, ReleaseAddress, DescribeAddresses (what a NAT gateway needs). */
final class Addresses {
    private Addresses() {
    }

    static Ec2State.Address find(Ec2State state, String allocationId) {
        Ec2State.Address address = allocationId == null ? null : state.addresses.get(allocationId);
        if (address == null) {
            throw new AwsException("InvalidAllocationID.NotFound", "The allocation ID '" + allocationId + "' does not exist");
        }
        return address;
    }

    static JsonNode allocate(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.Address address = new Ec2State.Address();
        address.allocationId = Ec2Network.newResourceId(sandbox, "eipalloc");
        address.publicIp = Ec2Network.publicAddress(state);
        state.addresses.put(address.allocationId, address);
        Tags.fromSpecifications(state, input, "elastic-ip", address.allocationId);
        return Ec2Input.object()
                .put("publicIp", address.publicIp)
                .put("allocationId", address.allocationId)
                .put("publicIpv4Pool", "amazon")
                .put("networkBorderGroup", sandbox.region())
                .put("domain", "vpc");
    }

    static JsonNode release(Ec2State state, ObjectNode input) {
        Ec2State.Address address = find(state, Ec2Input.required(input, "AllocationId"));
        if (address.associationId != null) {
            throw new AwsException("InvalidIPAddress.InUse", "Address " + address.allocationId + " is in use.");
        }
        state.addresses.remove(address.allocationId);
        state.tags.remove(address.allocationId);
        return Ec2Input.ok();
    }

    static JsonNode describe(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("AllocationId"));
        ids.forEach(id -> find(state, id));
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (Ec2State.Address address : state.addresses.values()) {
            if (!ids.isEmpty() && !ids.contains(address.allocationId)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "allocation-id", () -> List.of(address.allocationId),
                    "public-ip", () -> List.of(address.publicIp),
                    "domain", () -> List.of("vpc")))
                    || !Ec2Input.tagsMatch(input, Tags.of(state, address.allocationId))) {
                continue;
            }
            ObjectNode item = items.addObject();
            item.put("publicIp", address.publicIp);
            item.put("allocationId", address.allocationId);
            item.put("domain", "vpc");
            if (address.associationId != null) {
                item.put("associationId", address.associationId);
            }
            if (address.natGatewayId != null) {
                Ec2State.NatGateway nat = state.natGateways.get(address.natGatewayId);
                item.put("networkInterfaceId", nat.networkInterfaceId);
                item.put("privateIpAddress", nat.privateIp);
            }
            item.put("publicIpv4Pool", "amazon");
            item.put("networkBorderGroup", sandbox.region());
            Tags.addTagSet(item, state, address.allocationId);
        }
        ObjectNode out = Ec2Input.object();
        out.set("addressesSet", items);
        return out;
    }
}
