package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * The EC2 networking a student of ECS meets: the default VPC, its subnets and security groups.
 * Input is the query form folded into a tree; output uses EC2's XML element names.
 */
public class Ec2Service implements AwsService {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
            case "DescribeVpcs" -> describeVpcs(sandbox, state, input);
            case "DescribeSubnets" -> describeSubnets(sandbox, state, input);
            case "DescribeSecurityGroups" -> describeSecurityGroups(sandbox, state, input);
            case "CreateSecurityGroup" -> createSecurityGroup(sandbox, state, input);
            case "AuthorizeSecurityGroupIngress" -> authorizeIngress(state, input);
            case "DeleteSecurityGroup" -> deleteSecurityGroup(state, input);
            case "DescribeAvailabilityZones" -> describeAvailabilityZones(sandbox, input);
            default -> throw new AwsException("InvalidAction",
                    "The action " + operation + " is not valid for this web service.");
        };
    }

    private JsonNode describeVpcs(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = strings(input.get("VpcId"));
        for (String id : ids) {
            if (!state.vpcs.containsKey(id)) {
                throw new AwsException("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
            }
        }
        ArrayNode items = MAPPER.createArrayNode();
        for (Ec2State.Vpc vpc : state.vpcs.values()) {
            if (!ids.isEmpty() && !ids.contains(vpc.vpcId)) {
                continue;
            }
            if (!matches(input, Map.of(
                    "vpc-id", () -> List.of(vpc.vpcId),
                    "is-default", () -> List.of(String.valueOf(vpc.isDefault)),
                    "cidr", () -> List.of(vpc.cidrBlock),
                    "state", () -> List.of("available")))) {
                continue;
            }
            ObjectNode item = items.addObject();
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
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("vpcSet", items);
        return out;
    }

    private JsonNode describeSubnets(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = strings(input.get("SubnetId"));
        for (String id : ids) {
            if (!state.subnets.containsKey(id)) {
                throw new AwsException("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
            }
        }
        ArrayNode items = MAPPER.createArrayNode();
        for (Ec2State.Subnet subnet : state.subnets.values()) {
            if (!ids.isEmpty() && !ids.contains(subnet.subnetId)) {
                continue;
            }
            if (!matches(input, Map.of(
                    "subnet-id", () -> List.of(subnet.subnetId),
                    "vpc-id", () -> List.of(subnet.vpcId),
                    "availability-zone", () -> List.of(subnet.availabilityZone),
                    "availability-zone-id", () -> List.of(subnet.availabilityZoneId),
                    "default-for-az", () -> List.of(String.valueOf(subnet.defaultForAz)),
                    "cidr-block", () -> List.of(subnet.cidrBlock),
                    "state", () -> List.of("available")))) {
                continue;
            }
            ObjectNode item = items.addObject();
            item.put("subnetId", subnet.subnetId);
            item.put("subnetArn", "arn:aws:ec2:" + sandbox.region() + ":" + sandbox.accountId() + ":subnet/" + subnet.subnetId);
            item.put("state", "available");
            item.put("vpcId", subnet.vpcId);
            item.put("ownerId", sandbox.accountId());
            item.put("cidrBlock", subnet.cidrBlock);
            int usable = (1 << (32 - Integer.parseInt(subnet.cidrBlock.split("/")[1]))) - 5;
            item.put("availableIpAddressCount", usable - (state.nextHost.getOrDefault(subnet.subnetId, 4) - 4));
            item.put("availabilityZone", subnet.availabilityZone);
            item.put("availabilityZoneId", subnet.availabilityZoneId);
            item.put("defaultForAz", subnet.defaultForAz);
            item.put("mapPublicIpOnLaunch", subnet.defaultForAz);
            item.put("assignIpv6AddressOnCreation", false);
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("subnetSet", items);
        return out;
    }

    private JsonNode describeSecurityGroups(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = strings(input.get("GroupId"));
        List<String> names = strings(input.get("GroupName"));
        for (String id : ids) {
            if (!state.securityGroups.containsKey(id)) {
                throw new AwsException("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
            }
        }
        for (String name : names) {
            if (state.securityGroups.values().stream().noneMatch(group -> group.groupName.equals(name))) {
                throw new AwsException("InvalidGroup.NotFound",
                        "The security group '" + name + "' does not exist in default VPC '" + defaultVpc(state).vpcId + "'");
            }
        }
        ArrayNode items = MAPPER.createArrayNode();
        for (Ec2State.SecurityGroup group : state.securityGroups.values()) {
            if (!ids.isEmpty() && !ids.contains(group.groupId) || !names.isEmpty() && !names.contains(group.groupName)) {
                continue;
            }
            if (!matches(input, Map.of(
                    "group-id", () -> List.of(group.groupId),
                    "group-name", () -> List.of(group.groupName),
                    "vpc-id", () -> List.of(group.vpcId),
                    "description", () -> List.of(group.description)))) {
                continue;
            }
            items.add(groupJson(sandbox, group));
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("securityGroupInfo", items);
        return out;
    }

    private ObjectNode groupJson(Sandbox sandbox, Ec2State.SecurityGroup group) {
        ObjectNode item = MAPPER.createObjectNode();
        item.put("groupId", group.groupId);
        item.put("groupName", group.groupName);
        item.put("groupDescription", group.description);
        item.put("vpcId", group.vpcId);
        item.put("ownerId", sandbox.accountId());
        item.put("securityGroupArn", "arn:aws:ec2:" + sandbox.region() + ":" + sandbox.accountId()
                + ":security-group/" + group.groupId);
        item.set("ipPermissions", permissionsJson(sandbox, group.ingress));
        item.set("ipPermissionsEgress", permissionsJson(sandbox, group.egress));
        return item;
    }

    private ArrayNode permissionsJson(Sandbox sandbox, List<Ec2State.Rule> rules) {
        ArrayNode items = MAPPER.createArrayNode();
        for (Ec2State.Rule rule : rules) {
            ObjectNode item = items.addObject();
            item.put("ipProtocol", rule.ipProtocol);
            if (rule.fromPort != null) {
                item.put("fromPort", rule.fromPort);
                item.put("toPort", rule.toPort);
            }
            ArrayNode groups = item.putArray("groups");
            ArrayNode ranges = item.putArray("ipRanges");
            item.putArray("ipv6Ranges");
            item.putArray("prefixListIds");
            if (rule.sourceGroupId != null) {
                groups.addObject().put("userId", sandbox.accountId()).put("groupId", rule.sourceGroupId);
            }
            if (rule.cidrIp != null) {
                ranges.addObject().put("cidrIp", rule.cidrIp);
            }
        }
        return items;
    }

    private JsonNode createSecurityGroup(Sandbox sandbox, Ec2State state, ObjectNode input) {
        String name = text(input, "GroupName");
        String description = text(input, "GroupDescription");
        if (description == null) {
            description = text(input, "Description");
        }
        if (name == null) {
            throw new AwsException("MissingParameter", "The request must contain the parameter groupName");
        }
        if (description == null) {
            throw new AwsException("MissingParameter", "The request must contain the parameter groupDescription");
        }
        String vpcId = text(input, "VpcId");
        if (vpcId == null) {
            vpcId = defaultVpc(state).vpcId;
        } else if (!state.vpcs.containsKey(vpcId)) {
            throw new AwsException("InvalidVpcID.NotFound", "The vpc ID '" + vpcId + "' does not exist");
        }
        if (name.startsWith("sg-")) {
            throw new AwsException("InvalidParameterValue", "Group names may not be in the format sg-*.");
        }
        String vpc = vpcId;
        if (state.securityGroups.values().stream().anyMatch(g -> g.vpcId.equals(vpc) && g.groupName.equals(name))) {
            throw new AwsException("InvalidGroup.Duplicate",
                    "The security group '" + name + "' already exists for VPC '" + vpcId + "'");
        }
        Ec2State.SecurityGroup group = Ec2Network.newGroup(sandbox, state, name, description, vpcId);
        ObjectNode out = MAPPER.createObjectNode();
        out.put("groupId", group.groupId);
        out.put("securityGroupArn", "arn:aws:ec2:" + sandbox.region() + ":" + sandbox.accountId()
                + ":security-group/" + group.groupId);
        return out;
    }

    private JsonNode authorizeIngress(Ec2State state, ObjectNode input) {
        Ec2State.SecurityGroup group = findGroup(state, input);
        List<Ec2State.Rule> added = new ArrayList<>();
        if (input.hasNonNull("IpPermissions")) {
            for (JsonNode permission : list(input.get("IpPermissions"))) {
                String protocol = text(permission, "IpProtocol");
                Integer from = integer(permission, "FromPort");
                Integer to = integer(permission, "ToPort");
                for (JsonNode range : list(permission.get("IpRanges"))) {
                    added.add(rule(state, protocol, from, to, text(range, "CidrIp"), null));
                }
                JsonNode pairs = permission.has("Groups") ? permission.get("Groups") : permission.get("UserIdGroupPairs");
                for (JsonNode pair : list(pairs)) {
                    added.add(rule(state, protocol, from, to, null, text(pair, "GroupId")));
                }
            }
        } else {
            added.add(rule(state, text(input, "IpProtocol"), integer(input, "FromPort"), integer(input, "ToPort"),
                    text(input, "CidrIp"), null));
        }
        for (Ec2State.Rule rule : added) {
            if (rule.sourceGroupId != null && !state.securityGroups.containsKey(rule.sourceGroupId)) {
                throw new AwsException("InvalidGroup.NotFound",
                        "The security group '" + rule.sourceGroupId + "' does not exist");
            }
            for (Ec2State.Rule existing : group.ingress) {
                if (same(existing, rule)) {
                    throw new AwsException("InvalidPermission.Duplicate", "the specified rule \"peer: "
                            + (rule.cidrIp != null ? rule.cidrIp : rule.sourceGroupId) + ", "
                            + protocolName(rule.ipProtocol) + ", from port: " + rule.fromPort + ", to port: "
                            + rule.toPort + ", ALLOW\" already exists");
                }
            }
        }
        group.ingress.addAll(added);
        ObjectNode out = MAPPER.createObjectNode();
        out.put("return", true);
        ArrayNode rules = out.putArray("securityGroupRuleSet");
        for (Ec2State.Rule rule : added) {
            ObjectNode item = rules.addObject();
            item.put("securityGroupRuleId", rule.ruleId);
            item.put("groupId", group.groupId);
            item.put("isEgress", false);
            item.put("ipProtocol", rule.ipProtocol);
            if (rule.fromPort != null) {
                item.put("fromPort", rule.fromPort);
                item.put("toPort", rule.toPort);
            }
            if (rule.cidrIp != null) {
                item.put("cidrIpv4", rule.cidrIp);
            }
            if (rule.sourceGroupId != null) {
                item.putObject("referencedGroupInfo").put("groupId", rule.sourceGroupId);
            }
        }
        return out;
    }

    private static String protocolName(String protocol) {
        return switch (protocol) {
            case "tcp", "6" -> "TCP";
            case "udp", "17" -> "UDP";
            case "-1" -> "ALL";
            default -> protocol.toUpperCase();
        };
    }

    private static boolean same(Ec2State.Rule a, Ec2State.Rule b) {
        return a.ipProtocol.equals(b.ipProtocol) && Objects.equals(a.fromPort, b.fromPort)
                && Objects.equals(a.toPort, b.toPort) && Objects.equals(a.cidrIp, b.cidrIp)
                && Objects.equals(a.sourceGroupId, b.sourceGroupId);
    }

    private Ec2State.Rule rule(Ec2State state, String protocol, Integer from, Integer to, String cidr, String source) {
        if (protocol == null) {
            throw new AwsException("MissingParameter", "The request must contain the parameter ipProtocol");
        }
        Ec2State.Rule rule = new Ec2State.Rule();
        rule.ruleId = "sgr-" + String.format("%017x", ++state.ruleCounter);
        rule.ipProtocol = protocol.toLowerCase();
        if (!rule.ipProtocol.equals("-1")) {
            rule.fromPort = from;
            rule.toPort = to;
        }
        rule.cidrIp = cidr;
        rule.sourceGroupId = source;
        return rule;
    }

    private JsonNode deleteSecurityGroup(Ec2State state, ObjectNode input) {
        Ec2State.SecurityGroup group = findGroup(state, input);
        if (group.groupName.equals("default")) {
            throw new AwsException("CannotDelete",
                    "the specified group: \"" + group.groupId + "\" name: \"default\" cannot be deleted by a user");
        }
        for (Ec2State.SecurityGroup other : state.securityGroups.values()) {
            if (other != group && other.ingress.stream().anyMatch(r -> group.groupId.equals(r.sourceGroupId))) {
                throw new AwsException("DependencyViolation", "resource " + group.groupId + " has a dependent object");
            }
        }
        state.securityGroups.remove(group.groupId);
        ObjectNode out = MAPPER.createObjectNode();
        out.put("return", true);
        out.put("groupId", group.groupId);
        return out;
    }

    private Ec2State.SecurityGroup findGroup(Ec2State state, ObjectNode input) {
        String id = text(input, "GroupId");
        String name = text(input, "GroupName");
        if (id != null) {
            Ec2State.SecurityGroup group = state.securityGroups.get(id);
            if (group == null) {
                throw new AwsException("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
            }
            return group;
        }
        if (name != null) {
            String vpcId = defaultVpc(state).vpcId;
            return state.securityGroups.values().stream()
                    .filter(group -> group.groupName.equals(name) && group.vpcId.equals(vpcId))
                    .findFirst()
                    .orElseThrow(() -> new AwsException("InvalidGroup.NotFound",
                            "The security group '" + name + "' does not exist in default VPC '" + vpcId + "'"));
        }
        throw new AwsException("MissingParameter", "The request must contain the parameter groupName or groupId");
    }

    private JsonNode describeAvailabilityZones(Sandbox sandbox, ObjectNode input) {
        List<String> names = strings(input.get("ZoneName"));
        ArrayNode items = MAPPER.createArrayNode();
        for (String zone : Ec2Network.availabilityZones(sandbox)) {
            String zoneId = Ec2Network.zoneId(sandbox.region(), zone);
            if (!names.isEmpty() && !names.contains(zone)) {
                continue;
            }
            if (!matches(input, Map.of(
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
        ObjectNode out = MAPPER.createObjectNode();
        out.set("availabilityZoneInfo", items);
        return out;
    }

    private static Ec2State.Vpc defaultVpc(Ec2State state) {
        return state.vpcs.values().stream().filter(vpc -> vpc.isDefault).findFirst().orElseThrow();
    }

    /** Whether a resource passes every {@code Filter.N} of the request; unknown filter names match nothing. */
    private static boolean matches(ObjectNode input, Map<String, Supplier<List<String>>> fields) {
        for (JsonNode filter : list(input.get("Filter"))) {
            String name = text(filter, "Name");
            Supplier<List<String>> field = fields.get(name);
            if (field == null) {
                throw new AwsException("InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
            List<String> wanted = strings(filter.get("Value"));
            List<String> actual = field.get();
            if (wanted.stream().noneMatch(value -> actual.stream().anyMatch(a -> glob(value, a)))) {
                return false;
            }
        }
        return true;
    }

    /** EC2 filter values accept * and ? wildcards. */
    private static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(regex.toString());
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (node.isObject() && node.fieldNames().hasNext() && isIndexed(node)) {
            // An unfolded {"1": .., "2": ..} form, in case a caller sends one.
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        return items;
    }

    private static boolean isIndexed(JsonNode node) {
        return node.fieldNames().next().chars().allMatch(Character::isDigit);
    }

    private static List<String> strings(JsonNode node) {
        return list(node).stream().map(JsonNode::asText).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new AwsException("InvalidParameterValue", "Invalid value '" + value + "' for " + field);
        }
    }
}
