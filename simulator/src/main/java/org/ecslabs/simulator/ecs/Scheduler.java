package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The service scheduler, run on every tick: keeps desiredCount, replaces stopped tasks, rolls
 * deployments within minimumHealthyPercent and maximumPercent, trips the circuit breaker and
 * rolls back, runs daemons on every instance, drains deleted services, and writes the events.
 */
final class Scheduler {
    private static final int MAX_EVENTS = 100;
    /** How often the same placement problem is repeated in the events. */
    private static final int PLACEMENT_EVENT_REPEAT_SECONDS = 300;
    private static final int THROTTLE_AFTER_FAILURES = 3;
    private static final double MAX_THROTTLE_SECONDS = 900;

    private Scheduler() {
    }

    static boolean tick(Ecs ecs) {
        boolean changed = false;
        for (EcsState.Service service : new ArrayList<>(ecs.state().services.values())) {
            if ("INACTIVE".equals(service.status)) {
                continue;
            }
            String before = Json.view(service).toString() + serviceTasks(ecs, service).size() + TaskSets.json(ecs, service);
            schedule(ecs, service);
            changed |= !before.equals(Json.view(service).toString() + serviceTasks(ecs, service).size() + TaskSets.json(ecs, service));
        }
        return changed;
    }

    /** When the earliest timed wait of any service ends (a launch throttle, a blue/green bake time), or null. */
    static Double nextWake(Ecs ecs) {
        double now = ecs.now();
        Double wake = null;
        for (EcsState.Service service : ecs.state().services.values()) {
            if ("INACTIVE".equals(service.status)) {
                continue;
            }
            if (service.launchThrottledUntil != null && service.launchThrottledUntil > now) {
                wake = wake == null ? service.launchThrottledUntil : Math.min(wake, service.launchThrottledUntil);
            }
            if (!service.deployments.isEmpty() && BlueGreen.BAKE_TIME.equals(service.deployments.get(0).blueGreenStage)) {
                double end = service.deployments.get(0).stageStartedAt
                        + 60.0 * service.deploymentConfiguration.path("bakeTimeInMinutes").asInt(0);
                wake = wake == null ? end : Math.min(wake, end);
            }
            Double shift = BlueGreen.nextShiftAt(ecs, service);
            if (shift != null && shift > now) {
                wake = wake == null ? shift : Math.min(wake, shift);
            }
        }
        return wake;
    }

    /** The service's tasks that are not STOPPED yet, oldest first. */
    static List<EcsState.Task> serviceTasks(Ecs ecs, EcsState.Service service) {
        return ecs.state().tasks.values().stream()
                .filter(t -> service.serviceArn.equals(t.serviceArn) && !t.stopped())
                .toList();
    }

    /** ECS's circuit breaker threshold: half the desired count, at least 3 and at most 200. */
    static int threshold(int desiredCount) {
        return Math.max(3, Math.min(200, (int) Math.ceil(desiredCount / 2.0)));
    }

    /** Starts tasks for a deployment or task set. */
    interface Starter {
        void start(EcsState.Deployment deployment, int count);
    }

    /** Stops tasks on the scheduler's behalf. */
    interface Stopper {
        void stop(List<EcsState.Task> tasks);
    }

    private static void schedule(Ecs ecs, EcsState.Service service) {
        if ("DRAINING".equals(service.status)) {
            drain(ecs, service);
            return;
        }
        if (TaskSets.controls(service)) {
            TaskSets.schedule(ecs, service);
            return;
        }
        countFailures(ecs, service);
        replaceUnhealthy(ecs, service);
        EcsState.Deployment primary = service.deployments.get(0);
        checkCircuitBreaker(ecs, service);
        primary = service.deployments.get(0);
        if ("DAEMON".equals(service.schedulingStrategy)) {
            refreshDaemonCount(ecs, service);
            scheduleDaemon(ecs, service, primary);
        } else if (BlueGreen.schedule(ecs, service, primary, (deployment, count) -> start(ecs, service, deployment, count, null),
                tasks -> stop(ecs, service, tasks))) {
            // A blue/green deployment between its scale-up and its clean-up.
        } else {
            scheduleReplicas(ecs, service, primary);
        }
        retireDrainedDeployments(ecs, service);
        completeAndSettle(ecs, service);
    }

    private static void scheduleReplicas(Ecs ecs, EcsState.Service service, EcsState.Deployment primary) {
        int desired = service.desiredCount;
        int minHealthy = (int) Math.ceil(desired * service.deploymentConfiguration.get("minimumHealthyPercent").asInt() / 100.0);
        int maxTasks = (int) Math.floor(desired * service.deploymentConfiguration.get("maximumPercent").asInt() / 100.0);
        List<EcsState.Task> wanted = wantedTasks(ecs, service);
        List<EcsState.Task> toStop = new ArrayList<>();

        // Tasks that can go without hurting availability: old or drained ones still on their way up.
        List<EcsState.Task> primaryKeepers = wanted.stream()
                .filter(t -> primary.id.equals(t.deploymentId) && !onDrainingInstance(ecs, t))
                .collect(Collectors.toCollection(ArrayList::new));
        for (EcsState.Task task : wanted) {
            boolean replaceable = !primary.id.equals(task.deploymentId) || onDrainingInstance(ecs, task);
            if (replaceable && !task.running()) {
                toStop.add(task);
            }
        }
        // Scale in: the newest and unprotected first, pending before running.
        if (primaryKeepers.size() > desired) {
            List<EcsState.Task> surplus = primaryKeepers.stream()
                    .sorted(Comparator.<EcsState.Task, Boolean>comparing(t -> t.protectionEnabled && protectedNow(ecs, t))
                            .thenComparing(EcsState.Task::running)
                            .thenComparing(t -> -t.createdAt))
                    .limit(primaryKeepers.size() - desired)
                    .toList();
            toStop.addAll(surplus);
            primaryKeepers.removeAll(surplus);
        }
        // Replace old and drained running tasks as far as minimumHealthyPercent allows.
        long healthy = wanted.stream().filter(ContainerHealth::healthy).filter(t -> !toStop.contains(t)).count();
        for (EcsState.Task task : wanted) {
            boolean replaceable = !primary.id.equals(task.deploymentId) || onDrainingInstance(ecs, task);
            if (replaceable && task.running() && !toStop.contains(task)
                    && (!ContainerHealth.healthy(task) || healthy - 1 >= minHealthy)) {
                toStop.add(task);
                if (ContainerHealth.healthy(task)) {
                    healthy--;
                }
            }
        }
        stop(ecs, service, toStop);

        boolean failedForGood = "FAILED".equals(primary.rolloutState) || launchesThrottled(ecs, service);
        long active = wantedTasks(ecs, service).size();
        int room = (int) Math.max(0, maxTasks - active);
        int needed = desired - primaryKeepers.size();
        int count = failedForGood ? 0 : Math.min(needed, room);
        if (count > 0) {
            start(ecs, service, primary, count, null);
        }
    }

    private static void scheduleDaemon(Ecs ecs, EcsState.Service service, EcsState.Deployment primary) {
        List<EcsState.ContainerInstance> eligible = daemonInstances(ecs, service);
        List<EcsState.Task> wanted = wantedTasks(ecs, service);
        List<EcsState.Task> toStop = new ArrayList<>();
        for (EcsState.Task task : wanted) {
            boolean onEligible = eligible.stream().anyMatch(i -> i.containerInstanceArn.equals(task.containerInstanceArn));
            if (!onEligible || !primary.id.equals(task.deploymentId)) {
                toStop.add(task);
            }
        }
        stop(ecs, service, toStop);
        if ("FAILED".equals(primary.rolloutState)) {
            return;
        }
        for (EcsState.ContainerInstance instance : eligible) {
            boolean hasTask = serviceTasks(ecs, service).stream()
                    .anyMatch(t -> instance.containerInstanceArn.equals(t.containerInstanceArn)
                            && (t.wantedRunning() || !primary.id.equals(t.deploymentId)));
            if (!hasTask) {
                start(ecs, service, primary, 1, instance);
            }
        }
    }

    /** The instances a daemon service runs on: active, connected, and passing its constraints. */
    static List<EcsState.ContainerInstance> daemonInstances(Ecs ecs, EcsState.Service service) {
        EcsState.TaskDef def = ecs.findTaskDefinition(service.taskDefinition);
        return ecs.state().containerInstances.values().stream()
                .filter(i -> i.clusterArn.equals(service.clusterArn) && "ACTIVE".equals(i.status) && i.agentConnected)
                .filter(i -> {
                    List<JsonNode> constraints = new ArrayList<>(Placement.iterable(service.placementConstraints));
                    if (def != null) {
                        constraints.addAll(Placement.iterable(def.body.get("placementConstraints")));
                    }
                    return constraints.stream().noneMatch(c -> "memberOf".equals(Json.text(c, "type"))
                            && !Expressions.matches(Json.text(c, "expression"), i));
                })
                .toList();
    }

    static void refreshDaemonCount(Ecs ecs, EcsState.Service service) {
        if (!"DAEMON".equals(service.schedulingStrategy) || !"ACTIVE".equals(service.status)) {
            return;
        }
        service.desiredCount = daemonInstances(ecs, service).size();
        service.deployments.get(0).desiredCount = service.desiredCount;
    }

    private static void start(Ecs ecs, EcsState.Service service, EcsState.Deployment deployment, int count,
                              EcsState.ContainerInstance onlyOn) {
        EcsState.Cluster cluster = ecs.state().clusters.get(Json.lastSegment(service.clusterArn));
        EcsState.TaskDef def = ecs.findTaskDefinition(deployment.taskDefinition);
        if (cluster == null || def == null) {
            return;
        }
        Map<String, Integer> providerCounts = new HashMap<>();
        for (EcsState.Task task : wantedTasks(ecs, service)) {
            if (deployment.id.equals(task.deploymentId) && task.capacityProviderName != null) {
                providerCounts.merge(task.capacityProviderName, 1, Integer::sum);
            }
        }
        TaskLauncher.Request request = new TaskLauncher.Request(cluster, def, deployment.launchType,
                deployment.capacityProviderStrategy, deployment.networkConfiguration, deployment.platformVersion,
                service.placementConstraints, service.placementStrategy, "service:" + service.serviceName,
                deployment.id, null, propagatedTags(ecs, service, def),
                Boolean.TRUE.equals(service.enableExecuteCommand), service.serviceArn, deployment.id);
        TaskLauncher.Launched launched;
        if (onlyOn != null) {
            String misfit = Placement.misfit(ecs, onlyOn, new Placement.Need(cpuOf(def), memoryOf(def), List.of(),
                    null, null, null, null));
            if (misfit != null) {
                placementProblem(ecs, service, "The closest matching (container-instance " + onlyOn.id() + ") "
                        + ("RESOURCE:CPU".equals(misfit) ? "has insufficient CPU units available."
                        : "has insufficient memory available.")
                        + " For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
                return;
            }
        }
        launched = TaskLauncher.launch(ecs, request, count, providerCounts, onlyOn);
        if (!launched.tasks().isEmpty()) {
            event(ecs, service, "(service " + service.serviceName + ") has started " + launched.tasks().size()
                    + " tasks: " + launched.tasks().stream().map(t -> "(task " + t.id() + ")").collect(Collectors.joining(" "))
                    + ".");
            service.steady = false;
        }
        if (launched.tasks().size() < count && launched.placementProblem() != null) {
            placementProblem(ecs, service, launched.placementProblem());
        }
    }

    /** The tags a service gives its tasks: its own or its task definition's, as propagateTags says. */
    private static JsonNode propagatedTags(Ecs ecs, EcsState.Service service, EcsState.TaskDef def) {
        return switch (service.propagateTags == null ? "NONE" : service.propagateTags) {
            case "SERVICE" -> ecs.tagsJson(service.serviceArn);
            case "TASK_DEFINITION" -> ecs.tagsJson(def.taskDefinitionArn);
            default -> null;
        };
    }

    /** What a task of this definition takes from an instance: task-level cpu, else the containers' sum. */
    static int cpuOf(EcsState.TaskDef def) {
        if (def.body.has("cpu")) {
            return TaskDefinitionRules.cpuUnits(Json.text(def.body, "cpu"));
        }
        return Json.list(def.body, "containerDefinitions").stream()
                .mapToInt(c -> Json.integer(c, "cpu") == null ? 0 : Json.integer(c, "cpu")).sum();
    }

    static int memoryOf(EcsState.TaskDef def) {
        if (def.body.has("memory")) {
            return TaskDefinitionRules.memoryMiB(Json.text(def.body, "memory"));
        }
        int total = 0;
        for (JsonNode c : Json.list(def.body, "containerDefinitions")) {
            Integer memory = Json.integer(c, "memory");
            Integer reservation = Json.integer(c, "memoryReservation");
            total += memory != null ? memory : reservation != null ? reservation : 0;
        }
        return total;
    }

    private static void placementProblem(Ecs ecs, EcsState.Service service, String reason) {
        String message = "(service " + service.serviceName + ") was unable to place a task because no container instance "
                + "met all of its requirements. " + (reason.startsWith("No Container") ? "Reason: " + reason : reason);
        boolean repeat = message.equals(service.lastPlacementMessage) && service.lastPlacementEventAt != null
                && ecs.now() - service.lastPlacementEventAt < PLACEMENT_EVENT_REPEAT_SECONDS;
        if (!repeat) {
            event(ecs, service, message);
            service.lastPlacementMessage = message;
            service.lastPlacementEventAt = ecs.now();
        }
    }

    private static void stop(Ecs ecs, EcsState.Service service, List<EcsState.Task> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<String> running = new ArrayList<>();
        for (EcsState.Task task : tasks) {
            String reason = onDrainingInstance(ecs, task)
                    ? "Service " + service.serviceName + ": container instance is in DRAINING state"
                    : "Scaling activity initiated by (deployment " + task.deploymentId + ")";
            if (task.running()) {
                running.add(task.id());
            }
            TaskLifecycle.beginStop(task, ecs.now(), "ServiceSchedulerInitiated", reason);
        }
        if (!running.isEmpty()) {
            event(ecs, service, "(service " + service.serviceName + ") has stopped " + running.size() + " running tasks: "
                    + running.stream().map(id -> "(task " + id + ")").collect(Collectors.joining(" ")) + ".");
        }
        service.steady = false;
    }

    /** Service tasks still wanted RUNNING (on their way up or running). */
    private static List<EcsState.Task> wantedTasks(Ecs ecs, EcsState.Service service) {
        return serviceTasks(ecs, service).stream().filter(EcsState.Task::wantedRunning).toList();
    }

    private static boolean onDrainingInstance(Ecs ecs, EcsState.Task task) {
        if (task.containerInstanceArn == null) {
            return false;
        }
        EcsState.ContainerInstance instance = ecs.state().containerInstances.get(task.containerInstanceArn);
        return instance != null && !"ACTIVE".equals(instance.status);
    }

    private static boolean protectedNow(Ecs ecs, EcsState.Task task) {
        return task.protectionExpiresAt != null && task.protectionExpiresAt > ecs.now();
    }

    /** A service task whose essential container fails its health checks is stopped, as ECS does, and replaced. */
    private static void replaceUnhealthy(Ecs ecs, EcsState.Service service) {
        for (EcsState.Task task : wantedTasks(ecs, service)) {
            if ("UNHEALTHY".equals(task.healthStatus)) {
                event(ecs, service, "(service " + service.serviceName + ") (task " + task.id()
                        + ") failed container health checks.");
                TaskLifecycle.beginStop(task, ecs.now(), "ServiceSchedulerInitiated", ContainerHealth.FAILED_REASON);
                service.steady = false;
            }
        }
    }

    /** Counts, once each, the tasks of a deployment that stopped before ever running or failed their health checks. */
    private static void countFailures(Ecs ecs, EcsState.Service service) {
        for (EcsState.Task task : uncountedFailures(ecs, service)) {
            for (EcsState.Deployment deployment : service.deployments) {
                if (deployment.id.equals(task.deploymentId)) {
                    deployment.failedTasks++;
                    deployment.updatedAt = ecs.now();
                    if ("PRIMARY".equals(deployment.status)) {
                        throttle(ecs, service, deployment.failedTasks);
                    }
                }
            }
        }
    }

    /**
     * The service's stopped tasks that failed (never ran, or failed their health checks) and were not
     * counted yet; each is marked counted, so that a failure weighs once.
     */
    static List<EcsState.Task> uncountedFailures(Ecs ecs, EcsState.Service service) {
        List<EcsState.Task> failed = new ArrayList<>();
        for (EcsState.Task task : ecs.state().tasks.values()) {
            if (!service.serviceArn.equals(task.serviceArn) || task.failureCounted || !"STOPPED".equals(task.desiredStatus)) {
                continue;
            }
            boolean neverRan = task.startedAt == null
                    && ("TaskFailedToStart".equals(task.stopCode) || "EssentialContainerExited".equals(task.stopCode));
            if (neverRan || ContainerHealth.FAILED_REASON.equals(task.stoppedReason)) {
                task.failureCounted = true;
                failed.add(task);
            }
        }
        return failed;
    }

    /**
     * ECS's service throttle: from the third task of a deployment (or task set) that fails to start,
     * the scheduler waits before launching again, 15 s doubling up to 15 minutes, and says so once in
     * the events.
     */
    static void throttle(Ecs ecs, EcsState.Service service, int failedTasks) {
        if (failedTasks < THROTTLE_AFTER_FAILURES) {
            return;
        }
        int doublings = Math.min(6, failedTasks - THROTTLE_AFTER_FAILURES);
        service.launchThrottledUntil = ecs.now() + Math.min(MAX_THROTTLE_SECONDS, 15.0 * (1 << doublings));
        if (failedTasks == THROTTLE_AFTER_FAILURES) {
            event(ecs, service, "(service " + service.serviceName + ") is unable to consistently start tasks successfully. "
                    + "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
        }
    }

    /** Whether the service throttle holds launches back now. */
    static boolean launchesThrottled(Ecs ecs, EcsState.Service service) {
        return service.launchThrottledUntil != null && ecs.now() < service.launchThrottledUntil;
    }

    private static void checkCircuitBreaker(Ecs ecs, EcsState.Service service) {
        EcsState.Deployment primary = service.deployments.get(0);
        JsonNode breaker = service.deploymentConfiguration.get("deploymentCircuitBreaker");
        if (breaker == null || !Json.bool(breaker, "enable") || !"IN_PROGRESS".equals(primary.rolloutState)
                || primary.failedTasks < threshold(service.desiredCount)) {
            return;
        }
        primary.rolloutState = "FAILED";
        primary.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        primary.updatedAt = ecs.now();
        event(ecs, service, "(service " + service.serviceName + ") (deployment " + primary.id
                + ") deployment failed: tasks failed to start.");
        if (Json.bool(breaker, "rollback") && service.lastCompleted != null) {
            rollBack(ecs, service, primary, "ECS deployment circuit breaker: tasks failed to start.");
        } else {
            ServiceDeployments.finish(ecs, primary, "STOPPED", "ECS deployment circuit breaker: tasks failed to start.");
        }
    }

    /** Makes the last completed deployment's revision PRIMARY again, in a new deployment, as ECS does. */
    static void rollBack(Ecs ecs, EcsState.Service service, EcsState.Deployment failed, String reason) {
        EcsState.Deployment target = service.lastCompleted;
        failed.status = "ACTIVE";
        failed.updatedAt = ecs.now();
        ServiceDeployments.finish(ecs, failed, "ROLLBACK_IN_PROGRESS", reason);
        var record = ServiceDeployments.of(ecs, failed);
        if (record != null) {
            record.putObject("rollback").put("reason", reason).put("startedAt", ecs.now())
                    .put("serviceRevisionArn", target.serviceRevisionArn);
            record.remove("finishedAt");
        }
        service.taskDefinition = target.taskDefinition;
        service.launchType = target.launchType;
        service.capacityProviderStrategy = Json.copy(target.capacityProviderStrategy);
        service.networkConfiguration = Json.copy(target.networkConfiguration);
        EcsState.Deployment rollback = Services.newDeployment(ecs, service);
        rollback.rolloutStateReason = "ECS deployment circuit breaker: rolling back to deploymentId " + target.id + ".";
        rollback.serviceRevisionArn = target.serviceRevisionArn;
        // The rollback belongs to the failed deployment's record: it finishes as ROLLBACK_SUCCESSFUL.
        rollback.serviceDeploymentArn = failed.serviceDeploymentArn;
        EcsState.Deployment blue = service.deployments.stream().filter(d -> d.id.equals(target.id)).findFirst().orElse(null);
        if (failed.blueGreenStage != null && blue != null) {
            // Blue/green: blue still serves production; it simply becomes PRIMARY again and green goes.
            failed.blueGreenStage = null;
            service.deployments.remove(blue);
            blue.status = "PRIMARY";
            blue.rolloutState = "IN_PROGRESS";
            blue.rolloutStateReason = rollback.rolloutStateReason;
            blue.serviceDeploymentArn = failed.serviceDeploymentArn;
            rollback = blue;
        }
        service.deployments.add(0, rollback);
        service.launchThrottledUntil = null;
        event(ecs, service, "(service " + service.serviceName + ") rolling back to deployment " + target.id + ".");
        service.steady = false;
    }

    /** An old deployment leaves the list once the last of its tasks has stopped. */
    private static void retireDrainedDeployments(Ecs ecs, EcsState.Service service) {
        List<EcsState.Task> remaining = serviceTasks(ecs, service);
        service.deployments.removeIf(d -> !"PRIMARY".equals(d.status)
                && remaining.stream().noneMatch(t -> d.id.equals(t.deploymentId)));
    }

    private static void completeAndSettle(Ecs ecs, EcsState.Service service) {
        EcsState.Deployment primary = service.deployments.get(0);
        List<EcsState.Task> tasks = serviceTasks(ecs, service);
        long running = tasks.stream().filter(t -> primary.id.equals(t.deploymentId) && t.running()).count();
        // A running task still short of its health checks counts as pending: the deployment waits for it.
        long pending = tasks.stream().filter(t -> primary.id.equals(t.deploymentId)
                && (t.pending() || t.running() && !ContainerHealth.healthy(t))).count();
        ServiceDeployments.refresh(ecs, primary, (int) running, (int) pending);
        // As in ECS, an old deployment's desiredCount falls as its tasks are replaced.
        for (EcsState.Deployment old : service.deployments.subList(1, service.deployments.size())) {
            int wanted = (int) tasks.stream().filter(t -> old.id.equals(t.deploymentId) && t.wantedRunning()).count();
            if (old.desiredCount != wanted) {
                old.desiredCount = wanted;
                old.updatedAt = ecs.now();
            }
        }
        boolean settled = service.deployments.size() == 1 && running == service.desiredCount && pending == 0
                && tasks.stream().filter(EcsState.Task::wantedRunning).count() == service.desiredCount
                && LoadBalancing.targetsHealthy(ecs, service, primary.id);
        if (settled && "IN_PROGRESS".equals(primary.rolloutState)) {
            primary.rolloutState = "COMPLETED";
            primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
            primary.updatedAt = ecs.now();
            var record = ServiceDeployments.of(ecs, primary);
            boolean rolledBack = record != null && record.has("rollback");
            ServiceDeployments.finish(ecs, primary, rolledBack ? "ROLLBACK_SUCCESSFUL" : "SUCCESSFUL", null);
            service.lastCompleted = copyOf(primary);
            event(ecs, service, "(service " + service.serviceName + ") (deployment " + primary.id + ") deployment completed.");
        }
        if (settled && !service.steady) {
            service.steady = true;
            event(ecs, service, "(service " + service.serviceName + ") has reached a steady state.");
        } else if (!settled) {
            service.steady = false;
        }
    }

    private static EcsState.Deployment copyOf(EcsState.Deployment deployment) {
        return Json.MAPPER.convertValue(Json.MAPPER.valueToTree(deployment), EcsState.Deployment.class);
    }

    /** A deleted service stops its tasks and becomes INACTIVE when the last one has stopped. */
    private static void drain(Ecs ecs, EcsState.Service service) {
        List<EcsState.Task> wanted = wantedTasks(ecs, service);
        stop(ecs, service, new ArrayList<>(wanted));
        if (serviceTasks(ecs, service).isEmpty()) {
            service.status = "INACTIVE";
            for (EcsState.Deployment deployment : service.deployments) {
                if ("IN_PROGRESS".equals(deployment.rolloutState)) {
                    ServiceDeployments.finish(ecs, deployment, "STOPPED", "Service deleted.");
                }
            }
        }
    }

    static void event(Ecs ecs, EcsState.Service service, String message) {
        EcsState.ServiceEvent event = new EcsState.ServiceEvent();
        event.id = Json.uuid(ecs.newId());
        event.createdAt = ecs.now();
        event.message = message;
        service.events.add(0, event);
        while (service.events.size() > MAX_EVENTS) {
            service.events.remove(service.events.size() - 1);
        }
    }
}
