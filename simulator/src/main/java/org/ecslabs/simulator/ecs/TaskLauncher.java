package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.simulator.ec2.Ec2Network;
import org.ecslabs.simulator.ec2.Ec2State;
import org.ecslabs.simulator.protocol.AwsException;

/** Creates tasks for RunTask, StartTask and the service scheduler: capacity provider, placement, ENI, containers. */
final class TaskLauncher {
    private TaskLauncher() {
    }

    /** Everything a launch needs; strategy is a capacity provider strategy (null with a launch type). */
    record Request(EcsState.Cluster cluster, EcsState.TaskDef def, String launchType, JsonNode strategy,
                   JsonNode networkConfiguration, String platformVersion, JsonNode placementConstraints,
                   JsonNode placementStrategy, String group, String startedBy, JsonNode overrides, JsonNode tags,
                   boolean enableExecuteCommand, String serviceArn, String deploymentId) {
    }

    /** A launch type or a capacity provider strategy, never both. */
    record Capacity(String launchType, JsonNode strategy) {
    }

    record Launched(List<EcsState.Task> tasks, ArrayNode failures, String placementProblem) {
    }

    /** How many tasks each capacity provider already has, for the base-then-weight split of later tasks. */
    static Launched launch(Ecs ecs, Request request, int count, Map<String, Integer> providerCounts,
                           EcsState.ContainerInstance onlyOn) {
        List<EcsState.Task> tasks = new ArrayList<>();
        ArrayNode failures = Json.array();
        String problem = null;
        Map<String, Integer> counts = new HashMap<>(providerCounts);
        for (int i = 0; i < count; i++) {
            String provider = null;
            String launchType = request.launchType();
            if (request.strategy() != null && !request.strategy().isEmpty()) {
                provider = CapacityProviders.pick(request.strategy(), counts);
                launchType = CapacityProviders.FARGATE_PROVIDERS.contains(provider) ? "FARGATE" : "EC2";
            }
            EcsState.Task task = newTask(ecs, request, launchType, provider);
            if (!"FARGATE".equals(launchType)) {
                String asgProvider = provider;
                EcsState.ContainerInstance instance = onlyOn;
                if (instance == null) {
                    Placement.Result result = Placement.place(ecs, request.cluster(), new Placement.Need(task.cpuUnits,
                            task.memoryMiB, staticPorts(request.def()), task.group, asgProvider,
                            mergedConstraints(request), request.placementStrategy()));
                    if (result.instance() == null) {
                        problem = result.eventReason();
                        if (result.reasons().isEmpty() && request.serviceArn() == null) {
                            throw AwsException.invalidParameter(result.eventReason());
                        }
                        result.reasons().forEach((arn, reason) -> {
                            boolean seen = false;
                            for (JsonNode failure : failures) {
                                seen |= arn.equals(Json.text(failure, "arn")) && reason.equals(Json.text(failure, "reason"));
                            }
                            if (!seen) {
                                failures.addObject().put("arn", arn).put("reason", reason);
                            }
                        });
                        continue;
                    }
                    instance = result.instance();
                }
                bindToInstance(ecs, task, instance, request.def());
            }
            if (task.awsvpc) {
                attachEni(ecs, task, request);
            }
            if (provider != null) {
                counts.merge(provider, 1, Integer::sum);
            }
            ecs.state().tasks.put(task.taskArn, task);
            ecs.putTags(task.taskArn, request.tags());
            tasks.add(task);
        }
        return new Launched(tasks, failures, problem);
    }

    private static JsonNode mergedConstraints(Request request) {
        ArrayNode all = Json.array();
        Placement.iterable(request.placementConstraints()).forEach(all::add);
        Placement.iterable(request.def().body.get("placementConstraints")).forEach(all::add);
        return all;
    }

    private static EcsState.Task newTask(Ecs ecs, Request request, String launchType, String provider) {
        EcsState.TaskDef def = request.def();
        EcsState.Cluster cluster = request.cluster();
        String id = ecs.newId();
        double now = ecs.now();
        EcsState.Task task = new EcsState.Task();
        task.taskArn = ecs.arn("task/" + cluster.clusterName + "/" + id);
        task.clusterArn = cluster.clusterArn;
        task.taskDefinitionArn = def.taskDefinitionArn;
        task.launchType = launchType;
        task.capacityProviderName = provider;
        task.awsvpc = "awsvpc".equals(Json.text(def.body, "networkMode"));
        task.desiredStatus = "RUNNING";
        task.lastStatus = task.awsvpc ? "PROVISIONING" : "PENDING";
        task.createdAt = now;
        task.nextAt = now + (task.awsvpc ? TaskLifecycle.PROVISIONING_SECONDS : 0);
        if (!task.awsvpc) {
            task.pullStartedAt = now;
            task.nextAt = now + TaskLifecycle.PULL_SECONDS;
        }
        task.group = request.group() != null ? request.group() : "family:" + def.family;
        task.startedBy = request.startedBy();
        task.serviceArn = request.serviceArn();
        task.deploymentId = request.deploymentId();
        task.enableExecuteCommand = request.enableExecuteCommand();
        task.healthStatus = "UNKNOWN";
        task.arm64 = "ARM64".equals(Json.text(def.body.path("runtimePlatform"), "cpuArchitecture"));
        task.version = 1L;
        if ("FARGATE".equals(launchType)) {
            String version = request.platformVersion();
            task.platformVersion = version == null || version.equals("LATEST") ? "1.4.0" : version;
            task.platformFamily = "Linux";
            task.ephemeralStorage = Json.object().put("sizeInGiB", 20);
        }
        JsonNode overrides = request.overrides();
        ObjectNode taskOverrides = Json.object();
        ArrayNode containerOverrides = taskOverrides.putArray("containerOverrides");
        taskOverrides.putArray("inferenceAcceleratorOverrides");
        if (overrides != null) {
            overrides.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("containerOverrides")) {
                    taskOverrides.set(f.getKey(), f.getValue().deepCopy());
                }
            });
        }
        String cpu = Json.text(overrides, "cpu", Json.text(def.body, "cpu"));
        String memory = Json.text(overrides, "memory", Json.text(def.body, "memory"));
        int containerCpu = 0;
        int containerMemory = 0;
        for (JsonNode definition : Json.list(def.body, "containerDefinitions")) {
            String name = Json.text(definition, "name");
            JsonNode override = null;
            for (JsonNode candidate : Json.list(overrides, "containerOverrides")) {
                if (name.equals(Json.text(candidate, "name"))) {
                    override = candidate;
                }
            }
            containerOverrides.add(override == null ? Json.object().put("name", name) : override.deepCopy());
            EcsState.TaskContainer container = new EcsState.TaskContainer();
            container.containerArn = ecs.arn("container/" + cluster.clusterName + "/" + id + "/" + Json.uuid(ecs.newId()));
            container.taskArn = task.taskArn;
            container.name = name;
            container.image = Json.text(definition, "image");
            container.lastStatus = "PENDING";
            container.essential = !definition.has("essential") || Json.bool(definition, "essential");
            Integer definitionCpu = Json.integer(override != null && override.has("cpu") ? override : definition, "cpu");
            container.cpu = String.valueOf(definitionCpu == null ? 0 : definitionCpu);
            Integer mem = Json.integer(override != null && override.has("memory") ? override : definition, "memory");
            Integer reservation = Json.integer(definition, "memoryReservation");
            container.memory = mem == null ? null : String.valueOf(mem);
            container.memoryReservation = reservation == null ? null : String.valueOf(reservation);
            container.healthStatus = "UNKNOWN";
            container.networkInterfaces = Json.array();
            container.networkBindings = Json.array();
            containerCpu += definitionCpu == null ? 0 : definitionCpu;
            containerMemory += mem != null ? mem : reservation != null ? reservation : 0;
            JsonNode command = override != null && override.has("command") ? override.get("command") : definition.get("command");
            if (container.essential && task.failure == null) {
                task.failure = failureOf(container.image, command);
            }
            task.containers.add(container);
        }
        taskOverrides.set("containerOverrides", containerOverrides);
        task.overrides = taskOverrides;
        task.cpuUnits = cpu != null ? TaskDefinitionRules.cpuUnits(cpu) : containerCpu;
        task.memoryMiB = memory != null ? TaskDefinitionRules.memoryMiB(memory) : containerMemory;
        task.cpu = cpu != null ? String.valueOf(task.cpuUnits) : String.valueOf(containerCpu);
        task.memory = memory != null ? String.valueOf(task.memoryMiB) : String.valueOf(containerMemory);
        return task;
    }

    /**
     * The simulator's rule for a task that fails to start, so students can watch a deployment fail:
     * an essential container whose image name contains "does-not-exist" or "bad" fails its image pull
     * (TaskFailedToStart, CannotPullContainerError); one whose command is exactly ["exit", "1"] exits
     * with code 1 as it starts (EssentialContainerExited). Either way the task never reaches RUNNING.
     */
    static String failureOf(String image, JsonNode command) {
        if (image != null && (image.contains("does-not-exist") || image.contains("bad"))) {
            return "pull";
        }
        if (command != null && command.isArray() && command.size() == 2 && "exit".equals(command.get(0).asText())
                && "1".equals(command.get(1).asText())) {
            return "exit";
        }
        return null;
    }

    private static List<Integer> staticPorts(EcsState.TaskDef def) {
        List<Integer> ports = new ArrayList<>();
        String mode = Json.text(def.body, "networkMode");
        if ("awsvpc".equals(mode) || "none".equals(mode)) {
            return ports;
        }
        for (JsonNode container : Json.list(def.body, "containerDefinitions")) {
            for (JsonNode mapping : Json.list(container, "portMappings")) {
                Integer host = Json.integer(mapping, "hostPort");
                Integer containerPort = Json.integer(mapping, "containerPort");
                if ("host".equals(mode) && containerPort != null) {
                    ports.add(host != null && host != 0 ? host : containerPort);
                } else if (host != null && host != 0) {
                    ports.add(host);
                }
            }
        }
        return ports;
    }

    private static void bindToInstance(Ecs ecs, EcsState.Task task, EcsState.ContainerInstance instance,
                                       EcsState.TaskDef def) {
        task.containerInstanceArn = instance.containerInstanceArn;
        task.availabilityZone = instance.availabilityZone;
        String mode = Json.text(def.body, "networkMode");
        if ("awsvpc".equals(mode) || "none".equals(mode)) {
            return;
        }
        Set<Integer> used = new HashSet<>(Placement.usedPorts(ecs, instance));
        for (EcsState.TaskContainer container : task.containers) {
            ArrayNode bindings = Json.array();
            for (JsonNode definition : Json.list(def.body, "containerDefinitions")) {
                if (!container.name.equals(Json.text(definition, "name"))) {
                    continue;
                }
                for (JsonNode mapping : Json.list(definition, "portMappings")) {
                    Integer containerPort = Json.integer(mapping, "containerPort");
                    Integer host = Json.integer(mapping, "hostPort");
                    int hostPort;
                    if ("host".equals(mode)) {
                        hostPort = host != null && host != 0 ? host : containerPort;
                    } else {
                        hostPort = host != null && host != 0 ? host : Placement.dynamicPort(used);
                    }
                    task.hostPorts.add(hostPort);
                    bindings.addObject().put("bindIP", "0.0.0.0").put("containerPort", containerPort)
                            .put("hostPort", hostPort).put("protocol", Json.text(mapping, "protocol", "tcp"));
                }
            }
            container.networkBindings = bindings;
        }
    }

    /** An elastic network interface in one of the request's subnets, spreading tasks of a group across them. */
    private static void attachEni(Ecs ecs, EcsState.Task task, Request request) {
        JsonNode vpc = request.networkConfiguration() == null ? null
                : request.networkConfiguration().get("awsvpcConfiguration");
        List<String> subnets = Json.strings(vpc, "subnets");
        String subnetId;
        if (task.containerInstanceArn != null) {
            // On EC2 the task's ENI lives in the instance's zone when a subnet there is given.
            subnetId = subnets.stream()
                    .filter(s -> Ec2Network.subnet(ecs.sandbox(), s).map(n -> n.availabilityZone.equals(task.availabilityZone)).orElse(false))
                    .findFirst()
                    .orElse(subnets.isEmpty() ? Ec2Network.defaultSubnets(ecs.sandbox()).get(0).subnetId : subnets.get(0));
        } else {
            Map<String, Long> perSubnet = new HashMap<>();
            ecs.state().tasks.values().stream()
                    .filter(t -> !t.stopped() && task.group.equals(t.group) && t.subnetId != null)
                    .forEach(t -> perSubnet.merge(t.subnetId, 1L, Long::sum));
            subnetId = subnets.stream()
                    .min((a, b) -> Long.compare(perSubnet.getOrDefault(a, 0L), perSubnet.getOrDefault(b, 0L)))
                    .orElseThrow();
        }
        Ec2State.Subnet subnet = Ec2Network.subnet(ecs.sandbox(), subnetId).orElseThrow();
        task.subnetId = subnetId;
        if (task.availabilityZone == null) {
            task.availabilityZone = subnet.availabilityZone;
        }
        String address = Ec2Network.allocateAddress(ecs.sandbox(), subnetId);
        String hex = ecs.newId();
        String mac = hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":" + hex.substring(4, 6) + ":"
                + hex.substring(6, 8) + ":" + hex.substring(8, 10) + ":" + hex.substring(10, 12);
        String attachmentId = Json.uuid(ecs.newId());
        ObjectNode attachment = Json.object();
        attachment.put("id", attachmentId);
        attachment.put("type", "ElasticNetworkInterface");
        attachment.put("status", "PRECREATED");
        ArrayNode details = attachment.putArray("details");
        details.addObject().put("name", "subnetId").put("value", subnetId);
        details.addObject().put("name", "networkInterfaceId").put("value", "eni-" + hex.substring(12, 29));
        details.addObject().put("name", "macAddress").put("value", mac);
        details.addObject().put("name", "privateDnsName").put("value", Ec2Network.privateDnsName(ecs.sandbox(), address));
        details.addObject().put("name", "privateIPv4Address").put("value", address);
        task.attachments = Json.array().add(attachment);
        for (EcsState.TaskContainer container : task.containers) {
            ArrayNode interfaces = Json.array();
            interfaces.addObject().put("attachmentId", attachmentId).put("privateIpv4Address", address);
            container.networkInterfaces = interfaces;
            ArrayNode bindings = Json.array();
            for (JsonNode definition : Json.list(request.def().body, "containerDefinitions")) {
                if (container.name.equals(Json.text(definition, "name"))) {
                    for (JsonNode mapping : Json.list(definition, "portMappings")) {
                        Integer port = Json.integer(mapping, "containerPort");
                        bindings.addObject().put("bindIP", address).put("containerPort", port).put("hostPort", port)
                                .put("protocol", Json.text(mapping, "protocol", "tcp"));
                    }
                }
            }
            container.networkBindings = bindings;
        }
    }

    /**
     * Checks a launch's network configuration against the task definition and the EC2 state, and
     * returns it with the security groups defaulted to the VPC's default group.
     */
    static JsonNode checkNetwork(Ecs ecs, EcsState.TaskDef def, JsonNode networkConfiguration) {
        String mode = Json.text(def.body, "networkMode");
        if (!"awsvpc".equals(mode)) {
            if (networkConfiguration != null && !networkConfiguration.isNull() && !networkConfiguration.isEmpty()) {
                throw AwsException.invalidParameter(
                        "Network Configuration is not valid for the given networkMode of this task definition.");
            }
            return null;
        }
        JsonNode vpc = networkConfiguration == null ? null : networkConfiguration.get("awsvpcConfiguration");
        if (vpc == null || vpc.isNull()) {
            throw AwsException.invalidParameter(
                    "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        }
        List<String> subnets = Json.strings(vpc, "subnets");
        if (subnets.isEmpty()) {
            throw AwsException.invalidParameter("subnets can not be empty.");
        }
        if (subnets.size() > 16) {
            throw AwsException.invalidParameter("subnets can have at most 16 items.");
        }
        String vpcId = null;
        for (String subnetId : subnets) {
            Ec2State.Subnet subnet = Ec2Network.subnet(ecs.sandbox(), subnetId).orElseThrow(() ->
                    AwsException.invalidParameter("Error retrieving subnet information for [" + subnetId
                            + "]: The subnet ID '" + subnetId + "' does not exist (ECS Service: AmazonEC2, Status Code: 400, "
                            + "Error Code: InvalidSubnetID.NotFound)"));
            if (vpcId != null && !vpcId.equals(subnet.vpcId)) {
                throw AwsException.invalidParameter("The subnets must all belong to the same VPC.");
            }
            vpcId = subnet.vpcId;
        }
        List<String> groups = Json.strings(vpc, "securityGroups");
        for (String groupId : groups) {
            Ec2State.SecurityGroup group = Ec2Network.securityGroup(ecs.sandbox(), groupId).orElseThrow(() ->
                    AwsException.invalidParameter("Error retrieving security group information for [" + groupId
                            + "]: The security group '" + groupId + "' does not exist (ECS Service: AmazonEC2, "
                            + "Status Code: 400, Error Code: InvalidGroup.NotFound)"));
            if (!group.vpcId.equals(vpcId)) {
                throw AwsException.invalidParameter("Security group " + groupId + " and subnets do not belong to the same VPC.");
            }
        }
        String publicIp = Json.text(vpc, "assignPublicIp", "DISABLED");
        if (!publicIp.equals("ENABLED") && !publicIp.equals("DISABLED")) {
            throw AwsException.invalidParameter("assignPublicIp must be ENABLED or DISABLED.");
        }
        ObjectNode checked = Json.object();
        ObjectNode config = checked.putObject("awsvpcConfiguration");
        config.set("subnets", Json.stringArray(subnets));
        config.set("securityGroups", Json.stringArray(groups.isEmpty()
                ? List.of(Ec2Network.defaultSecurityGroup(ecs.sandbox(), vpcId).groupId) : groups));
        config.put("assignPublicIp", publicIp);
        return checked;
    }

    /**
     * The launch type or capacity provider strategy a RunTask or CreateService resolves to: they are
     * exclusive; with neither, the cluster's default strategy, else EC2.
     */
    static Capacity resolveCapacity(Ecs ecs, EcsState.Cluster cluster, EcsState.TaskDef def, String launchType,
                                    JsonNode strategy) {
        boolean hasStrategy = strategy != null && strategy.isArray() && !strategy.isEmpty();
        if (launchType != null && hasStrategy) {
            throw AwsException.invalidParameter("Specifying both a launch type and capacity provider strategy is not "
                    + "supported. Remove one and try again.");
        }
        if (launchType == null && !hasStrategy) {
            JsonNode clusterDefault = cluster.defaultCapacityProviderStrategy;
            if (clusterDefault != null && !clusterDefault.isEmpty()) {
                strategy = clusterDefault.deepCopy();
                hasStrategy = true;
            } else {
                launchType = "EC2";
            }
        }
        if (hasStrategy) {
            CapacityProviders.checkStrategy(ecs, cluster, strategy);
            boolean fargate = CapacityProviders.FARGATE_PROVIDERS.contains(Json.text(strategy.get(0), "capacityProvider"));
            if (fargate && !Json.strings(def.body, "compatibilities").contains("FARGATE")) {
                throw AwsException.invalidParameter("Task definition does not support launch_type FARGATE.");
            }
            return new Capacity(null, strategy);
        }
        if (!List.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES").contains(launchType)) {
            throw AwsException.invalidParameter("1 validation error detected: Value '" + launchType
                    + "' at 'launchType' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES]");
        }
        if ("FARGATE".equals(launchType) && !Json.strings(def.body, "compatibilities").contains("FARGATE")) {
            throw AwsException.invalidParameter("Task definition does not support launch_type FARGATE.");
        }
        return new Capacity(launchType, null);
    }
}
