package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.ec2.Ec2Network;
import org.ecslabs.simulator.ec2.Images;
import org.ecslabs.simulator.protocol.AwsException;

/** EC2 container instances: registration (by the agent or the AddContainerInstances control), state, draining. */
final class ContainerInstances {
    static final List<Integer> RESERVED_PORTS = List.of(22, 2375, 2376, 51678, 51679);

    /** CPU units and the memory (MiB) the ECS agent registers: a little less than the instance has. */
    static final Map<String, int[]> INSTANCE_TYPES = Map.of(
            "t3.micro", new int[] {2048, 943},
            "t3.small", new int[] {2048, 1939},
            "t3.medium", new int[] {2048, 3912},
            "t3.large", new int[] {2048, 7854},
            "m5.large", new int[] {2048, 7681},
            "m5.xlarge", new int[] {4096, 15576},
            "c5.large", new int[] {2048, 3704});

    private ContainerInstances() {
    }

    static EcsState.ContainerInstance add(Ecs ecs, EcsState.Cluster cluster, String instanceType, String zone,
                                          String ec2InstanceId, String capacityProvider, int cpu, int memory) {
        EcsState.ContainerInstance instance = new EcsState.ContainerInstance();
        instance.containerInstanceArn = ecs.arn("container-instance/" + cluster.clusterName + "/" + ecs.newId());
        instance.clusterArn = cluster.clusterArn;
        instance.ec2InstanceId = ec2InstanceId != null ? ec2InstanceId : "i-" + ecs.newId().substring(0, 17);
        instance.capacityProviderName = capacityProvider;
        instance.status = "ACTIVE";
        instance.agentConnected = true;
        instance.registeredAt = ecs.now();
        instance.instanceType = instanceType;
        instance.availabilityZone = zone;
        instance.cpu = cpu;
        instance.memory = memory;
        ecs.state().containerInstances.put(instance.containerInstanceArn, instance);
        return instance;
    }

    /** The AddContainerInstances control: n instances of a type, spread over the region's zones. */
    static JsonNode addControl(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        Integer count = Json.integer(input, "count");
        int n = count == null ? 1 : count;
        if (n < 1 || n > 50) {
            throw AwsException.invalidParameter("count must be between 1 and 50.");
        }
        String type = Json.text(input, "instanceType", "t3.medium");
        int[] size = INSTANCE_TYPES.get(type);
        if (size == null) {
            throw AwsException.invalidParameter("Unsupported instanceType " + type + ". Supported: "
                    + INSTANCE_TYPES.keySet().stream().sorted().toList() + ".");
        }
        String provider = Json.text(input, "capacityProvider");
        if (provider != null && !ecs.state().capacityProviders.containsKey(provider)) {
            throw AwsException.invalidParameter("The specified capacity provider " + provider + " does not exist.");
        }
        List<String> zones = Ec2Network.availabilityZones(ecs.sandbox());
        ArrayNode added = Json.array();
        for (int i = 0; i < n; i++) {
            long existing = ecs.state().containerInstances.values().stream()
                    .filter(ci -> ci.clusterArn.equals(cluster.clusterArn)).count();
            String zone = zones.get((int) (existing % zones.size()));
            added.add(json(ecs, add(ecs, cluster, type, zone, null, provider, size[0], size[1]), false));
        }
        return Json.object().set("containerInstances", added);
    }

    static JsonNode register(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        String type = "t3.medium";
        String zone = ecs.sandbox().region() + "a";
        String ec2Id = null;
        String document = Json.text(input, "instanceIdentityDocument");
        if (document != null) {
            try {
                JsonNode identity = Json.MAPPER.readTree(document);
                type = Json.text(identity, "instanceType", type);
                zone = Json.text(identity, "availabilityZone", zone);
                ec2Id = Json.text(identity, "instanceId");
            } catch (Exception e) {
                throw AwsException.clientException("The instance identity document is not valid JSON.");
            }
        }
        int[] size = INSTANCE_TYPES.getOrDefault(type, new int[] {2048, 3912});
        int cpu = size[0];
        int memory = size[1];
        for (JsonNode resource : Json.list(input, "totalResources")) {
            Integer value = Json.integer(resource, "integerValue");
            if ("CPU".equals(Json.text(resource, "name")) && value != null) {
                cpu = value;
            }
            if ("MEMORY".equals(Json.text(resource, "name")) && value != null) {
                memory = value;
            }
        }
        EcsState.ContainerInstance instance = add(ecs, cluster, type, zone, ec2Id, null, cpu, memory);
        for (JsonNode attribute : Json.list(input, "attributes")) {
            instance.customAttributes.put(Json.text(attribute, "name"), Json.text(attribute, "value"));
        }
        ecs.putTags(instance.containerInstanceArn, input.get("tags"));
        return Json.object().set("containerInstance", json(ecs, instance, false));
    }

    static EcsState.ContainerInstance find(Ecs ecs, EcsState.Cluster cluster, String reference) {
        if (reference == null) {
            throw AwsException.invalidParameter("Container instance can not be blank.");
        }
        EcsState.ContainerInstance instance = ecs.state().containerInstances.get(ecs.containerInstanceArn(cluster, reference));
        if (instance == null) {
            throw AwsException.invalidParameter("The referenced container instance " + reference + " was not found.");
        }
        return instance;
    }

    static JsonNode deregister(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.ContainerInstance instance = find(ecs, cluster, Json.text(input, "containerInstance"));
        List<EcsState.Task> tasks = Placement.tasksOn(ecs, instance);
        if (!tasks.isEmpty() && !Json.bool(input, "force")) {
            throw AwsException.invalidParameter("Found running tasks on the instance. Use force to deregister the instance.");
        }
        instance.status = "INACTIVE";
        instance.agentConnected = false;
        for (EcsState.Task task : tasks) {
            TaskLifecycle.beginStop(task, ecs.now(), "ServiceSchedulerInitiated",
                    "Container instance " + instance.id() + " was deregistered.");
        }
        return Json.object().set("containerInstance", json(ecs, instance, false));
    }

    /** The FailContainerInstance control: the host dies, its tasks stop, services replace them elsewhere. */
    static JsonNode fail(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.ContainerInstance instance = find(ecs, cluster, Json.text(input, "containerInstance"));
        instance.status = "INACTIVE";
        instance.agentConnected = false;
        instance.statusReason = "Instance " + instance.ec2InstanceId + " was terminated.";
        instance.version++;
        for (EcsState.Task task : Placement.tasksOn(ecs, instance)) {
            TaskLifecycle.beginStop(task, ecs.now(), "TerminationNotice",
                    "Host EC2 (instance " + instance.ec2InstanceId + ") terminated.");
        }
        return Json.object().set("containerInstance", json(ecs, instance, false));
    }

    static JsonNode describe(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        List<String> references = Json.strings(input, "containerInstances");
        if (references.isEmpty()) {
            throw AwsException.invalidParameter("Container instances cannot be empty.");
        }
        boolean tags = Json.strings(input, "include").contains("TAGS");
        ArrayNode found = Json.array();
        ArrayNode failures = Json.array();
        for (String reference : references) {
            EcsState.ContainerInstance instance = ecs.state().containerInstances.get(ecs.containerInstanceArn(cluster, reference));
            if (instance == null) {
                failures.addObject().put("arn", ecs.containerInstanceArn(cluster, reference)).put("reason", "MISSING");
            } else {
                found.add(json(ecs, instance, tags));
            }
        }
        ObjectNode out = Json.object();
        out.set("containerInstances", found);
        out.set("failures", failures);
        return out;
    }

    static JsonNode list(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        String status = Json.text(input, "status");
        String filter = Json.text(input, "filter");
        if (filter != null) {
            Expressions.check(filter);
        }
        List<String> arns = ecs.state().containerInstances.values().stream()
                .filter(i -> i.clusterArn.equals(cluster.clusterArn))
                .filter(i -> status == null ? !"INACTIVE".equals(i.status) : status.equals(i.status))
                .filter(i -> filter == null || Expressions.matches(filter, i))
                .map(i -> i.containerInstanceArn)
                .toList();
        return Pages.of(input, arns, "containerInstanceArns", 100);
    }

    static JsonNode updateState(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        String status = Json.text(input, "status");
        if (!"ACTIVE".equals(status) && !"DRAINING".equals(status)) {
            throw AwsException.invalidParameter("Container instances status can only be updated to ACTIVE or DRAINING.");
        }
        ArrayNode updated = Json.array();
        ArrayNode failures = Json.array();
        for (String reference : Json.strings(input, "containerInstances")) {
            EcsState.ContainerInstance instance = ecs.state().containerInstances.get(ecs.containerInstanceArn(cluster, reference));
            if (instance == null || "INACTIVE".equals(instance.status)) {
                failures.addObject().put("arn", ecs.containerInstanceArn(cluster, reference)).put("reason", "MISSING");
                continue;
            }
            if (!status.equals(instance.status)) {
                instance.status = status;
                instance.version++;
            }
            updated.add(json(ecs, instance, false));
        }
        ObjectNode out = Json.object();
        out.set("containerInstances", updated);
        out.set("failures", failures);
        return out;
    }

    static ArrayNode attributes(EcsState.ContainerInstance instance) {
        ArrayNode attributes = Json.array();
        attributes.addObject().put("name", "ecs.availability-zone").put("value", instance.availabilityZone);
        attributes.addObject().put("name", "ecs.instance-type").put("value", instance.instanceType);
        attributes.addObject().put("name", "ecs.os-type").put("value", "linux");
        attributes.addObject().put("name", "ecs.cpu-architecture").put("value", "x86_64");
        attributes.addObject().put("name", "ecs.ami-id").put("value", Images.ECS_AL2023.imageId());
        attributes.addObject().put("name", "ecs.capability.task-eni");
        attributes.addObject().put("name", "com.amazonaws.ecs.capability.logging-driver.awslogs");
        attributes.addObject().put("name", "com.amazonaws.ecs.capability.docker-remote-api.1.19");
        attributes.addObject().put("name", "com.amazonaws.ecs.capability.task-iam-role");
        attributes.addObject().put("name", "ecs.capability.execution-role-awslogs");
        instance.customAttributes.forEach((name, value) -> {
            ObjectNode attribute = attributes.addObject().put("name", name);
            if (value != null) {
                attribute.put("value", value);
            }
        });
        return attributes;
    }

    static ObjectNode json(Ecs ecs, EcsState.ContainerInstance instance, boolean tags) {
        ObjectNode node = Json.object();
        node.put("containerInstanceArn", instance.containerInstanceArn);
        node.put("ec2InstanceId", instance.ec2InstanceId);
        if (instance.capacityProviderName != null) {
            node.put("capacityProviderName", instance.capacityProviderName);
        }
        node.put("version", instance.version);
        node.putObject("versionInfo").put("agentVersion", "1.89.0").put("agentHash", "a8e2d0f6")
                .put("dockerVersion", "DockerVersion: 25.0.6");
        List<EcsState.Task> tasks = Placement.tasksOn(ecs, instance);
        List<Integer> ports = new ArrayList<>(RESERVED_PORTS);
        tasks.forEach(t -> ports.addAll(t.hostPorts));
        node.set("remainingResources", resources(Placement.remainingCpu(ecs, instance),
                Placement.remainingMemory(ecs, instance), ports));
        node.set("registeredResources", resources(instance.cpu, instance.memory, RESERVED_PORTS));
        node.put("status", instance.status);
        if (instance.statusReason != null) {
            node.put("statusReason", instance.statusReason);
        }
        node.put("agentConnected", instance.agentConnected);
        node.put("runningTasksCount", tasks.stream().filter(EcsState.Task::running).count());
        node.put("pendingTasksCount", tasks.stream().filter(EcsState.Task::pending).count());
        node.set("attributes", attributes(instance));
        node.put("registeredAt", instance.registeredAt);
        node.putArray("attachments");
        if (tags) {
            node.set("tags", ecs.tagsJson(instance.containerInstanceArn));
        }
        return node;
    }

    private static ArrayNode resources(int cpu, int memory, List<Integer> ports) {
        ArrayNode resources = Json.array();
        resources.addObject().put("name", "CPU").put("type", "INTEGER").put("doubleValue", 0.0).put("longValue", 0)
                .put("integerValue", cpu);
        resources.addObject().put("name", "MEMORY").put("type", "INTEGER").put("doubleValue", 0.0).put("longValue", 0)
                .put("integerValue", memory);
        resources.addObject().put("name", "PORTS").put("type", "STRINGSET").put("doubleValue", 0.0).put("longValue", 0)
                .put("integerValue", 0)
                .set("stringSetValue", Json.stringArray(ports.stream().sorted().map(String::valueOf).toList()));
        resources.addObject().put("name", "PORTS_UDP").put("type", "STRINGSET").put("doubleValue", 0.0).put("longValue", 0)
                .put("integerValue", 0).putArray("stringSetValue");
        return resources;
    }
}
