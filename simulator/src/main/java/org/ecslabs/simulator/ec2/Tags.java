package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.protocol.AwsException;

/** EC2 tags: TagSpecification on create, CreateTags, DeleteTags, DescribeTags, and the tagSet of every resource. */
final class Tags {
    private Tags() {
    }

    /** Applies the request's {@code TagSpecification.N} entries for one resource type to a new resource. */
    static void fromSpecifications(Ec2State state, JsonNode input, String resourceType, String resourceId) {
        for (JsonNode spec : Ec2Input.list(input.get("TagSpecification"))) {
            String type = Ec2Input.text(spec, "ResourceType");
            if (type != null && !type.equals(resourceType)) {
                continue;
            }
            put(state, resourceId, spec.get("Tag"));
        }
    }

    static void put(Ec2State state, String resourceId, JsonNode tags) {
        Map<String, String> current = state.tags.computeIfAbsent(resourceId, id -> new LinkedHashMap<>());
        for (JsonNode tag : Ec2Input.list(tags)) {
            String key = Ec2Input.text(tag, "Key");
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw new AwsException("InvalidParameterValue", "Tag key must be between 1 and 128 characters");
            }
            if (key.toLowerCase().startsWith("aws:")) {
                throw new AwsException("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use");
            }
            String value = Ec2Input.text(tag, "Value");
            current.put(key, value == null ? "" : value);
        }
        if (current.size() > 50) {
            throw new AwsException("TagLimitExceeded", "The maximum number of tags for a resource is 50");
        }
        if (current.isEmpty()) {
            state.tags.remove(resourceId);
        }
    }

    static Map<String, String> of(Ec2State state, String resourceId) {
        return state.tags.getOrDefault(resourceId, Map.of());
    }

    static ArrayNode tagSet(Ec2State state, String resourceId) {
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        of(state, resourceId).forEach((key, value) -> items.addObject().put("key", key).put("value", value));
        return items;
    }

    /** Writes the tagSet only when there are tags, as EC2 does. */
    static void addTagSet(ObjectNode item, Ec2State state, String resourceId) {
        if (!of(state, resourceId).isEmpty()) {
            item.set("tagSet", tagSet(state, resourceId));
        }
    }

    static JsonNode createTags(Ec2State state, JsonNode input) {
        for (String id : Ec2Input.strings(input.get("ResourceId"))) {
            if (!exists(state, id)) {
                throw notFound(id);
            }
            put(state, id, input.get("Tag"));
        }
        return Ec2Input.ok();
    }

    static JsonNode deleteTags(Ec2State state, JsonNode input) {
        for (String id : Ec2Input.strings(input.get("ResourceId"))) {
            Map<String, String> current = state.tags.get(id);
            if (current == null) {
                continue;
            }
            for (JsonNode tag : Ec2Input.list(input.get("Tag"))) {
                String key = Ec2Input.text(tag, "Key");
                String value = Ec2Input.text(tag, "Value");
                if (value == null || value.equals(current.get(key))) {
                    current.remove(key);
                }
            }
            if (current.isEmpty()) {
                state.tags.remove(id);
            }
        }
        return Ec2Input.ok();
    }

    static JsonNode describeTags(Ec2State state, JsonNode input) {
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        state.tags.forEach((id, tags) -> tags.forEach((key, value) -> {
            if (Ec2Input.matches(input, Map.of(
                    "resource-id", () -> List.of(id),
                    "resource-type", () -> List.of(resourceType(id)),
                    "key", () -> List.of(key),
                    "value", () -> List.of(value)))) {
                items.addObject().put("resourceId", id).put("resourceType", resourceType(id)).put("key", key).put("value", value);
            }
        }));
        ObjectNode out = Ec2Input.object();
        out.set("tagSet", items);
        return out;
    }

    private static String resourceType(String id) {
        String prefix = id.substring(0, Math.max(0, id.indexOf('-')));
        return switch (prefix) {
            case "vpc" -> "vpc";
            case "subnet" -> "subnet";
            case "sg" -> "security-group";
            case "igw" -> "internet-gateway";
            case "rtb" -> "route-table";
            case "nat" -> "natgateway";
            case "eipalloc" -> "elastic-ip";
            case "vpce" -> "vpc-endpoint";
            case "lt" -> "launch-template";
            case "i" -> "instance";
            default -> prefix;
        };
    }

    private static boolean exists(Ec2State state, String id) {
        return state.vpcs.containsKey(id) || state.subnets.containsKey(id) || state.securityGroups.containsKey(id)
                || state.internetGateways.containsKey(id) || state.routeTables.containsKey(id)
                || state.natGateways.containsKey(id) || state.addresses.containsKey(id)
                || state.vpcEndpoints.containsKey(id) || state.launchTemplates.containsKey(id)
                || state.instances.containsKey(id);
    }

    private static AwsException notFound(String id) {
        String prefix = id.contains("-") ? id.substring(0, id.indexOf('-')) : id;
        return switch (prefix) {
            case "vpc" -> new AwsException("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
            case "subnet" -> new AwsException("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
            case "sg" -> new AwsException("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
            case "i" -> new AwsException("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
            default -> new AwsException("InvalidID", "The ID '" + id + "' is not valid");
        };
    }
}
