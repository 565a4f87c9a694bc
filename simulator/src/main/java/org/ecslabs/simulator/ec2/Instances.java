package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * RunInstances, TerminateInstances, DescribeInstances, on the clock: pending for
 * {@value #PENDING_SECONDS} s, then running; shutting-down for {@value #SHUTTING_DOWN_SECONDS} s, then
 * terminated (visible for an hour). An instance of an ECS-optimized AMI runs the ECS agent, which joins
 * the cluster its user data names ({@code ECS_CLUSTER=...}) or "default" (ECS registers it).
 */
public final class Instances {
    static final int PENDING_SECONDS = 10;
    static final int SHUTTING_DOWN_SECONDS = 10;
    static final int TERMINATED_RETENTION_SECONDS = 3600;
    /** Instances per RunInstances call, a simulator limit in the spirit of a new account's. */
    static final int MAX_PER_CALL = 20;
    private static final Pattern ECS_CLUSTER = Pattern.compile("ECS_CLUSTER=[\"']?([A-Za-z0-9_-]{1,255})");

    private Instances() {
    }

    static JsonNode run(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Integer min = Ec2Input.integer(input, "MinCount");
        Integer max = Ec2Input.integer(input, "MaxCount");
        if (min == null) {
            throw new AwsException("MissingParameter", "The request must contain the parameter MinCount");
        }
        if (max == null) {
            throw new AwsException("MissingParameter", "The request must contain the parameter MaxCount");
        }
        if (min < 1 || max < min) {
            throw new AwsException("InvalidParameterValue", "Value (" + min + ") for parameter minCount is invalid. "
                    + "Expected a value between 1 and maxCount.");
        }
        if (min > MAX_PER_CALL) {
            throw new AwsException("InstanceLimitExceeded", "You have requested more instances (" + min
                    + ") than your current instance limit of " + MAX_PER_CALL + " allows for the specified instance type.");
        }
        String reservationId = Ec2Network.newResourceId(sandbox, "r");
        List<Ec2State.Instance> launched = launch(sandbox, state, input, Math.min(max, MAX_PER_CALL), reservationId, null);
        ObjectNode out = Ec2Input.object();
        out.put("reservationId", reservationId);
        out.put("ownerId", sandbox.accountId());
        out.putArray("groupSet");
        ArrayNode items = out.putArray("instancesSet");
        for (Ec2State.Instance instance : launched) {
            items.add(json(sandbox, state, instance));
        }
        return out;
    }

    /**
     * Launches instances from a RunInstances-shaped request (its LaunchTemplate, ImageId, SubnetId, ...);
     * Auto Scaling launches through here too, naming its group.
     */
    public static List<Ec2State.Instance> launch(Sandbox sandbox, Ec2State state, JsonNode input, int count,
                                                 String reservationId, String autoScalingGroup) {
        JsonNode template = Ec2Input.MAPPER.createObjectNode();
        String templateId = null;
        String templateVersion = null;
        JsonNode spec = input.get("LaunchTemplate");
        if (spec != null && spec.isObject()) {
            Ec2State.LaunchTemplate found = LaunchTemplates.find(state, spec);
            Ec2State.LaunchTemplateVersion version = LaunchTemplates.version(found, Ec2Input.text(spec, "Version"));
            template = version.data;
            templateId = found.launchTemplateId;
            templateVersion = String.valueOf(version.versionNumber);
        }
        String imageId = first(input, template, "ImageId");
        if (imageId != null && imageId.startsWith("resolve:ssm:")) {
            String parameter = imageId.substring("resolve:ssm:".length());
            imageId = Images.bySsmParameter(parameter).map(Images.Image::imageId).orElseThrow(() ->
                    new AwsException("InvalidParameterValue", "Unable to resolve the SSM parameter " + parameter + "."));
        }
        Images.Image image = Images.require(imageId);
        String typeName = first(input, template, "InstanceType");
        InstanceTypes.Type type = InstanceTypes.require(typeName == null ? "t3.micro" : typeName);
        if (!type.architecture().equals(image.architecture())) {
            throw new AwsException("InvalidParameterValue", "The architecture '" + type.architecture() + "' of the specified instance type "
                    + "does not match the architecture '" + image.architecture() + "' of the specified AMI. Specify an instance type and an AMI "
                    + "that have matching architectures, and try again.");
        }
        JsonNode networkInterface = firstInterface(input, template);
        String subnetId = first(input, template, "SubnetId");
        if (subnetId == null && networkInterface != null) {
            subnetId = Ec2Input.text(networkInterface, "SubnetId");
        }
        Ec2State.Subnet subnet;
        if (subnetId != null) {
            subnet = Subnets.find(state, subnetId);
        } else {
            JsonNode placement = input.has("Placement") ? input.get("Placement") : template.get("Placement");
            String zone = Ec2Input.text(placement, "AvailabilityZone");
            subnet = Ec2Network.defaultSubnets(sandbox).stream().filter(s -> zone == null || s.availabilityZone.equals(zone))
                    .findFirst().orElseThrow(() -> new AwsException("InvalidParameterValue",
                            "Invalid availability zone: [" + zone + "]"));
        }
        List<String> groups = new ArrayList<>(Ec2Input.strings(input.get("SecurityGroupId")));
        if (groups.isEmpty() && networkInterface != null) {
            groups.addAll(Ec2Input.strings(networkInterface.get("SecurityGroupId")));
        }
        if (groups.isEmpty()) {
            groups.addAll(Ec2Input.strings(template.get("SecurityGroupId")));
        }
        for (String groupId : groups) {
            Ec2State.SecurityGroup group = state.securityGroups.get(groupId);
            if (group == null) {
                throw new AwsException("InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist");
            }
            if (!group.vpcId.equals(subnet.vpcId)) {
                throw new AwsException("InvalidParameter", "Security group " + groupId + " and subnet "
                        + subnet.subnetId + " belong to different networks.");
            }
        }
        if (groups.isEmpty()) {
            groups.add(Ec2Network.defaultSecurityGroup(sandbox, subnet.vpcId).groupId);
        }
        Boolean associatePublic = networkInterface == null ? null : Ec2Input.bool(networkInterface, "AssociatePublicIpAddress");
        boolean publicIp = associatePublic != null ? associatePublic : subnet.mapsPublicIp();
        JsonNode profile = input.has("IamInstanceProfile") ? input.get("IamInstanceProfile") : template.get("IamInstanceProfile");
        String profileArn = Ec2Input.text(profile, "Arn");
        if (profileArn == null && Ec2Input.text(profile, "Name") != null) {
            profileArn = "arn:aws:iam::" + sandbox.accountId() + ":instance-profile/" + Ec2Input.text(profile, "Name");
        }
        String userData = first(input, template, "UserData");
        String ecsCluster = image.ecsOptimized() ? ecsCluster(userData) : null;
        long now = sandbox.now().getEpochSecond();
        List<Ec2State.Instance> launched = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Ec2State.Instance instance = new Ec2State.Instance();
            instance.instanceId = Ec2Network.newResourceId(sandbox, "i");
            instance.reservationId = reservationId;
            instance.imageId = image.imageId();
            instance.instanceType = type.name();
            instance.subnetId = subnet.subnetId;
            instance.vpcId = subnet.vpcId;
            instance.availabilityZone = subnet.availabilityZone;
            instance.privateIp = Ec2Network.allocateAddress(sandbox, subnet.subnetId);
            instance.publicIp = publicIp ? Ec2Network.publicAddress(state) : null;
            instance.groupIds = new ArrayList<>(groups);
            instance.keyName = first(input, template, "KeyName");
            instance.iamInstanceProfileArn = profileArn;
            instance.userData = userData;
            instance.launchTemplateId = templateId;
            instance.launchTemplateVersion = templateVersion;
            instance.amiLaunchIndex = i;
            instance.clientToken = Ec2Input.text(input, "ClientToken");
            instance.state = "pending";
            instance.launchTime = now;
            instance.nextAt = now + PENDING_SECONDS;
            instance.ecsCluster = ecsCluster;
            instance.autoScalingGroupName = autoScalingGroup;
            state.instances.put(instance.instanceId, instance);
            for (JsonNode tagSpec : Ec2Input.list(template.get("TagSpecification"))) {
                if ("instance".equals(Ec2Input.text(tagSpec, "ResourceType"))) {
                    Tags.put(state, instance.instanceId, tagSpec.get("Tag"));
                }
            }
            Tags.fromSpecifications(state, input, "instance", instance.instanceId);
            launched.add(instance);
        }
        return launched;
    }

    /** The cluster the ECS agent joins: ECS_CLUSTER in the user data (base64 or plain), else "default". */
    static String ecsCluster(String userData) {
        if (userData == null || userData.isBlank()) {
            return "default";
        }
        String text = userData;
        try {
            text = new String(Base64.getMimeDecoder().decode(userData.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            // Sent as plain text: read it as it is.
        }
        Matcher matcher = ECS_CLUSTER.matcher(text);
        return matcher.find() ? matcher.group(1) : "default";
    }

    private static String first(JsonNode input, JsonNode template, String field) {
        String value = Ec2Input.text(input, field);
        return value != null ? value : Ec2Input.text(template, field);
    }

    private static JsonNode firstInterface(JsonNode input, JsonNode template) {
        List<JsonNode> interfaces = Ec2Input.list(input.get("NetworkInterface"));
        if (interfaces.isEmpty()) {
            interfaces = Ec2Input.list(template.get("NetworkInterface"));
        }
        return interfaces.isEmpty() ? null : interfaces.get(0);
    }

    static JsonNode terminate(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("InstanceId"));
        if (ids.isEmpty()) {
            throw new AwsException("MissingParameter", "The request must contain the parameter InstanceId");
        }
        requireAll(state, ids);
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (String id : ids) {
            Ec2State.Instance instance = state.instances.get(id);
            ObjectNode item = items.addObject().put("instanceId", id);
            item.set("previousState", stateJson(instance.state));
            terminate(sandbox, instance, "User initiated");
            item.set("currentState", stateJson(instance.state));
        }
        ObjectNode out = Ec2Input.object();
        out.set("instancesSet", items);
        return out;
    }

    /** Starts shutting an instance down (idempotent); Auto Scaling terminates through here too. */
    public static void terminate(Sandbox sandbox, Ec2State.Instance instance, String reason) {
        if (!instance.live()) {
            return;
        }
        long now = sandbox.now().getEpochSecond();
        instance.state = "shutting-down";
        instance.stateTransitionReason = reason + " (" + Ec2Input.iso(now).replace(".000Z", "").replace("T", " ") + " GMT)";
        instance.stateReason = "Client.UserInitiatedShutdown";
        instance.nextAt = now + SHUTTING_DOWN_SECONDS;
    }

    private static void requireAll(Ec2State state, List<String> ids) {
        List<String> missing = ids.stream().filter(id -> !state.instances.containsKey(id)).toList();
        if (missing.size() == 1) {
            throw new AwsException("InvalidInstanceID.NotFound", "The instance ID '" + missing.get(0) + "' does not exist");
        }
        if (!missing.isEmpty()) {
            throw new AwsException("InvalidInstanceID.NotFound", "The instance IDs '" + String.join(", ", missing) + "' do not exist");
        }
    }

    static JsonNode describe(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("InstanceId"));
        requireAll(state, ids);
        Map<String, ArrayNode> reservations = new LinkedHashMap<>();
        for (Ec2State.Instance instance : state.instances.values()) {
            if (!ids.isEmpty() && !ids.contains(instance.instanceId)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "instance-id", () -> List.of(instance.instanceId),
                    "instance-state-name", () -> List.of(instance.state),
                    "instance-type", () -> List.of(instance.instanceType),
                    "image-id", () -> List.of(instance.imageId),
                    "vpc-id", () -> List.of(instance.vpcId),
                    "subnet-id", () -> List.of(instance.subnetId),
                    "availability-zone", () -> List.of(instance.availabilityZone),
                    "private-ip-address", () -> List.of(instance.privateIp),
                    "instance.group-id", () -> instance.groupIds,
                    "iam-instance-profile.arn", () -> instance.iamInstanceProfileArn == null ? List.of()
                            : List.of(instance.iamInstanceProfileArn)))
                    || !Ec2Input.tagsMatch(input, Tags.of(state, instance.instanceId))) {
                continue;
            }
            reservations.computeIfAbsent(instance.reservationId, r -> Ec2Input.MAPPER.createArrayNode())
                    .add(json(sandbox, state, instance));
        }
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        reservations.forEach((reservationId, instances) -> {
            ObjectNode reservation = items.addObject();
            reservation.put("reservationId", reservationId);
            reservation.put("ownerId", sandbox.accountId());
            reservation.putArray("groupSet");
            reservation.set("instancesSet", instances);
        });
        ObjectNode out = Ec2Input.object();
        out.set("reservationSet", items);
        return out;
    }

    private static ObjectNode stateJson(String name) {
        int code = switch (name) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
        return Ec2Input.object().put("code", code).put("name", name);
    }

    private static ObjectNode json(Sandbox sandbox, Ec2State state, Ec2State.Instance instance) {
        InstanceTypes.Type type = InstanceTypes.require(instance.instanceType);
        boolean terminated = "terminated".equals(instance.state);
        ObjectNode item = Ec2Input.object();
        item.put("instanceId", instance.instanceId);
        item.put("imageId", instance.imageId);
        item.set("instanceState", stateJson(instance.state));
        item.put("privateDnsName", terminated ? "" : Ec2Network.privateDnsName(sandbox, instance.privateIp));
        item.put("dnsName", terminated || instance.publicIp == null ? "" : publicDnsName(sandbox, instance.publicIp));
        item.put("reason", instance.stateTransitionReason == null ? "" : instance.stateTransitionReason);
        if (instance.keyName != null) {
            item.put("keyName", instance.keyName);
        }
        item.put("amiLaunchIndex", instance.amiLaunchIndex);
        item.putArray("productCodes");
        item.put("instanceType", instance.instanceType);
        item.put("launchTime", Ec2Input.iso(instance.launchTime));
        item.putObject("placement").put("availabilityZone", instance.availabilityZone).put("groupName", "")
                .put("tenancy", "default");
        item.putObject("monitoring").put("state", "disabled");
        if (!terminated) {
            item.put("subnetId", instance.subnetId);
            item.put("vpcId", instance.vpcId);
            item.put("privateIpAddress", instance.privateIp);
            if (instance.publicIp != null && !"shutting-down".equals(instance.state)) {
                item.put("ipAddress", instance.publicIp);
            }
        }
        item.put("sourceDestCheck", true);
        ArrayNode groups = item.putArray("groupSet");
        for (String groupId : instance.groupIds) {
            Ec2State.SecurityGroup group = state.securityGroups.get(groupId);
            groups.addObject().put("groupId", groupId).put("groupName", group == null ? groupId : group.groupName);
        }
        if (instance.stateReason != null) {
            item.putObject("stateReason").put("code", instance.stateReason)
                    .put("message", instance.stateReason + ": User initiated shutdown");
        }
        item.put("architecture", type.architecture());
        item.put("rootDeviceType", "ebs");
        item.put("rootDeviceName", "/dev/xvda");
        item.putArray("blockDeviceMapping");
        item.put("virtualizationType", "hvm");
        if (instance.clientToken != null) {
            item.put("clientToken", instance.clientToken);
        }
        Map<String, String> tags = new LinkedHashMap<>(Tags.of(state, instance.instanceId));
        if (instance.launchTemplateId != null) {
            tags.put("aws:ec2launchtemplate:id", instance.launchTemplateId);
            tags.put("aws:ec2launchtemplate:version", instance.launchTemplateVersion);
        }
        if (instance.autoScalingGroupName != null) {
            tags.put("aws:autoscaling:groupName", instance.autoScalingGroupName);
        }
        if (!tags.isEmpty()) {
            ArrayNode tagSet = item.putArray("tagSet");
            tags.forEach((key, value) -> tagSet.addObject().put("key", key).put("value", value));
        }
        item.put("hypervisor", "xen");
        if (!terminated) {
            ObjectNode eni = item.putArray("networkInterfaceSet").addObject();
            eni.put("networkInterfaceId", "eni-" + instance.instanceId.substring(2));
            eni.put("subnetId", instance.subnetId);
            eni.put("vpcId", instance.vpcId);
            eni.put("ownerId", sandbox.accountId());
            eni.put("status", "in-use");
            eni.put("privateIpAddress", instance.privateIp);
            eni.put("interfaceType", "interface");
        }
        if (instance.iamInstanceProfileArn != null) {
            item.putObject("iamInstanceProfile").put("arn", instance.iamInstanceProfileArn)
                    .put("id", "AIPA" + Integer.toHexString(Objects.hash(instance.iamInstanceProfileArn)).toUpperCase());
        }
        item.put("ebsOptimized", false);
        item.put("enaSupport", true);
        item.putObject("cpuOptions").put("coreCount", Math.max(1, type.vcpus() / 2)).put("threadsPerCore", type.vcpus() > 1 ? 2 : 1);
        item.putObject("metadataOptions").put("state", "applied").put("httpTokens", "required")
                .put("httpPutResponseHopLimit", 2).put("httpEndpoint", "enabled");
        item.put("platformDetails", "Linux/UNIX");
        item.put("usageOperation", "RunInstances");
        item.put("bootMode", "uefi-preferred");
        return item;
    }

    private static String publicDnsName(Sandbox sandbox, String address) {
        String domain = sandbox.region().equals("us-east-1") ? "compute-1.amazonaws.com" : sandbox.region() + ".compute.amazonaws.com";
        return "ec2-" + address.replace('.', '-') + "." + domain;
    }

    /** Moves instances along on the clock; returns whether any changed. */
    static boolean tick(Ec2State state, long now) {
        boolean changed = false;
        List<String> forgotten = new ArrayList<>();
        for (Ec2State.Instance instance : state.instances.values()) {
            if (instance.nextAt == null || instance.nextAt > now) {
                continue;
            }
            changed = true;
            switch (instance.state) {
                case "pending" -> {
                    instance.state = "running";
                    instance.runningAt = instance.nextAt;
                    instance.nextAt = null;
                }
                case "shutting-down" -> {
                    instance.state = "terminated";
                    instance.terminatedAt = instance.nextAt;
                    instance.nextAt = instance.terminatedAt + TERMINATED_RETENTION_SECONDS;
                }
                default -> forgotten.add(instance.instanceId);
            }
        }
        for (String id : forgotten) {
            state.instances.remove(id);
            state.tags.remove(id);
        }
        return changed;
    }
}
