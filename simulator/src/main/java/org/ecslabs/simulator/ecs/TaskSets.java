package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * Task sets, how CODE_DEPLOY and EXTERNAL services run: each set keeps ceil(desiredCount x scale%)
 * tasks of its own revision, one is PRIMARY, and CodeDeploy (or the user) moves between them.
 * A task set is stored as one of the service's deployments; DescribeServices shows them as taskSets.
 */
final class TaskSets {
    private TaskSets() {
    }

    static boolean usesTaskSets(EcsState.Service service) {
        String type = Json.text(service.deploymentController, "type", "ECS");
        return type.equals("CODE_DEPLOY") || type.equals("EXTERNAL");
    }

    /** Makes a deployment a task set of the service, at the given scale. */
    static void initialize(Ecs ecs, EcsState.Service service, EcsState.Deployment set, double scale, JsonNode loadBalancers,
                           JsonNode serviceRegistries, String externalId) {
        String cluster = Json.lastSegment(service.clusterArn);
        set.taskSetArn = ecs.arn("task-set/" + cluster + "/" + service.serviceName + "/" + set.id);
        set.scaleValue = scale;
        set.externalId = externalId;
        set.loadBalancers = loadBalancers == null ? Json.array() : loadBalancers.deepCopy();
        set.serviceRegistries = serviceRegistries == null ? Json.array() : serviceRegistries.deepCopy();
        set.stabilityStatus = "STABILIZING";
        set.stabilityStatusAt = ecs.now();
        set.rolloutState = null;
        set.rolloutStateReason = null;
        set.desiredCount = computedDesiredCount(service, set);
    }

    static int computedDesiredCount(EcsState.Service service, EcsState.Deployment set) {
        if ("DRAINING".equals(set.status)) {
            return 0;
        }
        double scale = set.scaleValue == null ? 100.0 : set.scaleValue;
        return (int) Math.ceil(service.desiredCount * scale / 100.0 - 1e-9);
    }

    private static EcsState.Service serviceOf(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.Service service = ecs.service(cluster, Json.text(input, "service"));
        if (!"ACTIVE".equals(service.status)) {
            throw new AwsException("ServiceNotActiveException", "Service was not ACTIVE.");
        }
        if (!usesTaskSets(service)) {
            throw AwsException.invalidParameter("Amazon ECS only supports task set management on services configured "
                    + "to use external or CODE_DEPLOY deployment controllers.");
        }
        return service;
    }

    private static EcsState.Deployment find(EcsState.Service service, String reference) {
        if (reference == null) {
            throw AwsException.invalidParameter("taskSet can not be blank.");
        }
        for (EcsState.Deployment set : service.deployments) {
            if (reference.equals(set.taskSetArn) || reference.equals(set.id) || set.id.endsWith("/" + reference)) {
                return set;
            }
        }
        throw new AwsException("TaskSetNotFoundException", "The specified task set does not exist.");
    }

    private static double scale(JsonNode input) {
        JsonNode scale = input.get("scale");
        if (scale == null || scale.isNull()) {
            return 100.0;
        }
        String unit = Json.text(scale, "unit", "PERCENT");
        if (!unit.equals("PERCENT")) {
            throw AwsException.invalidParameter("Scale unit must be PERCENT.");
        }
        double value = scale.path("value").asDouble(100.0);
        if (value < 0 || value > 100) {
            throw AwsException.invalidParameter("Scale value must be between 0 and 100.");
        }
        return value;
    }

    static JsonNode create(Ecs ecs, ObjectNode input) {
        EcsState.Service service = serviceOf(ecs, input);
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.TaskDef def = ecs.taskDefinitionToRun(Json.text(input, "taskDefinition"));
        TaskLauncher.Capacity capacity = TaskLauncher.resolveCapacity(ecs, cluster, def, Json.text(input, "launchType"),
                input.get("capacityProviderStrategy"));
        JsonNode network = TaskLauncher.checkNetwork(ecs, def, input.get("networkConfiguration"));
        Services.checkLoadBalancers(def, input.get("loadBalancers"));
        if (Placement.iterable(input.get("loadBalancers")).size() > 1) {
            throw AwsException.invalidParameter("A task set can have at most one load balancer.");
        }
        double scale = scale(input);
        EcsState.Deployment set = new EcsState.Deployment();
        set.id = "ecs-svc/" + Json.digits(ecs.newId(), 19);
        set.status = "ACTIVE";
        set.taskDefinition = def.taskDefinitionArn;
        set.createdAt = ecs.now();
        set.updatedAt = ecs.now();
        set.launchType = capacity.launchType();
        set.capacityProviderStrategy = Json.copy(capacity.strategy());
        boolean fargate = "FARGATE".equals(capacity.launchType()) || capacity.strategy() != null
                && CapacityProviders.FARGATE_PROVIDERS.contains(Json.text(capacity.strategy().get(0), "capacityProvider"));
        set.platformVersion = fargate ? Json.text(input, "platformVersion", "LATEST") : null;
        set.platformFamily = fargate ? "Linux" : null;
        set.networkConfiguration = network;
        set.startedBy = Json.text(input, "startedBy");
        initialize(ecs, service, set, scale, input.get("loadBalancers"), input.get("serviceRegistries"),
                Json.text(input, "externalId"));
        service.deployments.add(set);
        ecs.putTags(set.taskSetArn, input.get("tags"));
        service.steady = false;
        return Json.object().set("taskSet", json(ecs, service, set));
    }

    static JsonNode describe(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.Service service = ecs.service(cluster, Json.text(input, "service"));
        List<String> references = Json.strings(input, "taskSets");
        ArrayNode found = Json.array();
        ArrayNode failures = Json.array();
        if (references.isEmpty()) {
            for (EcsState.Deployment set : service.deployments) {
                if (set.taskSetArn != null) {
                    found.add(json(ecs, service, set));
                }
            }
        }
        for (String reference : references) {
            try {
                found.add(json(ecs, service, find(service, reference)));
            } catch (AwsException e) {
                failures.addObject().put("arn", reference).put("reason", "MISSING");
            }
        }
        ObjectNode out = Json.object();
        out.set("taskSets", found);
        out.set("failures", failures);
        return out;
    }

    static JsonNode update(Ecs ecs, ObjectNode input) {
        EcsState.Service service = serviceOf(ecs, input);
        EcsState.Deployment set = find(service, Json.text(input, "taskSet"));
        if (!input.has("scale")) {
            throw AwsException.invalidParameter("scale can not be null.");
        }
        set.scaleValue = scale(input);
        set.desiredCount = computedDesiredCount(service, set);
        set.updatedAt = ecs.now();
        service.steady = false;
        return Json.object().set("taskSet", json(ecs, service, set));
    }

    static JsonNode updatePrimary(Ecs ecs, ObjectNode input) {
        EcsState.Service service = serviceOf(ecs, input);
        EcsState.Deployment set = find(service, Json.text(input, "primaryTaskSet"));
        if ("DRAINING".equals(set.status)) {
            throw AwsException.invalidParameter("The specified task set is draining and cannot become the primary task set.");
        }
        for (EcsState.Deployment other : service.deployments) {
            if ("PRIMARY".equals(other.status) && other != set) {
                other.status = "ACTIVE";
                other.updatedAt = ecs.now();
            }
        }
        set.status = "PRIMARY";
        set.updatedAt = ecs.now();
        service.deployments.remove(set);
        service.deployments.add(0, set);
        service.taskDefinition = set.taskDefinition;
        service.launchType = set.launchType;
        service.capacityProviderStrategy = Json.copy(set.capacityProviderStrategy);
        service.networkConfiguration = Json.copy(set.networkConfiguration);
        service.platformVersion = set.platformVersion;
        if (set.loadBalancers != null && !set.loadBalancers.isEmpty()) {
            service.loadBalancers = set.loadBalancers.deepCopy();
        }
        return Json.object().set("taskSet", json(ecs, service, set));
    }

    static JsonNode delete(Ecs ecs, ObjectNode input) {
        EcsState.Service service = serviceOf(ecs, input);
        EcsState.Deployment set = find(service, Json.text(input, "taskSet"));
        if ("PRIMARY".equals(set.status) && !Json.bool(input, "force")) {
            throw AwsException.invalidParameter("The specified task set is the primary task set of the service and "
                    + "cannot be deleted. Use force to delete it.");
        }
        set.status = "DRAINING";
        set.desiredCount = 0;
        set.updatedAt = ecs.now();
        service.steady = false;
        return Json.object().set("taskSet", json(ecs, service, set));
    }

    static ObjectNode json(Ecs ecs, EcsState.Service service, EcsState.Deployment set) {
        List<EcsState.Task> tasks = Scheduler.serviceTasks(ecs, service).stream()
                .filter(t -> set.id.equals(t.deploymentId)).toList();
        ObjectNode node = Json.object();
        node.put("id", set.id);
        node.put("taskSetArn", set.taskSetArn);
        node.put("serviceArn", service.serviceArn);
        node.put("clusterArn", service.clusterArn);
        if (set.startedBy != null) {
            node.put("startedBy", set.startedBy);
        }
        if (set.externalId != null) {
            node.put("externalId", set.externalId);
        }
        node.put("status", set.status);
        node.put("taskDefinition", set.taskDefinition);
        node.put("computedDesiredCount", computedDesiredCount(service, set));
        node.put("pendingCount", tasks.stream().filter(EcsState.Task::pending).count());
        node.put("runningCount", tasks.stream().filter(EcsState.Task::running).count());
        node.put("createdAt", set.createdAt);
        node.put("updatedAt", set.updatedAt);
        if (set.launchType != null) {
            node.put("launchType", set.launchType);
        }
        if (set.capacityProviderStrategy != null) {
            node.set("capacityProviderStrategy", set.capacityProviderStrategy.deepCopy());
        }
        if (set.platformVersion != null) {
            node.put("platformVersion", set.platformVersion);
            node.put("platformFamily", set.platformFamily);
        }
        if (set.networkConfiguration != null) {
            node.set("networkConfiguration", set.networkConfiguration.deepCopy());
        }
        node.set("loadBalancers", set.loadBalancers == null ? Json.array() : set.loadBalancers.deepCopy());
        node.set("serviceRegistries", set.serviceRegistries == null ? Json.array() : set.serviceRegistries.deepCopy());
        node.putObject("scale").put("value", set.scaleValue == null ? 100.0 : set.scaleValue).put("unit", "PERCENT");
        node.put("stabilityStatus", set.stabilityStatus == null ? "STABILIZING" : set.stabilityStatus);
        node.put("stabilityStatusAt", set.stabilityStatusAt == null ? set.createdAt : set.stabilityStatusAt);
        node.set("tags", ecs.tagsJson(set.taskSetArn));
        return node;
    }

    /**
     * The scheduler for task set services: each set converges on its computed count on its own,
     * draining sets empty out and disappear. Returns the tasks it started and stopped via the given callbacks.
     */
    static void schedule(Ecs ecs, EcsState.Service service, Scheduler.Starter starter, Scheduler.Stopper stopper) {
        for (EcsState.Deployment set : new ArrayList<>(service.deployments)) {
            int computed = computedDesiredCount(service, set);
            set.desiredCount = computed;
            List<EcsState.Task> wanted = Scheduler.serviceTasks(ecs, service).stream()
                    .filter(t -> set.id.equals(t.deploymentId) && t.wantedRunning())
                    .sorted(Comparator.comparing(EcsState.Task::running).thenComparing(t -> -t.createdAt))
                    .collect(Collectors.toCollection(ArrayList::new));
            if (wanted.size() > computed) {
                stopper.stop(new ArrayList<>(wanted.subList(0, wanted.size() - computed)));
            } else if (wanted.size() < computed && !"DRAINING".equals(set.status)) {
                starter.start(set, computed - wanted.size());
            }
            List<EcsState.Task> all = Scheduler.serviceTasks(ecs, service).stream()
                    .filter(t -> set.id.equals(t.deploymentId)).toList();
            long running = all.stream().filter(EcsState.Task::running).count();
            boolean stable = running == computed && all.stream().allMatch(EcsState.Task::running);
            String status = stable ? "STEADY_STATE" : "STABILIZING";
            if (!status.equals(set.stabilityStatus)) {
                set.stabilityStatus = status;
                set.stabilityStatusAt = ecs.now();
            }
            if ("DRAINING".equals(set.status) && all.isEmpty()) {
                service.deployments.remove(set);
            }
        }
    }

    /** Whether every task set has settled and none is draining. */
    static boolean settled(EcsState.Service service) {
        return service.deployments.stream()
                .allMatch(set -> "STEADY_STATE".equals(set.stabilityStatus) && !"DRAINING".equals(set.status));
    }
}
