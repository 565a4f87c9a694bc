package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** Route tables, their routes and subnet associations. */
final class RouteTables {
    private RouteTables() {
    }

    static Ec2State.RouteTable find(Ec2State state, String id) {
        Ec2State.RouteTable table = id == null ? null : state.routeTables.get(id);
        if (table == null) {
            throw new AwsException("InvalidRouteTableID.NotFound", "The routeTable ID '" + id + "' does not exist");
        }
        return table;
    }

    static JsonNode create(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.Vpc vpc = Vpcs.find(state, Ec2Input.required(input, "VpcId"));
        Ec2State.RouteTable table = Ec2Network.newRouteTable(sandbox, state, vpc, false);
        Tags.fromSpecifications(state, input, "route-table", table.routeTableId);
        ObjectNode out = Ec2Input.object();
        out.set("routeTable", json(sandbox, state, table));
        return out;
    }

    static JsonNode delete(Ec2State state, ObjectNode input) {
        Ec2State.RouteTable table = find(state, Ec2Input.required(input, "RouteTableId"));
        if (table.main || !table.associations.isEmpty()) {
            throw new AwsException("DependencyViolation",
                    "The routeTable '" + table.routeTableId + "' has dependencies and cannot be deleted.");
        }
        state.routeTables.remove(table.routeTableId);
        state.tags.remove(table.routeTableId);
        state.vpcEndpoints.values().forEach(e -> e.routeTableIds.remove(table.routeTableId));
        return Ec2Input.object();
    }

    static JsonNode createRoute(Ec2State state, ObjectNode input) {
        Ec2State.RouteTable table = find(state, Ec2Input.required(input, "RouteTableId"));
        String destination = Ec2Input.text(input, "DestinationCidrBlock");
        if (destination == null) {
            throw new AwsException("MissingParameter", "The request must contain the parameter destinationCidrBlock");
        }
        String cidr = Cidr.parse(destination, "InvalidParameterValue").toString();
        String gatewayId = Ec2Input.text(input, "GatewayId");
        String natId = Ec2Input.text(input, "NatGatewayId");
        if ((gatewayId == null) == (natId == null)) {
            throw new AwsException("InvalidParameterCombination",
                    "The request must contain exactly one of gatewayId, natGatewayId");
        }
        if (gatewayId != null) {
            Ec2State.InternetGateway gateway = state.internetGateways.get(gatewayId);
            if (gateway == null) {
                throw new AwsException("InvalidGatewayID.NotFound", "The gateway ID '" + gatewayId + "' does not exist");
            }
            if (!table.vpcId.equals(gateway.vpcId)) {
                throw new AwsException("InvalidParameterValue", "route table " + table.routeTableId
                        + " and network gateway " + gatewayId + " belong to different networks");
            }
        } else {
            Ec2State.NatGateway nat = state.natGateways.get(natId);
            if (nat == null || "deleted".equals(nat.state)) {
                throw new AwsException("InvalidNatGatewayID.NotFound", "The natGateway ID '" + natId + "' does not exist");
            }
            if (!table.vpcId.equals(nat.vpcId)) {
                throw new AwsException("InvalidParameterValue", "route table " + table.routeTableId
                        + " and network gateway " + natId + " belong to different networks");
            }
        }
        if (table.routes.stream().anyMatch(r -> cidr.equals(r.destinationCidrBlock))) {
            throw new AwsException("RouteAlreadyExists", "The route identified by " + destination + " already exists.");
        }
        Ec2State.Route route = new Ec2State.Route();
        route.destinationCidrBlock = cidr;
        route.gatewayId = gatewayId;
        route.natGatewayId = natId;
        route.origin = "CreateRoute";
        table.routes.add(route);
        return Ec2Input.ok();
    }

    static JsonNode deleteRoute(Ec2State state, ObjectNode input) {
        Ec2State.RouteTable table = find(state, Ec2Input.required(input, "RouteTableId"));
        String destination = Ec2Input.text(input, "DestinationCidrBlock");
        String cidr = destination == null ? null : Cidr.parse(destination, "InvalidParameterValue").toString();
        Ec2State.Route route = table.routes.stream().filter(r -> Objects.equals(cidr, r.destinationCidrBlock))
                .findFirst().orElseThrow(() -> new AwsException("InvalidRoute.NotFound",
                        "no route with destination-cidr-block " + destination + " in route table " + table.routeTableId));
        if ("local".equals(route.gatewayId)) {
            throw new AwsException("InvalidParameterValue",
                    "cannot remove local route " + destination + " in route table " + table.routeTableId);
        }
        table.routes.remove(route);
        return Ec2Input.object();
    }

    static JsonNode associate(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.RouteTable table = find(state, Ec2Input.required(input, "RouteTableId"));
        Ec2State.Subnet subnet = Subnets.find(state, Ec2Input.required(input, "SubnetId"));
        if (!subnet.vpcId.equals(table.vpcId)) {
            throw new AwsException("InvalidParameterValue", "route table " + table.routeTableId
                    + " and subnet " + subnet.subnetId + " belong to different networks");
        }
        for (Ec2State.RouteTable other : state.routeTables.values()) {
            if (other.associations.stream().anyMatch(a -> subnet.subnetId.equals(a.subnetId))) {
                throw new AwsException("Resource.AlreadyAssociated", "the specified association for route table "
                        + table.routeTableId + " conflicts with an existing association");
            }
        }
        Ec2State.Association association = new Ec2State.Association();
        association.associationId = Ec2Network.newResourceId(sandbox, "rtbassoc");
        association.subnetId = subnet.subnetId;
        table.associations.add(association);
        ObjectNode out = Ec2Input.object().put("associationId", association.associationId);
        out.putObject("associationState").put("state", "associated");
        return out;
    }

    static JsonNode disassociate(Ec2State state, ObjectNode input) {
        String id = Ec2Input.required(input, "AssociationId");
        for (Ec2State.RouteTable table : state.routeTables.values()) {
            if (id.equals(table.mainAssociationId)) {
                throw new AwsException("InvalidParameterValue", "cannot disassociate the main route table association " + id);
            }
            if (table.associations.removeIf(a -> a.associationId.equals(id))) {
                return Ec2Input.object();
            }
        }
        throw new AwsException("InvalidAssociationID.NotFound", "The association ID '" + id + "' does not exist");
    }

    static JsonNode describe(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("RouteTableId"));
        ids.forEach(id -> find(state, id));
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (Ec2State.RouteTable table : state.routeTables.values()) {
            if (!ids.isEmpty() && !ids.contains(table.routeTableId)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "route-table-id", () -> List.of(table.routeTableId),
                    "vpc-id", () -> List.of(table.vpcId),
                    "association.main", () -> List.of(String.valueOf(table.main)),
                    "association.subnet-id", () -> table.associations.stream().map(a -> a.subnetId).toList(),
                    "association.route-table-association-id", () -> associationIds(table),
                    "route.gateway-id", () -> table.routes.stream().map(r -> r.gatewayId).filter(Objects::nonNull).toList(),
                    "route.nat-gateway-id", () -> table.routes.stream().map(r -> r.natGatewayId).filter(Objects::nonNull).toList(),
                    "route.destination-cidr-block", () -> table.routes.stream().map(r -> r.destinationCidrBlock)
                            .filter(Objects::nonNull).toList()))
                    || !Ec2Input.tagsMatch(input, Tags.of(state, table.routeTableId))) {
                continue;
            }
            items.add(json(sandbox, state, table));
        }
        ObjectNode out = Ec2Input.object();
        out.set("routeTableSet", items);
        return out;
    }

    private static List<String> associationIds(Ec2State.RouteTable table) {
        List<String> ids = new ArrayList<>(table.associations.stream().map(a -> a.associationId).toList());
        if (table.mainAssociationId != null) {
            ids.add(table.mainAssociationId);
        }
        return ids;
    }

    private static ObjectNode json(Sandbox sandbox, Ec2State state, Ec2State.RouteTable table) {
        ObjectNode item = Ec2Input.object();
        item.put("routeTableId", table.routeTableId);
        item.put("vpcId", table.vpcId);
        item.put("ownerId", sandbox.accountId());
        ArrayNode routes = item.putArray("routeSet");
        for (Ec2State.Route route : table.routes) {
            ObjectNode r = routes.addObject();
            if (route.destinationCidrBlock != null) {
                r.put("destinationCidrBlock", route.destinationCidrBlock);
            }
            if (route.destinationPrefixListId != null) {
                r.put("destinationPrefixListId", route.destinationPrefixListId);
            }
            if (route.gatewayId != null) {
                r.put("gatewayId", route.gatewayId);
            }
            if (route.natGatewayId != null) {
                r.put("natGatewayId", route.natGatewayId);
            }
            r.put("state", Ec2Network.routeActive(state, route) ? "active" : "blackhole");
            r.put("origin", route.origin);
        }
        ArrayNode associations = item.putArray("associationSet");
        if (table.main) {
            ObjectNode main = associations.addObject();
            main.put("main", true);
            main.put("routeTableAssociationId", table.mainAssociationId);
            main.put("routeTableId", table.routeTableId);
            main.putObject("associationState").put("state", "associated");
        }
        for (Ec2State.Association association : table.associations) {
            ObjectNode a = associations.addObject();
            a.put("main", false);
            a.put("routeTableAssociationId", association.associationId);
            a.put("routeTableId", table.routeTableId);
            a.put("subnetId", association.subnetId);
            a.putObject("associationState").put("state", "associated");
        }
        item.putArray("propagatingVgwSet");
        Tags.addTagSet(item, state, table.routeTableId);
        return item;
    }
}
