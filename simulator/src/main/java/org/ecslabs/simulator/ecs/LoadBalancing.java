package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ecslabs.simulator.elbv2.Elbv2Targets;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * Services behind load balancers: a service task becomes a target of each of its target groups
 * when it reaches RUNNING and drains when it stops (DEACTIVATING lasts the deregistration delay);
 * a task whose target turns unhealthy after the grace period is stopped and replaced; a deployment
 * is complete only when its tasks' targets are healthy.
 */
final class LoadBalancing {
    private LoadBalancing() {
    }

    /** What ECS checks of a service's target groups at CreateService and UpdateService. */
    static void checkTargetGroups(Ecs ecs, EcsState.TaskDef def, JsonNode loadBalancers) {
        String mode = Json.text(def.body, "networkMode", "bridge");
        for (JsonNode lb : Placement.iterable(loadBalancers)) {
            for (String arn : new String[] {Json.text(lb, "targetGroupArn"),
                Json.text(lb.path("advancedConfiguration"), "alternateTargetGroupArn")}) {
                checkTargetGroup(ecs, mode, arn);
            }
        }
    }

    private static void checkTargetGroup(Ecs ecs, String mode, String arn) {
        if (arn == null) {
            return;
        }
        String type = Elbv2Targets.targetType(ecs.sandbox(), arn);
        if (type == null) {
            // A group the simulator's ELBv2 does not hold: nothing to check it against (ECS's own tests use such ARNs).
            return;
        }
        if (!Elbv2Targets.hasLoadBalancer(ecs.sandbox(), arn)) {
            throw AwsException.invalidParameter("The target group with targetGroupArn " + arn
                    + " does not have an associated load balancer.");
        }
        if (mode.equals("awsvpc") && !type.equals("ip")) {
            throw AwsException.invalidParameter("The provided target group " + arn + " has target type " + type
                    + ", which is incompatible with the awsvpc network mode specified in the task definition.");
        }
        if (!mode.equals("awsvpc") && type.equals("ip")) {
            throw AwsException.invalidParameter("The provided target group " + arn + " has target type ip, which is "
                    + "incompatible with the " + mode + " network mode specified in the task definition.");
        }
    }

    /** Registers, deregisters and health-checks service tasks; runs before the tasks' lifecycle on each tick. */
    static boolean tick(Ecs ecs) {
        TaskSetState lb = ecs.sandbox().state(TaskSetState.class);
        if (ecs.state().services.isEmpty() && lb.registrations.isEmpty()) {
            return false;
        }
        boolean changed = false;
        long now = (long) Math.floor(ecs.now());
        // Service events, as ECS writes them: "(service web) registered 2 targets in (target-group ...)".
        Map<String, Integer> registered = new LinkedHashMap<>();
        Map<String, Integer> deregistered = new LinkedHashMap<>();
        for (EcsState.Task task : ecs.state().tasks.values()) {
            if (task.serviceArn == null) {
                continue;
            }
            EcsState.Service service = ecs.state().services.get(task.serviceArn);
            if (service == null) {
                continue;
            }
            if (task.running() && task.wantedRunning()) {
                List<JsonNode> balancers = loadBalancersOf(ecs, service, task);
                for (JsonNode balancer : balancers) {
                    String groupArn = targetGroupOf(service, task, balancer, balancer == balancers.get(0));
                    if (register(ecs, lb, task, balancer, groupArn)) {
                        registered.merge(service.serviceArn + " " + groupArn, 1, Integer::sum);
                        changed = true;
                    }
                }
                changed |= checkHealth(ecs, lb, service, task, now);
            }
        }
        for (EcsState.Service service : ecs.state().services.values()) {
            if (!"INACTIVE".equals(service.status) && BlueGreen.enabled(service)) {
                changed |= routeBlueGreen(ecs, service);
            }
        }
        for (TaskSetState.Registration registration : new ArrayList<>(lb.registrations.values())) {
            EcsState.Task task = ecs.state().tasks.get(registration.taskArn);
            Elbv2Targets.Health health = Elbv2Targets.health(ecs.sandbox(), registration.targetGroupArn,
                    registration.targetId, registration.port);
            String state = health == null ? null : health.state();
            if (!Objects.equals(state, registration.lastState)) {
                registration.lastState = state;
                changed = true;
            }
            boolean leaving = task == null || !task.wantedRunning() || task.stopped();
            if (leaving && !registration.deregistered) {
                long gone = Elbv2Targets.deregister(ecs.sandbox(), registration.targetGroupArn, registration.targetId,
                        registration.port);
                registration.deregistered = true;
                changed = true;
                if (task != null && task.serviceArn != null) {
                    deregistered.merge(task.serviceArn + " " + registration.targetGroupArn, 1, Integer::sum);
                }
                // ECS holds the task in DEACTIVATING until its targets have drained.
                if (task != null && "DEACTIVATING".equals(task.lastStatus) && task.nextAt != null && gone > task.nextAt) {
                    task.nextAt = (double) gone;
                }
            }
            if (registration.deregistered && (task == null || task.stopped())) {
                lb.registrations.remove(key(registration.taskArn, registration.targetGroupArn));
                changed = true;
            }
        }
        targetEvents(ecs, registered, "registered");
        targetEvents(ecs, deregistered, "deregistered");
        return changed;
    }

    private static void targetEvents(Ecs ecs, Map<String, Integer> counts, String verb) {
        counts.forEach((key, count) -> {
            EcsState.Service service = ecs.state().services.get(key.substring(0, key.indexOf(' ')));
            if (service != null) {
                Scheduler.event(ecs, service, "(service " + service.serviceName + ") " + verb + " " + count
                        + " targets in (target-group " + key.substring(key.indexOf(' ') + 1) + ")");
            }
        });
    }

    /** The load balancers a service task serves: its task set's, or the service's own. */
    static List<JsonNode> loadBalancersOf(Ecs ecs, EcsState.Service service, EcsState.Task task) {
        TaskSetState.TaskSet taskSet = TaskSets.find(ecs, service, task.deploymentId);
        return Placement.iterable(taskSet != null ? taskSet.loadBalancers : service.loadBalancers);
    }

    /** The group a task joins for a load balancer: with native blue/green, the first one's is its deployment's own. */
    static String targetGroupOf(EcsState.Service service, EcsState.Task task, JsonNode balancer, boolean first) {
        String group = Json.text(balancer, "targetGroupArn");
        if (first && BlueGreen.enabled(service)) {
            for (EcsState.Deployment deployment : service.deployments) {
                if (deployment.id.equals(task.deploymentId) && deployment.targetGroupArn != null) {
                    return deployment.targetGroupArn;
                }
            }
        }
        return group;
    }

    /**
     * Native blue/green: the production (and test) listener rules forward to the groups at the
     * weights ECS says production has now (all to one, or LINEAR/CANARY's shares mid-shift); the test
     * rule sends everything to green as soon as production starts shifting. Returns whether a rule changed.
     */
    private static boolean routeBlueGreen(Ecs ecs, EcsState.Service service) {
        Map<String, Integer> weights = EcsLink.productionWeights(ecs.sandbox(), service.serviceArn);
        JsonNode first = Placement.iterable(service.loadBalancers).stream().findFirst().orElse(null);
        if (weights.isEmpty() || first == null) {
            return false;
        }
        JsonNode advanced = first.path("advancedConfiguration");
        Map<String, Integer> test = weights;
        EcsState.Deployment green = service.deployments.get(0);
        if (BlueGreen.TRAFFIC_SHIFT.equals(green.blueGreenStage)) {
            test = new LinkedHashMap<>();
            for (String group : weights.keySet()) {
                test.put(group, group.equals(green.targetGroupArn) ? 100 : 0);
            }
        }
        boolean changed = false;
        changed |= reroute(ecs, Json.text(advanced, "productionListenerRule"), weights);
        changed |= reroute(ecs, Json.text(advanced, "testListenerRule"), test);
        return changed;
    }

    private static boolean reroute(Ecs ecs, String rule, Map<String, Integer> weights) {
        if (rule == null || weights.equals(Elbv2Targets.ruleForwardWeights(ecs.sandbox(), rule))) {
            return false;
        }
        Elbv2Targets.setRuleForwardWeights(ecs.sandbox(), rule, weights);
        return true;
    }

    private static boolean register(Ecs ecs, TaskSetState lb, EcsState.Task task, JsonNode balancer, String groupArn) {
        if (groupArn == null || lb.registrations.containsKey(key(task.taskArn, groupArn))) {
            return false;
        }
        Target target = target(ecs, task, balancer);
        if (target == null || Elbv2Targets.targetType(ecs.sandbox(), groupArn) == null) {
            return false;
        }
        Elbv2Targets.register(ecs.sandbox(), groupArn, target.id(), target.port(), task.availabilityZone, task.taskArn);
        TaskSetState.Registration registration = new TaskSetState.Registration();
        registration.taskArn = task.taskArn;
        registration.targetGroupArn = groupArn;
        registration.targetId = target.id();
        registration.port = target.port();
        lb.registrations.put(key(task.taskArn, groupArn), registration);
        return true;
    }

    /** An unhealthy target past the grace period gets its task stopped; the scheduler starts a new one. */
    private static boolean checkHealth(Ecs ecs, TaskSetState lb, EcsState.Service service, EcsState.Task task, long now) {
        int grace = service.healthCheckGracePeriodSeconds == null ? 0 : service.healthCheckGracePeriodSeconds;
        if (task.startedAt == null || now < task.startedAt + grace) {
            return false;
        }
        for (TaskSetState.Registration registration : lb.registrations.values()) {
            if (!registration.taskArn.equals(task.taskArn) || registration.deregistered) {
                continue;
            }
            Elbv2Targets.Health health = Elbv2Targets.health(ecs.sandbox(), registration.targetGroupArn,
                    registration.targetId, registration.port);
            if (health != null && "unhealthy".equals(health.state())) {
                Scheduler.event(ecs, service, "(service " + service.serviceName + ") (task " + task.id() + ") (port "
                        + registration.port + ") is unhealthy in (target-group " + registration.targetGroupArn
                        + ") due to (reason " + health.description() + ").");
                TaskLifecycle.beginStop(task, ecs.now(), "ServiceSchedulerInitiated",
                        "Task failed ELB health checks in (target-group " + registration.targetGroupArn + ")");
                return true;
            }
        }
        return false;
    }

    /** Whether every running task of the deployment (or task set) has passed its load balancer health checks. */
    static boolean targetsHealthy(Ecs ecs, EcsState.Service service, String deploymentId) {
        TaskSetState lb = ecs.sandbox().state(TaskSetState.class);
        for (EcsState.Task task : Scheduler.serviceTasks(ecs, service)) {
            if (!deploymentId.equals(task.deploymentId) || !task.running() || !task.wantedRunning()) {
                continue;
            }
            List<JsonNode> balancers = loadBalancersOf(ecs, service, task);
            for (JsonNode balancer : balancers) {
                String groupArn = targetGroupOf(service, task, balancer, balancer == balancers.get(0));
                if (groupArn == null || Elbv2Targets.targetType(ecs.sandbox(), groupArn) == null) {
                    continue;
                }
                TaskSetState.Registration registration = lb.registrations.get(key(task.taskArn, groupArn));
                if (registration == null) {
                    return false;
                }
                Elbv2Targets.Health health = Elbv2Targets.health(ecs.sandbox(), groupArn, registration.targetId, registration.port);
                // A group no listener uses reports "unused"; ECS does not wait on it.
                if (health != null && !"healthy".equals(health.state()) && !"unused".equals(health.state())) {
                    return false;
                }
            }
        }
        return true;
    }

    record Target(String id, int port) {
    }

    /** ip targets for awsvpc tasks (the ENI's address), instance targets (the EC2 instance, host port) otherwise. */
    private static Target target(Ecs ecs, EcsState.Task task, JsonNode balancer) {
        String containerName = Json.text(balancer, "containerName");
        Integer containerPort = Json.integer(balancer, "containerPort");
        if (containerPort == null) {
            return null;
        }
        for (EcsState.TaskContainer container : task.containers) {
            if (!container.name.equals(containerName)) {
                continue;
            }
            if (task.awsvpc) {
                JsonNode eni = container.networkInterfaces == null ? null : container.networkInterfaces.path(0);
                String address = eni == null ? null : Json.text(eni, "privateIpv4Address");
                return address == null ? null : new Target(address, containerPort);
            }
            EcsState.ContainerInstance instance = task.containerInstanceArn == null ? null
                    : ecs.state().containerInstances.get(task.containerInstanceArn);
            if (instance == null || container.networkBindings == null) {
                return null;
            }
            for (JsonNode binding : container.networkBindings) {
                if (containerPort.equals(Json.integer(binding, "containerPort"))) {
                    return new Target(instance.ec2InstanceId, Json.integer(binding, "hostPort"));
                }
            }
        }
        return null;
    }

    private static String key(String taskArn, String targetGroupArn) {
        return taskArn + "|" + targetGroupArn;
    }
}
