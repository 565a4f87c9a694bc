package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * EC2 as a student of ECS meets it: VPCs, subnets, gateways, route tables, security groups, VPC
 * endpoints, images, launch templates and instances. This class only dispatches: each kind of
 * resource has its own class. Input is the query form folded into a tree; output uses EC2's XML
 * element names.
 */
public class Ec2Service implements AwsService {
    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public Protocol protocol() {
        return Protocol.EC2;
    }

    @Override
    public Class<?> stateType() {
        return Ec2State.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        Ec2State state = Ec2Network.state(sandbox);
        return switch (operation) {
            case "CreateVpc" -> Vpcs.create(sandbox, state, input);
            case "DeleteVpc" -> Vpcs.delete(state, input);
            case "DescribeVpcs" -> Vpcs.describe(sandbox, state, input);
            case "ModifyVpcAttribute" -> Vpcs.modifyAttribute(state, input);
            case "DescribeVpcAttribute" -> Vpcs.describeAttribute(state, input);
            case "CreateSubnet" -> Subnets.create(sandbox, state, input);
            case "DeleteSubnet" -> Subnets.delete(state, input);
            case "DescribeSubnets" -> Subnets.describe(sandbox, state, input);
            case "ModifySubnetAttribute" -> Subnets.modifyAttribute(state, input);
            case "CreateInternetGateway" -> InternetGateways.create(sandbox, state, input);
            case "AttachInternetGateway" -> InternetGateways.attach(state, input);
            case "DetachInternetGateway" -> InternetGateways.detach(state, input);
            case "DeleteInternetGateway" -> InternetGateways.delete(state, input);
            case "DescribeInternetGateways" -> InternetGateways.describe(sandbox, state, input);
            case "CreateRouteTable" -> RouteTables.create(sandbox, state, input);
            case "DeleteRouteTable" -> RouteTables.delete(state, input);
            case "DescribeRouteTables" -> RouteTables.describe(sandbox, state, input);
            case "CreateRoute" -> RouteTables.createRoute(state, input);
            case "DeleteRoute" -> RouteTables.deleteRoute(state, input);
            case "AssociateRouteTable" -> RouteTables.associate(sandbox, state, input);
            case "DisassociateRouteTable" -> RouteTables.disassociate(state, input);
            case "AllocateAddress" -> Addresses.allocate(sandbox, state, input);
            case "ReleaseAddress" -> Addresses.release(state, input);
            case "DescribeAddresses" -> Addresses.describe(sandbox, state, input);
            case "CreateNatGateway" -> NatGateways.create(sandbox, state, input);
            case "DeleteNatGateway" -> NatGateways.delete(sandbox, state, input);
            case "DescribeNatGateways" -> NatGateways.describe(sandbox, state, input);
            case "DescribeSecurityGroups" -> SecurityGroups.describe(sandbox, state, input);
            case "CreateSecurityGroup" -> SecurityGroups.create(sandbox, state, input);
            case "DeleteSecurityGroup" -> SecurityGroups.delete(state, input);
            case "AuthorizeSecurityGroupIngress" -> SecurityGroups.authorize(state, input, false);
            case "AuthorizeSecurityGroupEgress" -> SecurityGroups.authorize(state, input, true);
            case "RevokeSecurityGroupIngress" -> SecurityGroups.revoke(state, input, false);
            case "RevokeSecurityGroupEgress" -> SecurityGroups.revoke(state, input, true);
            case "CreateVpcEndpoint" -> VpcEndpoints.create(sandbox, state, input);
            case "DeleteVpcEndpoints" -> VpcEndpoints.delete(state, input);
            case "DescribeVpcEndpoints" -> VpcEndpoints.describe(sandbox, state, input);
            case "DescribeImages" -> Images.describe(input);
            case "DescribeInstanceTypes" -> InstanceTypes.describe(input);
            case "CreateLaunchTemplate" -> LaunchTemplates.create(sandbox, state, input);
            case "CreateLaunchTemplateVersion" -> LaunchTemplates.createVersion(sandbox, state, input);
            case "ModifyLaunchTemplate" -> LaunchTemplates.modify(sandbox, state, input);
            case "DeleteLaunchTemplate" -> LaunchTemplates.delete(sandbox, state, input);
            case "DescribeLaunchTemplates" -> LaunchTemplates.describe(sandbox, state, input);
            case "DescribeLaunchTemplateVersions" -> LaunchTemplates.describeVersions(sandbox, state, input);
            case "RunInstances" -> Instances.run(sandbox, state, input);
            case "TerminateInstances" -> Instances.terminate(sandbox, state, input);
            case "DescribeInstances" -> Instances.describe(sandbox, state, input);
            case "CreateTags" -> Tags.createTags(state, input);
            case "DeleteTags" -> Tags.deleteTags(state, input);
            case "DescribeTags" -> Tags.describeTags(state, input);
            case "DescribeAvailabilityZones" -> describeAvailabilityZones(sandbox, input);
            default -> throw new AwsException("InvalidAction",
                    "The action " + operation + " is not valid for this web service.");
        };
    }

    @Override
    public boolean tick(Sandbox sandbox) {
        Ec2State state = sandbox.state(Ec2State.class);
        if (state.natGateways.isEmpty() && state.instances.isEmpty()) {
            return false;
        }
        long now = sandbox.now().getEpochSecond();
        boolean changed = NatGateways.tick(state, now);
        changed |= Instances.tick(state, now);
        return changed;
    }

    private JsonNode describeAvailabilityZones(Sandbox sandbox, ObjectNode input) {
        List<String> names = Ec2Input.strings(input.get("ZoneName"));
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (String zone : Ec2Network.availabilityZones(sandbox)) {
            String zoneId = Ec2Network.zoneId(sandbox.region(), zone);
            if (!names.isEmpty() && !names.contains(zone)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "zone-name", () -> List.of(zone),
                    "zone-id", () -> List.of(zoneId),
                    "region-name", () -> List.of(sandbox.region()),
                    "state", () -> List.of("available")))) {
                continue;
            }
            ObjectNode item = items.addObject();
            item.put("zoneName", zone);
            item.put("zoneId", zoneId);
            item.put("zoneState", "available");
            item.put("optInStatus", "opt-in-not-required");
            item.putArray("messageSet");
            item.put("regionName", sandbox.region());
            item.put("groupName", sandbox.region());
            item.put("networkBorderGroup", sandbox.region());
            item.put("zoneType", "availability-zone");
        }
        ObjectNode out = Ec2Input.object();
        out.set("availabilityZoneInfo", items);
        return out;
    }
}
