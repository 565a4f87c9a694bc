package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** CreateVpc, DeleteVpc, DescribeVpcs, ModifyVpcAttribute, DescribeVpcAttribute. */
final class Vpcs {
    private Vpcs() {
    }

    static Ec2State.Vpc find(Ec2State state, String vpcId) {
        Ec2State.Vpc vpc = vpcId == null ? null : state.vpcs.get(vpcId);
        if (vpc == null) {
            throw new AwsException("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
        }
        return vpc;
    }

    static JsonNode create(Sandbox sandbox, Ec2State state, ObjectNode input) {
        String cidrText = Ec2Input.required(input, "CidrBlock");
        Cidr cidr = Cidr.parse(cidrText, "InvalidVpc.Range");
        if (cidr.prefix() < 16 || cidr.prefix() > 28) {
            throw new AwsException("InvalidVpc.Range", "The CIDR '" + cidrText + "' is invalid.");
        }
        String tenancy = Ec2Input.text(input, "InstanceTenancy");
        if (tenancy != null && !List.of("default", "dedicated", "host").contains(tenancy)) {
            throw new AwsException("InvalidParameterValue", "Value (" + tenancy + ") for parameter instanceTenancy is invalid.");
        }
        Ec2State.Vpc vpc = Ec2Network.createVpc(sandbox, state, cidr.toString(), false);
        Tags.fromSpecifications(state, input, "vpc", vpc.vpcId);
        ObjectNode out = Ec2Input.object();
        ObjectNode item = json(sandbox, state, vpc);
        // A new VPC is pending for an instant; the create response says so.
        item.put("state", "pending");
        out.set("vpc", item);
        return out;
    }

    static JsonNode delete(Ec2State state, ObjectNode input) {
        Ec2State.Vpc vpc = find(state, Ec2Input.required(input, "VpcId"));
        String id = vpc.vpcId;
        boolean dependent = state.subnets.values().stream().anyMatch(s -> s.vpcId.equals(id))
                || state.internetGateways.values().stream().anyMatch(g -> id.equals(g.vpcId))
                || state.routeTables.values().stream().anyMatch(t -> t.vpcId.equals(id) && !t.main)
                || state.securityGroups.values().stream().anyMatch(g -> g.vpcId.equals(id) && !g.groupName.equals("default"))
                || state.natGateways.values().stream().anyMatch(n -> id.equals(n.vpcId) && !"deleted".equals(n.state))
                || state.vpcEndpoints.values().stream().anyMatch(e -> e.vpcId.equals(id))
                || state.instances.values().stream().anyMatch(i -> id.equals(i.vpcId) && !"terminated".equals(i.state));
        if (dependent) {
            throw new AwsException("DependencyViolation", "The vpc '" + id + "' has dependencies and cannot be deleted.");
        }
        state.routeTables.values().removeIf(t -> t.vpcId.equals(id));
        state.securityGroups.values().removeIf(g -> g.vpcId.equals(id));
        state.vpcs.remove(id);
        state.tags.remove(id);
        return Ec2Input.ok();
    }

    static JsonNode describe(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("VpcId"));
        ids.forEach(id -> find(state, id));
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (Ec2State.Vpc vpc : state.vpcs.values()) {
            if (!ids.isEmpty() && !ids.contains(vpc.vpcId)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "vpc-id", () -> List.of(vpc.vpcId),
                    "is-default", () -> List.of(String.valueOf(vpc.isDefault)),
                    "cidr", () -> List.of(vpc.cidrBlock),
                    "cidr-block-association.cidr-block", () -> List.of(vpc.cidrBlock),
                    "owner-id", () -> List.of(sandbox.accountId()),
                    "state", () -> List.of("available")))
                    || !Ec2Input.tagsMatch(input, Tags.of(state, vpc.vpcId))) {
                continue;
            }
            items.add(json(sandbox, state, vpc));
        }
        ObjectNode out = Ec2Input.object();
        out.set("vpcSet", items);
        return out;
    }

    private static ObjectNode json(Sandbox sandbox, Ec2State state, Ec2State.Vpc vpc) {
        ObjectNode item = Ec2Input.object();
        item.put("vpcId", vpc.vpcId);
        item.put("ownerId", sandbox.accountId());
        item.put("state", "available");
        item.put("cidrBlock", vpc.cidrBlock);
        item.put("dhcpOptionsId", "dopt-" + vpc.vpcId.substring(4));
        item.put("instanceTenancy", "default");
        item.put("isDefault", vpc.isDefault);
        ObjectNode association = item.putArray("cidrBlockAssociationSet").addObject();
        association.put("associationId", "vpc-cidr-assoc-" + vpc.vpcId.substring(4));
        association.put("cidrBlock", vpc.cidrBlock);
        association.putObject("cidrBlockState").put("state", "associated");
        Tags.addTagSet(item, state, vpc.vpcId);
        return item;
    }

    static JsonNode modifyAttribute(Ec2State state, ObjectNode input) {
        Ec2State.Vpc vpc = find(state, Ec2Input.required(input, "VpcId"));
        Boolean hostnames = Ec2Input.attributeValue(input, "EnableDnsHostnames");
        Boolean support = Ec2Input.attributeValue(input, "EnableDnsSupport");
        if (hostnames == null && support == null) {
            throw new AwsException("InvalidParameterCombination", "No attributes specified.");
        }
        if (hostnames != null && support != null) {
            throw new AwsException("InvalidParameterCombination", "Only one attribute can be modified at a time.");
        }
        if (hostnames != null) {
            vpc.enableDnsHostnames = hostnames;
        } else {
            vpc.enableDnsSupport = support;
        }
        return Ec2Input.ok();
    }

    static JsonNode describeAttribute(Ec2State state, ObjectNode input) {
        Ec2State.Vpc vpc = find(state, Ec2Input.required(input, "VpcId"));
        String attribute = Ec2Input.required(input, "Attribute");
        ObjectNode out = Ec2Input.object().put("vpcId", vpc.vpcId);
        switch (attribute) {
            case "enableDnsHostnames" -> out.putObject("enableDnsHostnames").put("value", vpc.enableDnsHostnames);
            case "enableDnsSupport" -> out.putObject("enableDnsSupport").put("value", vpc.enableDnsSupport);
            default -> throw new AwsException("InvalidParameterValue",
                    "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
        }
        return out;
    }
}
