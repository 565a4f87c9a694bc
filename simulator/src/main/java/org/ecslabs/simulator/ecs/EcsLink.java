package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * What the simulator's other services (auto scaling, CloudWatch, ELBv2, CodeDeploy) need from ECS,
 * without reaching into its state: services and their counts, desiredCount changed through
 * UpdateService's own path (so the scheduler, events and deployments follow), and the targets
 * a service's load balancers should hold. Stateless; call it under the account's lock, as ticks and calls are.
 */
public final class EcsLink {
    private EcsLink() {
    }

    /** A service as another service sees it. */
    public record ServiceSummary(String clusterName, String serviceName, String serviceArn, String status,
                                 int desiredCount, int runningCount, int pendingCount, List<String> targetGroupArns) {
    }

    /** One load balancer target of a service task: an IP (awsvpc) or an instance id (bridge, host) and a port. */
    public record Target(String targetGroupArn, String id, int port, String taskArn, String availabilityZone,
                         String lastStatus, String desiredStatus) {
    }

    /** Every ACTIVE or DRAINING service of the sandbox, in creation order. */
    public static List<ServiceSummary> services(Sandbox sandbox) {
        Ecs ecs = Ecs.of(sandbox);
        List<ServiceSummary> all = new ArrayList<>();
        for (EcsState.Service service : ecs.state().services.values()) {
            if (!"INACTIVE".equals(service.status)) {
                all.add(summary(ecs, service));
            }
        }
        return all;
    }

    /** The service named by cluster and service (names or ARNs), if it exists and is not INACTIVE. */
    public static Optional<ServiceSummary> service(Sandbox sandbox, String cluster, String service) {
        Ecs ecs = Ecs.of(sandbox);
        EcsState.Cluster found = ecs.state().clusters.get(cluster == null ? "default" : Json.lastSegment(cluster));
        if (found == null || service == null) {
            return Optional.empty();
        }
        EcsState.Service match = ecs.state().services.get(ecs.serviceArn(found, service));
        return match == null || "INACTIVE".equals(match.status) ? Optional.empty() : Optional.of(summary(ecs, match));
    }

    /** Changes desiredCount exactly as UpdateService does; AwsException as UpdateService throws it. */
    public static void setDesiredCount(Sandbox sandbox, String cluster, String service, int desiredCount) {
        ObjectNode input = Json.object().put("cluster", cluster).put("service", service).put("desiredCount", desiredCount);
        new EcsService().call(sandbox, "UpdateService", input);
    }

    /**
     * The targets a service's load balancers should hold now: its RUNNING tasks, plus those already
     * stopping (desiredStatus STOPPED, not yet STOPPED) so a caller can deregister and drain them.
     */
    public static List<Target> loadBalancerTargets(Sandbox sandbox, String serviceArn) {
        Ecs ecs = Ecs.of(sandbox);
        EcsState.Service service = ecs.state().services.get(serviceArn);
        List<Target> targets = new ArrayList<>();
        if (service == null) {
            return targets;
        }
        for (EcsState.Task task : Scheduler.serviceTasks(ecs, service)) {
            boolean started = task.startedAt != null;
            if (!started) {
                continue;
            }
            List<JsonNode> lbs = Placement.iterable(service.loadBalancers);
            for (JsonNode lb : lbs) {
                String targetGroup = Json.text(lb, "targetGroupArn");
                if (BlueGreen.enabled(service) && lb == lbs.get(0)) {
                    // Native blue/green: each deployment's tasks join their own target group of the pair.
                    String own = service.deployments.stream().filter(d -> d.id.equals(task.deploymentId))
                            .map(d -> d.targetGroupArn).filter(Objects::nonNull).findFirst().orElse(null);
                    targetGroup = own != null ? own : targetGroup;
                }
                String containerName = Json.text(lb, "containerName");
                Integer containerPort = Json.integer(lb, "containerPort");
                if (targetGroup == null || containerPort == null) {
                    continue;
                }
                for (EcsState.TaskContainer container : task.containers) {
                    if (!container.name.equals(containerName) || container.networkBindings == null) {
                        continue;
                    }
                    for (JsonNode binding : container.networkBindings) {
                        if (containerPort.equals(Json.integer(binding, "containerPort"))) {
                            String id = task.awsvpc ? Json.text(binding, "bindIP") : instanceId(ecs, task);
                            targets.add(new Target(targetGroup, id, Json.integer(binding, "hostPort"), task.taskArn,
                                    task.availabilityZone, task.lastStatus, task.desiredStatus));
                        }
                    }
                }
            }
        }
        return targets;
    }

    /**
     * For a native blue/green service, the target group production traffic should reach now: blue's
     * until green has scaled up, green's from then on. Null for other services.
     */
    public static String productionTargetGroup(Sandbox sandbox, String serviceArn) {
        EcsState.Service service = Ecs.of(sandbox).state().services.get(serviceArn);
        if (service == null || !BlueGreen.enabled(service) || service.deployments.isEmpty()) {
            return null;
        }
        EcsState.Deployment primary = service.deployments.get(0);
        if ((BlueGreen.SCALE_UP.equals(primary.blueGreenStage) || BlueGreen.TRAFFIC_SHIFT.equals(primary.blueGreenStage))
                && service.deployments.size() > 1) {
            return service.deployments.get(1).targetGroupArn;
        }
        return primary.targetGroupArn;
    }

    /**
     * For a native blue/green service, the weight (out of 100) of each target group of the pair in
     * production traffic now: all to {@link #productionTargetGroup}, except while a LINEAR or CANARY
     * deployment shifts, when green has its share so far and blue the rest. Empty for other services.
     */
    public static Map<String, Integer> productionWeights(Sandbox sandbox, String serviceArn) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        Ecs ecs = Ecs.of(sandbox);
        EcsState.Service service = ecs.state().services.get(serviceArn);
        String production = productionTargetGroup(sandbox, serviceArn);
        JsonNode first = service == null ? null : Placement.iterable(service.loadBalancers).stream().findFirst().orElse(null);
        if (production == null || first == null) {
            return weights;
        }
        String main = Json.text(first, "targetGroupArn");
        String alternate = Json.text(first.path("advancedConfiguration"), "alternateTargetGroupArn");
        if (main == null || alternate == null) {
            return weights;
        }
        weights.put(main, production.equals(main) ? 100 : 0);
        weights.put(alternate, production.equals(alternate) ? 100 : 0);
        EcsState.Deployment green = service.deployments.get(0);
        if (BlueGreen.TRAFFIC_SHIFT.equals(green.blueGreenStage) && green.targetGroupArn != null) {
            double percent = BlueGreen.shiftedPercent(ecs, service, green);
            // ELBv2 weights are whole numbers: a share under 1% still gets weight 1 so the canary sees traffic.
            int share = percent <= 0 ? 0 : Math.max(1, Math.min(100, (int) Math.round(percent)));
            String blue = green.targetGroupArn.equals(main) ? alternate : main;
            weights.put(green.targetGroupArn, share);
            weights.put(blue, 100 - share);
        }
        return weights;
    }

    private static String instanceId(Ecs ecs, EcsState.Task task) {
        EcsState.ContainerInstance instance = task.containerInstanceArn == null ? null
                : ecs.state().containerInstances.get(task.containerInstanceArn);
        return instance == null ? null : instance.ec2InstanceId;
    }

    private static ServiceSummary summary(Ecs ecs, EcsState.Service service) {
        List<EcsState.Task> tasks = Scheduler.serviceTasks(ecs, service);
        List<String> targetGroups = new ArrayList<>();
        for (JsonNode lb : Placement.iterable(service.loadBalancers)) {
            String arn = Json.text(lb, "targetGroupArn");
            if (arn != null && !targetGroups.contains(arn)) {
                targetGroups.add(arn);
            }
        }
        return new ServiceSummary(Json.lastSegment(service.clusterArn), service.serviceName, service.serviceArn,
                service.status, service.desiredCount, (int) tasks.stream().filter(EcsState.Task::running).count(),
                (int) tasks.stream().filter(EcsState.Task::pending).count(), List.copyOf(targetGroups));
    }
}
