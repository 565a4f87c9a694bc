package org.ecslabs.simulator.asg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ecslabs.simulator.ec2.Ec2Network;
import org.ecslabs.simulator.ec2.Ec2State;
import org.ecslabs.simulator.ec2.Instances;
import org.ecslabs.simulator.ec2.LaunchTemplates;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** The Auto Scaling group operations. */
final class Groups {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Groups() {
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationError", message);
    }

    static AsgState.Group find(AsgState state, String name) {
        AsgState.Group group = name == null ? null : state.groups.get(name.contains(":autoScalingGroupName/")
                ? name.substring(name.indexOf(":autoScalingGroupName/") + ":autoScalingGroupName/".length()) : name);
        if (group == null) {
            throw validation("AutoScalingGroup name not found - AutoScalingGroup " + name + " not found");
        }
        return group;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
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
            throw validation("Value '" + value + "' at '" + field + "' failed to satisfy constraint: Member must be a number");
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
        } else if (node != null && !node.isNull()) {
            values.add(node.asText());
        }
        return values;
    }

    static String iso(long epochSeconds) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSeconds)).replace("Z", ".000Z");
    }

    static JsonNode create(Sandbox sandbox, AsgState state, ObjectNode input) {
        String name = text(input, "AutoScalingGroupName");
        if (name == null || name.isEmpty() || name.length() > 255) {
            throw validation("1 validation error detected: Value at 'autoScalingGroupName' failed to satisfy constraint: "
                    + "Member must have length between 1 and 255");
        }
        if (state.groups.containsKey(name)) {
            throw new AwsException("AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name "
                    + name + " already exists");
        }
        JsonNode template = input.get("LaunchTemplate");
        if (template == null || !template.isObject()) {
            throw validation("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or "
                    + "MixedInstancesPolicy parameter.");
        }
        Ec2State ec2 = Ec2Network.state(sandbox);
        try {
            LaunchTemplates.resolveData(ec2, text(template, "LaunchTemplateId"), text(template, "LaunchTemplateName"),
                    text(template, "Version"));
        } catch (AwsException e) {
            throw validation("You must use a valid fully-formed launch template. " + e.getMessage());
        }
        AsgState.Group group = new AsgState.Group();
        group.name = name;
        group.arn = sandbox.arn("autoscaling", "autoScalingGroup:" + uuid(sandbox.newId()) + ":autoScalingGroupName/" + name);
        group.launchTemplateId = text(template, "LaunchTemplateId");
        group.launchTemplateName = text(template, "LaunchTemplateName");
        group.launchTemplateVersion = text(template, "Version");
        Integer min = integer(input, "MinSize");
        Integer max = integer(input, "MaxSize");
        if (min == null || max == null) {
            throw validation("1 validation error detected: Value null at '" + (min == null ? "minSize" : "maxSize")
                    + "' failed to satisfy constraint: Member must not be null");
        }
        Integer desired = integer(input, "DesiredCapacity");
        sizes(group, min, max, desired == null ? min : desired);
        String zoneIdentifier = text(input, "VPCZoneIdentifier");
        if (zoneIdentifier != null && !zoneIdentifier.isBlank()) {
            for (String subnetId : zoneIdentifier.split(",")) {
                String id = subnetId.trim();
                Ec2State.Subnet subnet = ec2.subnets.get(id);
                if (subnet == null) {
                    throw validation("The subnet ID '" + id + "' does not exist");
                }
                group.subnetIds.add(id);
                if (!group.availabilityZones.contains(subnet.availabilityZone)) {
                    group.availabilityZones.add(subnet.availabilityZone);
                }
            }
        } else {
            List<String> zones = strings(input.get("AvailabilityZones"));
            if (zones.isEmpty()) {
                throw validation("At least one Availability Zone or VPC Subnet is required.");
            }
            for (String zone : zones) {
                Ec2State.Subnet subnet = Ec2Network.defaultSubnets(sandbox).stream()
                        .filter(s -> s.availabilityZone.equals(zone)).findFirst()
                        .orElseThrow(() -> validation("The availability zone " + zone + " is not legally formatted"));
                group.subnetIds.add(subnet.subnetId);
                group.availabilityZones.add(zone);
            }
        }
        Integer cooldown = integer(input, "DefaultCooldown");
        if (cooldown != null) {
            group.defaultCooldown = cooldown;
        }
        if (text(input, "HealthCheckType") != null) {
            group.healthCheckType = text(input, "HealthCheckType");
        }
        Integer grace = integer(input, "HealthCheckGracePeriod");
        group.healthCheckGracePeriod = grace == null ? 0 : grace;
        group.newInstancesProtectedFromScaleIn = Boolean.parseBoolean(text(input, "NewInstancesProtectedFromScaleIn"));
        JsonNode tags = input.get("Tags");
        if (tags != null && tags.isArray()) {
            for (JsonNode tag : tags) {
                group.tags.put(text(tag, "Key"), text(tag, "Value") == null ? "" : text(tag, "Value"));
                group.propagateAtLaunch.put(text(tag, "Key"), Boolean.parseBoolean(text(tag, "PropagateAtLaunch")));
            }
        }
        group.createdAt = sandbox.now().getEpochSecond();
        state.groups.put(name, group);
        return MAPPER.createObjectNode();
    }

    private static void sizes(AsgState.Group group, int min, int max, int desired) {
        if (min < 0 || max < 0) {
            throw validation("Min bound and max bound must be at least 0.");
        }
        if (max < min) {
            throw validation("Max bound, " + max + ", must be greater than or equal to min bound, " + min);
        }
        if (desired < min || desired > max) {
            throw validation("Desired capacity:" + desired + " must be between the specified min size:" + min
                    + " and max size:" + max);
        }
        group.minSize = min;
        group.maxSize = max;
        group.desiredCapacity = desired;
    }

    static JsonNode update(AsgState state, ObjectNode input) {
        AsgState.Group group = find(state, text(input, "AutoScalingGroupName"));
        Integer min = integer(input, "MinSize");
        Integer max = integer(input, "MaxSize");
        Integer desired = integer(input, "DesiredCapacity");
        int newMin = min == null ? group.minSize : min;
        int newMax = max == null ? group.maxSize : max;
        // As in EC2 Auto Scaling, a new min or max pulls the desired capacity inside the bounds.
        int newDesired = desired != null ? desired : Math.max(newMin, Math.min(newMax, group.desiredCapacity));
        sizes(group, newMin, newMax, newDesired);
        JsonNode template = input.get("LaunchTemplate");
        if (template != null && template.isObject()) {
            group.launchTemplateId = text(template, "LaunchTemplateId");
            group.launchTemplateName = text(template, "LaunchTemplateName");
            group.launchTemplateVersion = text(template, "Version");
        }
        if (text(input, "NewInstancesProtectedFromScaleIn") != null) {
            group.newInstancesProtectedFromScaleIn = Boolean.parseBoolean(text(input, "NewInstancesProtectedFromScaleIn"));
        }
        return MAPPER.createObjectNode();
    }

    static JsonNode delete(Sandbox sandbox, AsgState state, ObjectNode input) {
        AsgState.Group group = find(state, text(input, "AutoScalingGroupName"));
        boolean force = Boolean.parseBoolean(text(input, "ForceDelete"));
        if (!group.instances.isEmpty() && !force) {
            throw new AwsException("ResourceInUse", "You cannot delete an AutoScalingGroup while there are instances or "
                    + "pending Spot instance request(s) still in the group.");
        }
        if (group.instances.isEmpty()) {
            state.groups.remove(group.name);
        } else {
            group.deleting = true;
            group.minSize = 0;
            group.maxSize = 0;
            group.desiredCapacity = 0;
            GroupCapacity.terminateAll(sandbox, group);
        }
        return MAPPER.createObjectNode();
    }

    static JsonNode setDesiredCapacity(AsgState state, ObjectNode input) {
        AsgState.Group group = find(state, text(input, "AutoScalingGroupName"));
        Integer desired = integer(input, "DesiredCapacity");
        if (desired == null) {
            throw validation("1 validation error detected: Value null at 'desiredCapacity' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (desired > group.maxSize) {
            throw validation("New SetDesiredCapacity value " + desired + " is above max value " + group.maxSize
                    + " for the AutoScalingGroup.");
        }
        if (desired < group.minSize) {
            throw validation("New SetDesiredCapacity value " + desired + " is below min value " + group.minSize
                    + " for the AutoScalingGroup.");
        }
        group.desiredCapacity = desired;
        return MAPPER.createObjectNode();
    }

    static JsonNode setInstanceProtection(AsgState state, ObjectNode input) {
        AsgState.Group group = find(state, text(input, "AutoScalingGroupName"));
        String protect = text(input, "ProtectedFromScaleIn");
        if (protect == null) {
            throw validation("1 validation error detected: Value null at 'protectedFromScaleIn' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        for (String id : strings(input.get("InstanceIds"))) {
            AsgState.Member member = group.instances.stream().filter(m -> m.instanceId.equals(id)).findFirst()
                    .orElseThrow(() -> validation("The instance " + id + " is not part of Auto Scaling group " + group.name + "."));
            member.protectedFromScaleIn = Boolean.parseBoolean(protect);
        }
        return MAPPER.createObjectNode();
    }

    static JsonNode terminateInstance(Sandbox sandbox, AsgState state, ObjectNode input) {
        String id = text(input, "InstanceId");
        String decrement = text(input, "ShouldDecrementDesiredCapacity");
        if (decrement == null) {
            throw validation("1 validation error detected: Value null at 'shouldDecrementDesiredCapacity' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        for (AsgState.Group group : state.groups.values()) {
            for (AsgState.Member member : group.instances) {
                if (member.instanceId.equals(id) && !"Terminating".equals(member.lifecycleState)) {
                    if (Boolean.parseBoolean(decrement)) {
                        if (group.desiredCapacity - 1 < group.minSize) {
                            throw validation("Currently, desiredSize equals minSize (" + group.minSize
                                    + "). Terminating instance without replacement will violate group's min size constraint. "
                                    + "Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
                        }
                        group.desiredCapacity--;
                    }
                    AsgState.Activity activity = GroupCapacity.terminate(sandbox, group, member,
                            "an instance was taken out of service in response to a user request"
                                    + (Boolean.parseBoolean(decrement) ? ", shrinking the capacity from " + (group.desiredCapacity + 1)
                                    + " to " + group.desiredCapacity + "." : "."));
                    ObjectNode out = MAPPER.createObjectNode();
                    out.set("Activity", activityJson(group, activity));
                    return out;
                }
            }
        }
        throw validation("Instance Id not found - No managed instance found for instance ID: " + id);
    }

    static JsonNode describe(AsgState state, ObjectNode input) {
        Set<String> names = new LinkedHashSet<>(strings(input.get("AutoScalingGroupNames")));
        ArrayNode items = MAPPER.createArrayNode();
        for (AsgState.Group group : state.groups.values()) {
            if (!names.isEmpty() && !names.contains(group.name)) {
                continue;
            }
            ObjectNode item = items.addObject();
            item.put("AutoScalingGroupName", group.name);
            item.put("AutoScalingGroupARN", group.arn);
            item.set("LaunchTemplate", templateJson(group, group.launchTemplateVersion));
            item.put("MinSize", group.minSize);
            item.put("MaxSize", group.maxSize);
            item.put("DesiredCapacity", group.desiredCapacity);
            item.put("DefaultCooldown", group.defaultCooldown);
            ArrayNode zones = item.putArray("AvailabilityZones");
            group.availabilityZones.forEach(zones::add);
            item.putArray("LoadBalancerNames");
            item.putArray("TargetGroupARNs");
            item.put("HealthCheckType", group.healthCheckType);
            item.put("HealthCheckGracePeriod", group.healthCheckGracePeriod);
            ArrayNode instances = item.putArray("Instances");
            for (AsgState.Member member : group.instances) {
                instances.add(memberJson(group, member, false));
            }
            item.put("CreatedTime", iso(group.createdAt));
            item.putArray("SuspendedProcesses");
            item.put("VPCZoneIdentifier", String.join(",", group.subnetIds));
            item.putArray("EnabledMetrics");
            ArrayNode tags = item.putArray("Tags");
            group.tags.forEach((key, value) -> tags.addObject().put("ResourceId", group.name)
                    .put("ResourceType", "auto-scaling-group").put("Key", key).put("Value", value)
                    .put("PropagateAtLaunch", group.propagateAtLaunch.getOrDefault(key, false)));
            item.putArray("TerminationPolicies").add("Default");
            item.put("NewInstancesProtectedFromScaleIn", group.newInstancesProtectedFromScaleIn);
            item.put("ServiceLinkedRoleARN", "arn:aws:iam::" + group.arn.split(":")[4]
                    + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
            item.put("CapacityRebalance", false);
            if (group.deleting) {
                item.put("Status", "Delete in progress");
            }
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("AutoScalingGroups", items);
        return out;
    }

    private static ObjectNode templateJson(AsgState.Group group, String version) {
        ObjectNode template = MAPPER.createObjectNode();
        if (group.launchTemplateId != null) {
            template.put("LaunchTemplateId", group.launchTemplateId);
        }
        if (group.launchTemplateName != null) {
            template.put("LaunchTemplateName", group.launchTemplateName);
        }
        template.put("Version", version == null ? "$Default" : version);
        return template;
    }

    private static ObjectNode memberJson(AsgState.Group group, AsgState.Member member, boolean withGroup) {
        ObjectNode item = MAPPER.createObjectNode();
        item.put("InstanceId", member.instanceId);
        item.put("InstanceType", member.instanceType);
        if (withGroup) {
            item.put("AutoScalingGroupName", group.name);
        }
        item.put("AvailabilityZone", member.availabilityZone);
        item.put("LifecycleState", member.lifecycleState);
        item.put("HealthStatus", "Healthy");
        item.set("LaunchTemplate", templateJson(group, member.launchTemplateVersion));
        item.put("ProtectedFromScaleIn", member.protectedFromScaleIn);
        return item;
    }

    static JsonNode describeInstances(AsgState state, ObjectNode input) {
        List<String> ids = strings(input.get("InstanceIds"));
        ArrayNode items = MAPPER.createArrayNode();
        for (AsgState.Group group : state.groups.values()) {
            for (AsgState.Member member : group.instances) {
                if (ids.isEmpty() || ids.contains(member.instanceId)) {
                    ObjectNode item = memberJson(group, member, true);
                    item.put("HealthStatus", "HEALTHY");
                    items.add(item);
                }
            }
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("AutoScalingInstances", items);
        return out;
    }

    static JsonNode describeActivities(AsgState state, ObjectNode input) {
        String name = text(input, "AutoScalingGroupName");
        ArrayNode items = MAPPER.createArrayNode();
        for (AsgState.Group group : state.groups.values()) {
            if (name != null && !name.equals(group.name)) {
                continue;
            }
            for (int i = group.activities.size() - 1; i >= 0; i--) {
                items.add(activityJson(group, group.activities.get(i)));
            }
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("Activities", items);
        return out;
    }

    private static ObjectNode activityJson(AsgState.Group group, AsgState.Activity activity) {
        ObjectNode item = MAPPER.createObjectNode();
        item.put("ActivityId", activity.activityId);
        item.put("AutoScalingGroupName", group.name);
        item.put("Description", activity.description);
        item.put("Cause", activity.cause);
        item.put("StartTime", iso(activity.startTime));
        item.put("EndTime", iso(activity.endTime));
        item.put("StatusCode", activity.statusCode);
        item.put("Progress", activity.progress);
        item.put("Details", "{\"Subnet ID\":\"\",\"Availability Zone\":\"\"}");
        item.put("AutoScalingGroupARN", group.arn);
        return item;
    }

    static String uuid(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
                + "-" + hex.substring(20, 32);
    }

    /** Launches one instance for a group in a subnet; Instances does the EC2 part. */
    static Ec2State.Instance launch(Sandbox sandbox, AsgState.Group group, String subnetId) {
        Ec2State ec2 = Ec2Network.state(sandbox);
        ObjectNode request = MAPPER.createObjectNode();
        ObjectNode template = request.putObject("LaunchTemplate");
        if (group.launchTemplateId != null) {
            template.put("LaunchTemplateId", group.launchTemplateId);
        }
        if (group.launchTemplateName != null) {
            template.put("LaunchTemplateName", group.launchTemplateName);
        }
        if (group.launchTemplateVersion != null) {
            template.put("Version", group.launchTemplateVersion);
        }
        request.put("SubnetId", subnetId);
        Ec2State.Instance instance = Instances.launch(sandbox, ec2, request, 1, "r-" + sandbox.newId().substring(0, 17), group.name).get(0);
        group.tags.forEach((key, value) -> {
            if (group.propagateAtLaunch.getOrDefault(key, false)) {
                ec2.tags.computeIfAbsent(instance.instanceId, id -> new LinkedHashMap<>()).put(key, value);
            }
        });
        return instance;
    }
}
