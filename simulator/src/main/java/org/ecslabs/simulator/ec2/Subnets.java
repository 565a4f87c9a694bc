package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** CreateSubnet, DeleteSubnet, DescribeSubnets, ModifySubnetAttribute. */
final class Subnets {
    private Subnets() {
    }

    static Ec2State.Subnet find(Ec2State state, String subnetId) {
        Ec2State.Subnet subnet = subnetId == null ? null : state.subnets.get(subnetId);
        if (subnet == null) {
            throw new AwsException("InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist");
        }
        return subnet;
    }

    static JsonNode create(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.Vpc vpc = Vpcs.find(state, Ec2Input.required(input, "VpcId"));
        String cidrText = Ec2Input.required(input, "CidrBlock");
        Cidr cidr = Cidr.parse(cidrText, "InvalidSubnet.Range");
        if (cidr.prefix() < 16 || cidr.prefix() > 28 || !Cidr.parse(vpc.cidrBlock, "InvalidSubnet.Range").contains(cidr)) {
            throw new AwsException("InvalidSubnet.Range", "The CIDR '" + cidrText + "' is invalid.");
        }
        for (Ec2State.Subnet other : state.subnets.values()) {
            if (other.vpcId.equals(vpc.vpcId) && Cidr.parse(other.cidrBlock, "InvalidSubnet.Range").overlaps(cidr)) {
                throw new AwsException("InvalidSubnet.Conflict", "The CIDR '" + cidrText + "' conflicts with another subnet");
            }
        }
        List<String> zones = Ec2Network.availabilityZones(sandbox);
        String zone = Ec2Input.text(input, "AvailabilityZone");
        String zoneId = Ec2Input.text(input, "AvailabilityZoneId");
        if (zone == null && zoneId != null) {
            zone = zones.stream().filter(z -> Ec2Network.zoneId(sandbox.region(), z).equals(zoneId)).findFirst()
                    .orElseThrow(() -> new AwsException("InvalidParameterValue",
                            "Value (" + zoneId + ") for parameter availabilityZoneId is invalid. Subnets can currently only be created in the following availability zones: "
                            + String.join(", ", zones.stream().map(z -> Ec2Network.zoneId(sandbox.region(), z)).toList()) + "."));
        }
        if (zone == null) {
            long inVpc = state.subnets.values().stream().filter(s -> s.vpcId.equals(vpc.vpcId)).count();
            zone = zones.get((int) (inVpc % zones.size()));
        }
        if (!zones.contains(zone)) {
            throw new AwsException("InvalidParameterValue", "Value (" + zone + ") for parameter availabilityZone is invalid. "
                    + "Subnets can currently only be created in the following availability zones: " + String.join(", ", zones) + ".");
        }
        Ec2State.Subnet subnet = new Ec2State.Subnet();
        subnet.subnetId = Ec2Network.newResourceId(sandbox, "subnet");
        subnet.vpcId = vpc.vpcId;
        subnet.cidrBlock = cidr.toString();
        subnet.availabilityZone = zone;
        subnet.availabilityZoneId = Ec2Network.zoneId(sandbox.region(), zone);
        state.subnets.put(subnet.subnetId, subnet);
        Tags.fromSpecifications(state, input, "subnet", subnet.subnetId);
        ObjectNode out = Ec2Input.object();
        out.set("subnet", json(sandbox, state, subnet));
        return out;
    }

    static JsonNode delete(Ec2State state, ObjectNode input) {
        Ec2State.Subnet subnet = find(state, Ec2Input.required(input, "SubnetId"));
        String id = subnet.subnetId;
        boolean dependent = state.instances.values().stream().anyMatch(i -> id.equals(i.subnetId) && !"terminated".equals(i.state))
                || state.natGateways.values().stream().anyMatch(n -> id.equals(n.subnetId) && !"deleted".equals(n.state))
                || state.vpcEndpoints.values().stream().anyMatch(e -> e.subnetIds.contains(id));
        if (dependent) {
            throw new AwsException("DependencyViolation", "The subnet '" + id + "' has dependencies and cannot be deleted.");
        }
        for (Ec2State.RouteTable table : state.routeTables.values()) {
            table.associations.removeIf(a -> id.equals(a.subnetId));
        }
        state.subnets.remove(id);
        state.tags.remove(id);
        return Ec2Input.ok();
    }

    static JsonNode describe(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("SubnetId"));
        ids.forEach(id -> find(state, id));
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (Ec2State.Subnet subnet : state.subnets.values()) {
            if (!ids.isEmpty() && !ids.contains(subnet.subnetId)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "subnet-id", () -> List.of(subnet.subnetId),
                    "vpc-id", () -> List.of(subnet.vpcId),
                    "availability-zone", () -> List.of(subnet.availabilityZone),
                    "availability-zone-id", () -> List.of(subnet.availabilityZoneId),
                    "default-for-az", () -> List.of(String.valueOf(subnet.defaultForAz)),
                    "map-public-ip-on-launch", () -> List.of(String.valueOf(subnet.mapsPublicIp())),
                    "cidr-block", () -> List.of(subnet.cidrBlock),
                    "state", () -> List.of("available")))
                    || !Ec2Input.tagsMatch(input, Tags.of(state, subnet.subnetId))) {
                continue;
            }
            items.add(json(sandbox, state, subnet));
        }
        ObjectNode out = Ec2Input.object();
        out.set("subnetSet", items);
        return out;
    }

    private static ObjectNode json(Sandbox sandbox, Ec2State state, Ec2State.Subnet subnet) {
        ObjectNode item = Ec2Input.object();
        item.put("subnetId", subnet.subnetId);
        item.put("subnetArn", sandbox.arn("ec2", "subnet/" + subnet.subnetId));
        item.put("state", "available");
        item.put("vpcId", subnet.vpcId);
        item.put("ownerId", sandbox.accountId());
        item.put("cidrBlock", subnet.cidrBlock);
        int usable = (1 << (32 - Integer.parseInt(subnet.cidrBlock.split("/")[1]))) - 5;
        item.put("availableIpAddressCount", usable - (state.nextHost.getOrDefault(subnet.subnetId, 4) - 4));
        item.put("availabilityZone", subnet.availabilityZone);
        item.put("availabilityZoneId", subnet.availabilityZoneId);
        item.put("defaultForAz", subnet.defaultForAz);
        item.put("mapPublicIpOnLaunch", subnet.mapsPublicIp());
        item.put("assignIpv6AddressOnCreation", false);
        Tags.addTagSet(item, state, subnet.subnetId);
        return item;
    }

    static JsonNode modifyAttribute(Ec2State state, ObjectNode input) {
        Ec2State.Subnet subnet = find(state, Ec2Input.required(input, "SubnetId"));
        Boolean mapPublic = Ec2Input.attributeValue(input, "MapPublicIpOnLaunch");
        if (mapPublic == null) {
            throw new AwsException("InvalidParameterCombination", "No attributes specified.");
        }
        subnet.mapPublicIpOnLaunch = mapPublic;
        return Ec2Input.object().put("return", true);
    }
}
