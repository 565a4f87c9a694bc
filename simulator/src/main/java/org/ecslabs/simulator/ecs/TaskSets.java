package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * Task sets: how services with the CODE_DEPLOY or EXTERNAL deployment controller run tasks. Each
 * task set runs scale% of the service's desired count; the PRIMARY one is what the service is.
 * CodeDeploy drives them through these same operations.
 */
final class TaskSets {
    private TaskSets() {
    }

    /** Whether the service's tasks come from task sets rather than ECS deployments. */
    static boolean controls(EcsState.Service service) {
        String controller = Json.text(service.deploymentController, "type", "ECS");
        return "CODE_DEPLOY".equals(controller) || "EXTERNAL".equals(controller);
    }

    static List<TaskSetState.TaskSet> of(Ecs ecs, EcsState.Service service) {
        return ecs.sandbox().state(TaskSetState.class).taskSets.computeIfAbsent(service.serviceArn, arn -> new ArrayList<>());
    }

    static TaskSetState.TaskSet find(Ecs ecs, EcsState.Service service, String idOrArn) {
        if (idOrArn == null || !controls(service)) {
            return null;
        }
        for (TaskSetState.TaskSet taskSet : of(ecs, service)) {
            if (taskSet.id.equals(idOrArn) || taskSet.taskSetArn.equals(idOrArn)) {
                return taskSet;
            }
        }
        return null;
    }

    /** A CODE_DEPLOY service starts with one PRIMARY task set made from its own definition, as ECS does. */
    static void createInitial(Ecs ecs, EcsState.Service service) {
        if (!"CODE_DEPLOY".equals(Json.text(service.deploymentController, "type"))) {
            return;
        }
        TaskSetState.TaskSet taskSet = newTaskSet(ecs, service, service.taskDefinition, service.launchType,
                service.capacityProviderStrategy, service.platformVersion, service.networkConfiguration,
                service.loadBalancers, service.serviceRegistries, 100.0, null);
        taskSet.status = "PRIMARY";
        of(ecs, service).add(taskSet);
    }

    static JsonNode create(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.Service service = ecs.service(cluster, Json.required(input, "service"));
        requireTaskSetService(service);
        EcsState.TaskDef def = ecs.taskDefinitionToRun(Json.required(input, "taskDefinition"));
        TaskLauncher.Capacity capacity = TaskLauncher.resolveCapacity(ecs, cluster, def, Json.text(input, "launchType"),
                input.get("capacityProviderStrategy"));
        JsonNode network = TaskLauncher.checkNetwork(ecs, def, input.get("networkConfiguration"));
        Services.checkLoadBalancers(def, input.get("loadBalancers"));
        LoadBalancing.checkTargetGroups(ecs, def, input.get("loadBalancers"));
        double scale = scaleValue(input.get("scale"));
        String platformVersion = "FARGATE".equals(capacity.launchType()) ? Json.text(input, "platformVersion", "LATEST") : null;
        TaskSetState.TaskSet taskSet = newTaskSet(ecs, service, def.taskDefinitionArn, capacity.launchType(),
                capacity.strategy(), platformVersion, network, input.get("loadBalancers"), input.get("serviceRegistries"),
                scale, Json.text(input, "externalId"));
        List<TaskSetState.TaskSet> taskSets = of(ecs, service);
        taskSet.status = taskSets.stream().anyMatch(t -> "PRIMARY".equals(t.status)) ? "ACTIVE" : "PRIMARY";
        taskSets.add(taskSet);
        ecs.putTags(taskSet.taskSetArn, input.get("tags"));
        service.steady = false;
        return Json.object().set("taskSet", json(ecs, service, taskSet, false));
    }

    static JsonNode describe(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.Service service = ecs.service(cluster, Json.required(input, "service"));
        requireTaskSetService(service);
        boolean tags = Json.strings(input, "include").contains("TAGS");
        List<String> wanted = Json.strings(input, "taskSets");
        ArrayNode found = Json.array();
        ArrayNode failures = Json.array();
        if (wanted.isEmpty()) {
            of(ecs, service).forEach(taskSet -> found.add(json(ecs, service, taskSet, tags)));
        } else {
            for (String reference : wanted) {
                TaskSetState.TaskSet taskSet = find(ecs, service, reference);
                if (taskSet == null) {
                    failures.addObject().put("arn", reference).put("reason", "MISSING");
                } else {
                    found.add(json(ecs, service, taskSet, tags));
                }
            }
        }
        ObjectNode out = Json.object();
        out.set("taskSets", found);
        out.set("failures", failures);
        return out;
    }

    static JsonNode update(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.Service service = ecs.service(cluster, Json.required(input, "service"));
        requireTaskSetService(service);
        TaskSetState.TaskSet taskSet = require(ecs, service, Json.required(input, "taskSet"));
        if (!input.hasNonNull("scale")) {
            throw AwsException.invalidParameter("scale can not be blank.");
        }
        taskSet.scale = Json.object().put("value", scaleValue(input.get("scale"))).put("unit", "PERCENT");
        taskSet.updatedAt = ecs.now();
        service.steady = false;
        return Json.object().set("taskSet", json(ecs, service, taskSet, false));
    }

    static JsonNode updatePrimary(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.Service service = ecs.service(cluster, Json.required(input, "service"));
        requireTaskSetService(service);
        TaskSetState.TaskSet primary = require(ecs, service, Json.required(input, "primaryTaskSet"));
        if ("DRAINING".equals(primary.status)) {
            throw AwsException.invalidParameter("The specified task set is being deleted and cannot be made primary.");
        }
        for (TaskSetState.TaskSet taskSet : of(ecs, service)) {
            if ("PRIMARY".equals(taskSet.status) && taskSet != primary) {
                taskSet.status = "ACTIVE";
                taskSet.updatedAt = ecs.now();
            }
        }
        primary.status = "PRIMARY";
        primary.updatedAt = ecs.now();
        // The service shows what its primary task set runs.
        service.taskDefinition = primary.taskDefinition;
        service.loadBalancers = Json.copy(primary.loadBalancers);
        service.networkConfiguration = Json.copy(primary.networkConfiguration);
        return Json.object().set("taskSet", json(ecs, service, primary, false));
    }

    static JsonNode delete(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.Service service = ecs.service(cluster, Json.required(input, "service"));
        requireTaskSetService(service);
        TaskSetState.TaskSet taskSet = require(ecs, service, Json.required(input, "taskSet"));
        boolean force = Json.bool(input, "force");
        if ("PRIMARY".equals(taskSet.status) && !force) {
            throw AwsException.invalidParameter("The task set " + taskSet.id + " is the primary task set of the service "
                    + "and cannot be deleted. Make another task set primary first.");
        }
        if (!force && taskSet.scale.path("value").asDouble() > 0) {
            throw AwsException.invalidParameter("The task set " + taskSet.id + " cannot be deleted because it has not "
                    + "been scaled down to zero. Use the force parameter to delete it anyway.");
        }
        taskSet.status = "DRAINING";
        taskSet.updatedAt = ecs.now();
        taskSet.computedDesiredCount = 0;
        service.steady = false;
        return Json.object().set("taskSet", json(ecs, service, taskSet, false));
    }

    /** The scheduler for task set services: each task set keeps its share of the desired count. */
    static void schedule(Ecs ecs, EcsState.Service service) {
        List<TaskSetState.TaskSet> taskSets = of(ecs, service);
        // A task set whose tasks keep failing is throttled as a deployment is, or it would launch without end.
        for (EcsState.Task failed : Scheduler.uncountedFailures(ecs, service)) {
            for (TaskSetState.TaskSet taskSet : taskSets) {
                if (taskSet.id.equals(failed.deploymentId)) {
                    taskSet.failedTasks++;
                    Scheduler.throttle(ecs, service, taskSet.failedTasks);
                }
            }
        }
        List<EcsState.Task> tasks = Scheduler.serviceTasks(ecs, service);
        List<EcsState.Task> toStop = new ArrayList<>();
        for (EcsState.Task task : tasks) {
            if (task.wantedRunning() && taskSets.stream().noneMatch(t -> t.id.equals(task.deploymentId))) {
                toStop.add(task);
            }
        }
        boolean allSteady = true;
        for (TaskSetState.TaskSet taskSet : taskSets) {
            int target = "DRAINING".equals(taskSet.status) ? 0
                    : (int) Math.ceil(service.desiredCount * taskSet.scale.path("value").asDouble() / 100.0);
            taskSet.computedDesiredCount = target;
            List<EcsState.Task> wanted = tasks.stream()
                    .filter(t -> taskSet.id.equals(t.deploymentId) && t.wantedRunning()).toList();
            if (wanted.size() > target) {
                wanted.stream().sorted(Comparator.comparing(EcsState.Task::running).thenComparing(t -> -t.createdAt))
                        .limit(wanted.size() - target).forEach(toStop::add);
            } else if (wanted.size() < target && !Scheduler.launchesThrottled(ecs, service)) {
                start(ecs, service, taskSet, target - wanted.size());
            }
            long running = tasks.stream().filter(t -> taskSet.id.equals(t.deploymentId) && t.running() && t.wantedRunning()).count();
            boolean steady = running == target && wanted.size() == target
                    && LoadBalancing.targetsHealthy(ecs, service, taskSet.id);
            String stability = steady ? "STEADY_STATE" : "STABILIZING";
            if (!stability.equals(taskSet.stabilityStatus)) {
                taskSet.stabilityStatus = stability;
                taskSet.stabilityStatusAt = ecs.now();
            }
            allSteady &= steady;
        }
        stop(ecs, service, toStop);
        taskSets.removeIf(taskSet -> "DRAINING".equals(taskSet.status)
                && Scheduler.serviceTasks(ecs, service).stream().noneMatch(t -> taskSet.id.equals(t.deploymentId)));
        allSteady &= Scheduler.serviceTasks(ecs, service).stream().allMatch(t -> t.wantedRunning() && t.running());
        if (allSteady && !service.steady) {
            service.steady = true;
            Scheduler.event(ecs, service, "(service " + service.serviceName + ") has reached a steady state.");
        } else if (!allSteady) {
            service.steady = false;
        }
    }

    private static void start(Ecs ecs, EcsState.Service service, TaskSetState.TaskSet taskSet, int count) {
        EcsState.Cluster cluster = ecs.state().clusters.get(Json.lastSegment(service.clusterArn));
        EcsState.TaskDef def = ecs.findTaskDefinition(taskSet.taskDefinition);
        if (cluster == null || def == null) {
            return;
        }
        Map<String, Integer> providerCounts = new HashMap<>();
        for (EcsState.Task task : Scheduler.serviceTasks(ecs, service)) {
            if (taskSet.id.equals(task.deploymentId) && task.wantedRunning() && task.capacityProviderName != null) {
                providerCounts.merge(task.capacityProviderName, 1, Integer::sum);
            }
        }
        TaskLauncher.Request request = new TaskLauncher.Request(cluster, def, taskSet.launchType,
                taskSet.capacityProviderStrategy, taskSet.networkConfiguration, taskSet.platformVersion,
                service.placementConstraints, service.placementStrategy, "service:" + service.serviceName,
                taskSet.id, null, "SERVICE".equals(service.propagateTags) ? ecs.tagsJson(service.serviceArn) : null,
                Boolean.TRUE.equals(service.enableExecuteCommand), service.serviceArn, taskSet.id);
        TaskLauncher.Launched launched = TaskLauncher.launch(ecs, request, count, providerCounts, null);
        if (!launched.tasks().isEmpty()) {
            Scheduler.event(ecs, service, "(service " + service.serviceName + ", taskSet " + taskSet.id + ") has started "
                    + launched.tasks().size() + " tasks: " + launched.tasks().stream().map(t -> "(task " + t.id() + ")")
                    .collect(Collectors.joining(" ")) + ".");
            service.steady = false;
        }
        if (launched.tasks().size() < count && launched.placementProblem() != null
                && !launched.placementProblem().equals(service.lastPlacementMessage)) {
            service.lastPlacementMessage = launched.placementProblem();
            Scheduler.event(ecs, service, "(service " + service.serviceName + ", taskSet " + taskSet.id
                    + ") was unable to place a task. Reason: " + launched.placementProblem());
        }
    }

    private static void stop(Ecs ecs, EcsState.Service service, List<EcsState.Task> tasks) {
        List<String> running = new ArrayList<>();
        for (EcsState.Task task : tasks) {
            if (task.running()) {
                running.add(task.id());
            }
            TaskLifecycle.beginStop(task, ecs.now(), "ServiceSchedulerInitiated",
                    "Scaling activity initiated by (deployment " + task.deploymentId + ")");
        }
        if (!running.isEmpty()) {
            Scheduler.event(ecs, service, "(service " + service.serviceName + ") has stopped " + running.size()
                    + " running tasks: " + running.stream().map(id -> "(task " + id + ")").collect(Collectors.joining(" ")) + ".");
            service.steady = false;
        }
    }

    private static TaskSetState.TaskSet newTaskSet(Ecs ecs, EcsState.Service service, String taskDefinition,
                                                   String launchType, JsonNode strategy, String platformVersion,
                                                   JsonNode network, JsonNode loadBalancers, JsonNode registries,
                                                   double scale, String externalId) {
        TaskSetState.TaskSet taskSet = new TaskSetState.TaskSet();
        taskSet.id = "ecs-svc/" + Json.digits(ecs.newId(), 19);
        String cluster = Json.lastSegment(service.clusterArn);
        taskSet.taskSetArn = ecs.arn("task-set/" + cluster + "/" + service.serviceName + "/" + taskSet.id);
        taskSet.serviceArn = service.serviceArn;
        taskSet.clusterArn = service.clusterArn;
        taskSet.externalId = externalId;
        // CodeDeploy names its deployments d-XXXXXXXXX and passes them as the external id.
        taskSet.startedBy = externalId != null && externalId.matches("d-[A-Z0-9]{9}") ? "CodeDeploy" : null;
        taskSet.taskDefinition = taskDefinition;
        taskSet.launchType = launchType;
        taskSet.capacityProviderStrategy = Json.copy(strategy);
        taskSet.platformVersion = platformVersion;
        taskSet.platformFamily = platformVersion == null ? null : "Linux";
        taskSet.networkConfiguration = Json.copy(network);
        taskSet.loadBalancers = loadBalancers == null ? Json.array() : loadBalancers.deepCopy();
        taskSet.serviceRegistries = registries == null ? Json.array() : registries.deepCopy();
        taskSet.scale = Json.object().put("value", scale).put("unit", "PERCENT");
        taskSet.computedDesiredCount = (int) Math.ceil(service.desiredCount * scale / 100.0);
        taskSet.createdAt = ecs.now();
        taskSet.updatedAt = ecs.now();
        taskSet.stabilityStatus = "STABILIZING";
        taskSet.stabilityStatusAt = ecs.now();
        return taskSet;
    }

    private static double scaleValue(JsonNode scale) {
        if (scale == null || scale.isNull()) {
            return 100.0;
        }
        String unit = Json.text(scale, "unit", "PERCENT");
        if (!"PERCENT".equals(unit)) {
            throw AwsException.invalidParameter("Scale unit must be PERCENT.");
        }
        double value = scale.path("value").asDouble(100.0);
        if (value < 0 || value > 100) {
            throw AwsException.invalidParameter("Scale value must be between 0 and 100.");
        }
        return value;
    }

    private static void requireTaskSetService(EcsState.Service service) {
        if (!controls(service)) {
            throw AwsException.invalidParameter("Amazon ECS only supports task set management on services configured "
                    + "to use external or CODE_DEPLOY deployment controllers.");
        }
    }

    private static TaskSetState.TaskSet require(Ecs ecs, EcsState.Service service, String reference) {
        TaskSetState.TaskSet taskSet = find(ecs, service, reference);
        if (taskSet == null) {
            throw new AwsException("TaskSetNotFoundException", "The specified task set does not exist.");
        }
        return taskSet;
    }

    /** The task sets as DescribeServices shows them. */
    static ArrayNode json(Ecs ecs, EcsState.Service service) {
        ArrayNode array = Json.array();
        if (controls(service)) {
            of(ecs, service).forEach(taskSet -> array.add(json(ecs, service, taskSet, false)));
        }
        return array;
    }

    static ObjectNode json(Ecs ecs, EcsState.Service service, TaskSetState.TaskSet taskSet, boolean tags) {
        ObjectNode node = Json.view(taskSet);
        List<EcsState.Task> tasks = Scheduler.serviceTasks(ecs, service).stream()
                .filter(t -> taskSet.id.equals(t.deploymentId)).toList();
        node.put("pendingCount", tasks.stream().filter(EcsState.Task::pending).count());
        node.put("runningCount", tasks.stream().filter(EcsState.Task::running).count());
        if (tags) {
            node.set("tags", ecs.tagsJson(taskSet.taskSetArn));
        }
        return node;
    }
}
