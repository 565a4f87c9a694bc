package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * VPC endpoints: Gateway endpoints (S3, DynamoDB) add a prefix-list route to route tables;
 * Interface endpoints put a network interface in each subnet. Both are available at once.
 */
final class VpcEndpoints {
    private VpcEndpoints() {
    }

    /** The AWS services reachable through endpoints here, by the last part of the service name. */
    private static final List<String> INTERFACE_SERVICES = List.of("ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm",
            "ssmmessages", "ec2messages", "ecs", "ecs-agent", "ecs-telemetry", "sts", "elasticfilesystem", "monitoring",
            "kms", "sqs", "sns");
    private static final List<String> GATEWAY_SERVICES = List.of("s3", "dynamodb");

    static JsonNode create(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.Vpc vpc = Vpcs.find(state, Ec2Input.required(input, "VpcId"));
        String serviceName = Ec2Input.required(input, "ServiceName");
        String type = Ec2Input.text(input, "VpcEndpointType");
        if (type == null) {
            type = "Gateway";
        }
        String prefix = "com.amazonaws." + sandbox.region() + ".";
        String service = serviceName.startsWith(prefix) ? serviceName.substring(prefix.length()) : null;
        boolean known = service != null && (type.equals("Gateway") ? GATEWAY_SERVICES : INTERFACE_SERVICES).contains(service)
                || service != null && type.equals("Interface") && service.equals("s3");
        if (!type.equals("Gateway") && !type.equals("Interface")) {
            throw new AwsException("InvalidParameter", "Endpoint type (" + type + ") does not match available service types ([Interface]).");
        }
        if (!known) {
            throw new AwsException("InvalidServiceName", "The Vpc Endpoint Service '" + serviceName + "' does not exist");
        }
        Ec2State.VpcEndpoint endpoint = new Ec2State.VpcEndpoint();
        endpoint.vpcEndpointId = Ec2Network.newResourceId(sandbox, "vpce");
        endpoint.vpcEndpointType = type;
        endpoint.vpcId = vpc.vpcId;
        endpoint.serviceName = serviceName;
        endpoint.state = "available";
        endpoint.createdAt = sandbox.now().getEpochSecond();
        endpoint.policyDocument = Ec2Input.text(input, "PolicyDocument");
        if (type.equals("Gateway")) {
            for (String tableId : Ec2Input.strings(input.get("RouteTableId"))) {
                Ec2State.RouteTable table = RouteTables.find(state, tableId);
                if (!table.vpcId.equals(vpc.vpcId)) {
                    throw new AwsException("InvalidRouteTableId.NotFound", "The routeTable ID '" + tableId + "' does not exist");
                }
                endpoint.routeTableIds.add(tableId);
                Ec2State.Route route = new Ec2State.Route();
                route.destinationPrefixListId = prefixList(sandbox, service);
                route.gatewayId = endpoint.vpcEndpointId;
                route.origin = "CreateRoute";
                table.routes.add(route);
            }
        } else {
            for (String subnetId : Ec2Input.strings(input.get("SubnetId"))) {
                Ec2State.Subnet subnet = Subnets.find(state, subnetId);
                if (!subnet.vpcId.equals(vpc.vpcId)) {
                    throw new AwsException("InvalidParameter", "The subnet " + subnetId + " does not belong to " + vpc.vpcId);
                }
                if (endpoint.subnetIds.stream().anyMatch(s -> state.subnets.get(s).availabilityZone.equals(subnet.availabilityZone))) {
                    throw new AwsException("DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the availability zone of " + subnetId);
                }
                endpoint.subnetIds.add(subnetId);
                endpoint.networkInterfaceIds.add(Ec2Network.newResourceId(sandbox, "eni"));
                Ec2Network.allocateAddress(sandbox, subnetId);
            }
            List<String> groups = Ec2Input.strings(input.get("SecurityGroupId"));
            for (String groupId : groups) {
                Ec2State.SecurityGroup group = state.securityGroups.get(groupId);
                if (group == null) {
                    throw new AwsException("InvalidSecurityGroupId.NotFound", "The security group '" + groupId + "' does not exist");
                }
            }
            endpoint.groupIds.addAll(groups.isEmpty() ? List.of(Ec2Network.defaultSecurityGroup(sandbox, vpc.vpcId).groupId) : groups);
            Boolean privateDns = Ec2Input.bool(input, "PrivateDnsEnabled");
            endpoint.privateDnsEnabled = privateDns == null || privateDns;
        }
        state.vpcEndpoints.put(endpoint.vpcEndpointId, endpoint);
        Tags.fromSpecifications(state, input, "vpc-endpoint", endpoint.vpcEndpointId);
        ObjectNode out = Ec2Input.object();
        out.set("vpcEndpoint", json(sandbox, state, endpoint));
        String token = Ec2Input.text(input, "ClientToken");
        if (token != null) {
            out.put("clientToken", token);
        }
        return out;
    }

    /** A stable prefix-list id per region and service, as EC2's managed prefix lists are. */
    private static String prefixList(Sandbox sandbox, String service) {
        return "pl-" + String.format("%08x", (sandbox.region() + service).hashCode());
    }

    static JsonNode delete(Ec2State state, ObjectNode input) {
        ArrayNode unsuccessful = Ec2Input.MAPPER.createArrayNode();
        for (String id : Ec2Input.strings(input.get("VpcEndpointId"))) {
            Ec2State.VpcEndpoint endpoint = state.vpcEndpoints.remove(id);
            if (endpoint == null) {
                ObjectNode item = unsuccessful.addObject().put("resourceId", id);
                item.putObject("error").put("code", "InvalidVpcEndpoint.NotFound")
                        .put("message", "The Vpc Endpoint Id '" + id + "' does not exist");
                continue;
            }
            state.tags.remove(id);
            for (Ec2State.RouteTable table : state.routeTables.values()) {
                table.routes.removeIf(r -> id.equals(r.gatewayId));
            }
        }
        ObjectNode out = Ec2Input.object();
        out.set("unsuccessful", unsuccessful);
        return out;
    }

    static JsonNode describe(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("VpcEndpointId"));
        for (String id : ids) {
            if (!state.vpcEndpoints.containsKey(id)) {
                throw new AwsException("InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '" + id + "' does not exist");
            }
        }
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (Ec2State.VpcEndpoint endpoint : state.vpcEndpoints.values()) {
            if (!ids.isEmpty() && !ids.contains(endpoint.vpcEndpointId)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "vpc-endpoint-id", () -> List.of(endpoint.vpcEndpointId),
                    "vpc-id", () -> List.of(endpoint.vpcId),
                    "service-name", () -> List.of(endpoint.serviceName),
                    "vpc-endpoint-type", () -> List.of(endpoint.vpcEndpointType),
                    "vpc-endpoint-state", () -> List.of(endpoint.state.toLowerCase())))
                    || !Ec2Input.tagsMatch(input, Tags.of(state, endpoint.vpcEndpointId))) {
                continue;
            }
            items.add(json(sandbox, state, endpoint));
        }
        ObjectNode out = Ec2Input.object();
        out.set("vpcEndpointSet", items);
        return out;
    }

    private static ObjectNode json(Sandbox sandbox, Ec2State state, Ec2State.VpcEndpoint endpoint) {
        ObjectNode item = Ec2Input.object();
        item.put("vpcEndpointId", endpoint.vpcEndpointId);
        item.put("vpcEndpointType", endpoint.vpcEndpointType);
        item.put("vpcId", endpoint.vpcId);
        item.put("serviceName", endpoint.serviceName);
        item.put("state", endpoint.state);
        item.put("policyDocument", endpoint.policyDocument != null ? endpoint.policyDocument
                : "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        item.set("routeTableIdSet", Ec2Input.stringItems(endpoint.routeTableIds));
        item.set("subnetIdSet", Ec2Input.stringItems(endpoint.subnetIds));
        ArrayNode groups = item.putArray("groupSet");
        for (String groupId : endpoint.groupIds) {
            Ec2State.SecurityGroup group = state.securityGroups.get(groupId);
            groups.addObject().put("groupId", groupId).put("groupName", group == null ? groupId : group.groupName);
        }
        item.put("privateDnsEnabled", endpoint.privateDnsEnabled);
        item.put("requesterManaged", false);
        item.set("networkInterfaceIdSet", Ec2Input.stringItems(endpoint.networkInterfaceIds));
        ArrayNode dns = item.putArray("dnsEntrySet");
        if (endpoint.vpcEndpointType.equals("Interface")) {
            String service = endpoint.serviceName.substring(endpoint.serviceName.lastIndexOf(sandbox.region()) + sandbox.region().length() + 1);
            dns.addObject().put("dnsName", endpoint.vpcEndpointId + "." + service + "." + sandbox.region() + ".vpce.amazonaws.com")
                    .put("hostedZoneId", "Z7HUB22UULQXV");
        }
        item.put("creationTimestamp", Ec2Input.iso(endpoint.createdAt));
        item.put("ownerId", sandbox.accountId());
        Tags.addTagSet(item, state, endpoint.vpcEndpointId);
        return item;
    }
}
