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

/** Security groups and their ingress and egress rules (by CIDR or by group reference). */
final class SecurityGroups {
    private SecurityGroups() {
    }

    static JsonNode describe(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("GroupId"));
        List<String> names = Ec2Input.strings(input.get("GroupName"));
        for (String id : ids) {
            if (!state.securityGroups.containsKey(id)) {
                throw new AwsException("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
            }
        }
        for (String name : names) {
            if (state.securityGroups.values().stream().noneMatch(group -> group.groupName.equals(name))) {
                throw new AwsException("InvalidGroup.NotFound",
                        "The security group '" + name + "' does not exist in default VPC '" + Ec2Network.defaultVpc(state).vpcId + "'");
            }
        }
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (Ec2State.SecurityGroup group : state.securityGroups.values()) {
            if (!ids.isEmpty() && !ids.contains(group.groupId) || !names.isEmpty() && !names.contains(group.groupName)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "group-id", () -> List.of(group.groupId),
                    "group-name", () -> List.of(group.groupName),
                    "vpc-id", () -> List.of(group.vpcId),
                    "description", () -> List.of(group.description)))
                    || !Ec2Input.tagsMatch(input, Tags.of(state, group.groupId))) {
                continue;
            }
            items.add(json(sandbox, state, group));
        }
        ObjectNode out = Ec2Input.object();
        out.set("securityGroupInfo", items);
        return out;
    }

    private static ObjectNode json(Sandbox sandbox, Ec2State state, Ec2State.SecurityGroup group) {
        ObjectNode item = Ec2Input.object();
        item.put("groupId", group.groupId);
        item.put("groupName", group.groupName);
        item.put("groupDescription", group.description);
        item.put("vpcId", group.vpcId);
        item.put("ownerId", sandbox.accountId());
        item.put("securityGroupArn", sandbox.arn("ec2", "security-group/" + group.groupId));
        item.set("ipPermissions", permissionsJson(sandbox, group.ingress));
        item.set("ipPermissionsEgress", permissionsJson(sandbox, group.egress));
        Tags.addTagSet(item, state, group.groupId);
        return item;
    }

    private static ArrayNode permissionsJson(Sandbox sandbox, List<Ec2State.Rule> rules) {
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
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
                ObjectNode pair = groups.addObject().put("userId", sandbox.accountId()).put("groupId", rule.sourceGroupId);
                if (rule.description != null) {
                    pair.put("description", rule.description);
                }
            }
            if (rule.cidrIp != null) {
                ObjectNode range = ranges.addObject().put("cidrIp", rule.cidrIp);
                if (rule.description != null) {
                    range.put("description", rule.description);
                }
            }
        }
        return items;
    }

    static JsonNode create(Sandbox sandbox, Ec2State state, ObjectNode input) {
        String name = Ec2Input.text(input, "GroupName");
        String description = Ec2Input.text(input, "GroupDescription");
        if (description == null) {
            description = Ec2Input.text(input, "Description");
        }
        if (name == null) {
            throw new AwsException("MissingParameter", "The request must contain the parameter groupName");
        }
        if (description == null) {
            throw new AwsException("MissingParameter", "The request must contain the parameter groupDescription");
        }
        String vpcId = Ec2Input.text(input, "VpcId");
        if (vpcId == null) {
            vpcId = Ec2Network.defaultVpc(state).vpcId;
        } else {
            Vpcs.find(state, vpcId);
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
        Tags.fromSpecifications(state, input, "security-group", group.groupId);
        ObjectNode out = Ec2Input.object();
        out.put("groupId", group.groupId);
        out.put("securityGroupArn", sandbox.arn("ec2", "security-group/" + group.groupId));
        return out;
    }

    static JsonNode authorize(Ec2State state, ObjectNode input, boolean egress) {
        Ec2State.SecurityGroup group = find(state, input);
        List<Ec2State.Rule> added = rules(state, input, true);
        List<Ec2State.Rule> existing = egress ? group.egress : group.ingress;
        for (Ec2State.Rule rule : added) {
            if (rule.sourceGroupId != null && !state.securityGroups.containsKey(rule.sourceGroupId)) {
                throw new AwsException("InvalidGroup.NotFound",
                        "The security group '" + rule.sourceGroupId + "' does not exist");
            }
            for (Ec2State.Rule present : existing) {
                if (same(present, rule)) {
                    throw new AwsException("InvalidPermission.Duplicate", "the specified rule \"peer: "
                            + (rule.cidrIp != null ? rule.cidrIp : rule.sourceGroupId) + ", "
                            + protocolName(rule.ipProtocol) + ", from port: " + rule.fromPort + ", to port: "
                            + rule.toPort + ", ALLOW\" already exists");
                }
            }
        }
        existing.addAll(added);
        ObjectNode out = Ec2Input.ok();
        ArrayNode rules = out.putArray("securityGroupRuleSet");
        for (Ec2State.Rule rule : added) {
            rules.add(ruleJson(group, rule, egress));
        }
        return out;
    }

    static JsonNode revoke(Ec2State state, ObjectNode input, boolean egress) {
        Ec2State.SecurityGroup group = find(state, input);
        List<Ec2State.Rule> existing = egress ? group.egress : group.ingress;
        List<Ec2State.Rule> removed = new ArrayList<>();
        List<String> ruleIds = Ec2Input.strings(input.get("SecurityGroupRuleId"));
        for (String ruleId : ruleIds) {
            Ec2State.Rule rule = existing.stream().filter(r -> ruleId.equals(r.ruleId)).findFirst()
                    .orElseThrow(() -> new AwsException("InvalidSecurityGroupRuleId.NotFound",
                            "The security group rule ID '" + ruleId + "' does not exist"));
            removed.add(rule);
        }
        if (ruleIds.isEmpty()) {
            for (Ec2State.Rule wanted : rules(state, input, false)) {
                Ec2State.Rule rule = existing.stream().filter(r -> same(r, wanted)).findFirst()
                        .orElseThrow(() -> new AwsException("InvalidPermission.NotFound",
                                "The specified rule does not exist in this security group."));
                removed.add(rule);
            }
        }
        existing.removeAll(removed);
        ObjectNode out = Ec2Input.ok();
        ArrayNode rules = out.putArray("revokedSecurityGroupRuleSet");
        for (Ec2State.Rule rule : removed) {
            rules.add(ruleJson(group, rule, egress));
        }
        return out;
    }

    private static ObjectNode ruleJson(Ec2State.SecurityGroup group, Ec2State.Rule rule, boolean egress) {
        ObjectNode item = Ec2Input.object();
        item.put("securityGroupRuleId", rule.ruleId);
        item.put("groupId", group.groupId);
        item.put("isEgress", egress);
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
        if (rule.description != null) {
            item.put("description", rule.description);
        }
        return item;
    }

    /** The rules a request names: IpPermissions.N, or the flat IpProtocol/FromPort/ToPort/CidrIp form. */
    private static List<Ec2State.Rule> rules(Ec2State state, ObjectNode input, boolean numbered) {
        List<Ec2State.Rule> rules = new ArrayList<>();
        if (input.hasNonNull("IpPermissions")) {
            for (JsonNode permission : Ec2Input.list(input.get("IpPermissions"))) {
                String protocol = Ec2Input.text(permission, "IpProtocol");
                Integer from = Ec2Input.integer(permission, "FromPort");
                Integer to = Ec2Input.integer(permission, "ToPort");
                for (JsonNode range : Ec2Input.list(permission.get("IpRanges"))) {
                    rules.add(rule(state, protocol, from, to, Ec2Input.text(range, "CidrIp"), null,
                            Ec2Input.text(range, "Description"), numbered));
                }
                JsonNode pairs = permission.has("Groups") ? permission.get("Groups") : permission.get("UserIdGroupPairs");
                for (JsonNode pair : Ec2Input.list(pairs)) {
                    rules.add(rule(state, protocol, from, to, null, Ec2Input.text(pair, "GroupId"),
                            Ec2Input.text(pair, "Description"), numbered));
                }
            }
        } else {
            rules.add(rule(state, Ec2Input.text(input, "IpProtocol"), Ec2Input.integer(input, "FromPort"),
                    Ec2Input.integer(input, "ToPort"), Ec2Input.text(input, "CidrIp"), null, null, numbered));
        }
        return rules;
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

    private static Ec2State.Rule rule(Ec2State state, String protocol, Integer from, Integer to, String cidr,
                                      String source, String description, boolean numbered) {
        if (protocol == null) {
            throw new AwsException("MissingParameter", "The request must contain the parameter ipProtocol");
        }
        Ec2State.Rule rule = new Ec2State.Rule();
        if (numbered) {
            rule.ruleId = Ec2Network.newRuleId(state);
        }
        rule.ipProtocol = protocol.toLowerCase();
        if (!rule.ipProtocol.equals("-1")) {
            rule.fromPort = from;
            rule.toPort = to;
        }
        rule.cidrIp = cidr;
        rule.sourceGroupId = source;
        rule.description = description;
        return rule;
    }

    static JsonNode delete(Ec2State state, ObjectNode input) {
        Ec2State.SecurityGroup group = find(state, input);
        if (group.groupName.equals("default")) {
            throw new AwsException("CannotDelete",
                    "the specified group: \"" + group.groupId + "\" name: \"default\" cannot be deleted by a user");
        }
        for (Ec2State.SecurityGroup other : state.securityGroups.values()) {
            if (other != group && (other.ingress.stream().anyMatch(r -> group.groupId.equals(r.sourceGroupId))
                    || other.egress.stream().anyMatch(r -> group.groupId.equals(r.sourceGroupId)))) {
                throw new AwsException("DependencyViolation", "resource " + group.groupId + " has a dependent object");
            }
        }
        boolean inUse = state.instances.values().stream().anyMatch(i -> i.live() && i.groupIds.contains(group.groupId))
                || state.vpcEndpoints.values().stream().anyMatch(e -> e.groupIds.contains(group.groupId));
        if (inUse) {
            throw new AwsException("DependencyViolation", "resource " + group.groupId + " has a dependent object");
        }
        state.securityGroups.remove(group.groupId);
        state.tags.remove(group.groupId);
        ObjectNode out = Ec2Input.ok();
        out.put("groupId", group.groupId);
        return out;
    }

    private static Ec2State.SecurityGroup find(Ec2State state, ObjectNode input) {
        String id = Ec2Input.text(input, "GroupId");
        String name = Ec2Input.text(input, "GroupName");
        if (id != null) {
            Ec2State.SecurityGroup group = state.securityGroups.get(id);
            if (group == null) {
                throw new AwsException("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
            }
            return group;
        }
        if (name != null) {
            String vpcId = Ec2Network.defaultVpc(state).vpcId;
            return state.securityGroups.values().stream()
                    .filter(group -> group.groupName.equals(name) && group.vpcId.equals(vpcId))
                    .findFirst()
                    .orElseThrow(() -> new AwsException("InvalidGroup.NotFound",
                            "The security group '" + name + "' does not exist in default VPC '" + vpcId + "'"));
        }
        throw new AwsException("MissingParameter", "The request must contain the parameter groupName or groupId");
    }
}
