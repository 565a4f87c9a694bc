package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ecslabs.simulator.asg.AsgState;
import org.ecslabs.simulator.asg.GroupCapacity;
import org.ecslabs.simulator.cloudwatch.ServiceMetrics;
import org.ecslabs.simulator.ec2.Ec2Network;
import org.ecslabs.simulator.ec2.LaunchTemplates;

/**
 * Managed scaling of Auto Scaling group capacity providers, once a minute: the instances needed
 * (those running tasks, plus enough for the provider's tasks that found no room) against the
 * instances in the group give CapacityProviderReservation (AWS/ECS/ManagedScaling); the group's
 * desired capacity becomes ceil(needed x 100 / targetCapacity), at once when it grows and after
 * {@value #SCALE_IN_MINUTES} minutes below when it shrinks. Managed termination protection protects
 * the instances that run tasks from scale-in.
 */
final class ManagedScaling {
    static final int SCALE_IN_MINUTES = 15;

    private ManagedScaling() {
    }

    static boolean tick(Ecs ecs) {
        if (ecs.state().capacityProviders.isEmpty()) {
            return false;
        }
        boolean changed = false;
        long now = (long) ecs.now();
        for (EcsState.CapacityProvider provider : ecs.state().capacityProviders.values()) {
            JsonNode asg = provider.autoScalingGroupProvider;
            if (asg == null || !"ACTIVE".equals(provider.status)
                    || !"ENABLED".equals(Json.text(asg.get("managedScaling"), "status"))) {
                continue;
            }
            AsgState.Group group = GroupCapacity.find(ecs.sandbox(), Json.text(asg, "autoScalingGroupArn"));
            if (group == null || group.ecsEvaluatedAt != null && now - group.ecsEvaluatedAt < 60) {
                continue;
            }
            group.ecsEvaluatedAt = now;
            evaluate(ecs, provider, group, now);
            changed = true;
        }
        return changed;
    }

    private static void evaluate(Ecs ecs, EcsState.CapacityProvider provider, AsgState.Group group, long now) {
        JsonNode scaling = provider.autoScalingGroupProvider.get("managedScaling");
        int target = Json.integer(scaling, "targetCapacity");
        int minStep = Json.integer(scaling, "minimumScalingStepSize");
        int maxStep = Json.integer(scaling, "maximumScalingStepSize");
        List<EcsState.ContainerInstance> instances = ecs.state().containerInstances.values().stream()
                .filter(i -> provider.name.equals(i.capacityProviderName) && "ACTIVE".equals(i.status)).toList();
        long busy = instances.stream().filter(i -> Placement.tasksOn(ecs, i).stream().anyMatch(t -> !t.stopped())).count();
        int needed = (int) busy + instancesForUnplacedTasks(ecs, provider, group);
        long inGroup = group.instances.stream().filter(m -> !"Terminating".equals(m.lifecycleState)).count();
        double reservation = inGroup == 0 ? (needed > 0 ? 200 : 100) : needed * 100.0 / inGroup;
        for (EcsState.Cluster cluster : ecs.state().clusters.values()) {
            if (cluster.capacityProviders.contains(provider.name)) {
                ServiceMetrics.put(ecs.sandbox(), "AWS/ECS/ManagedScaling", "CapacityProviderReservation",
                        List.of(new String[] {"CapacityProviderName", provider.name}, new String[] {"ClusterName", cluster.clusterName}),
                        "Percent", now, reservation);
            }
        }
        int desired = (int) Math.ceil(needed * 100.0 / target);
        if (desired > group.desiredCapacity) {
            group.ecsScaleInSince = null;
            int step = Math.min(Math.max(desired - group.desiredCapacity, minStep), maxStep);
            GroupCapacity.setDesired(group, group.desiredCapacity + step);
        } else if (desired < group.desiredCapacity) {
            if (group.ecsScaleInSince == null) {
                group.ecsScaleInSince = now;
            } else if (now - group.ecsScaleInSince >= SCALE_IN_MINUTES * 60L) {
                int step = Math.min(Math.max(group.desiredCapacity - desired, minStep), maxStep);
                GroupCapacity.setDesired(group, group.desiredCapacity - step);
                group.ecsScaleInSince = null;
            }
        } else {
            group.ecsScaleInSince = null;
        }
        if ("ENABLED".equals(Json.text(provider.autoScalingGroupProvider, "managedTerminationProtection"))) {
            for (AsgState.Member member : group.instances) {
                member.protectedFromScaleIn = instances.stream().anyMatch(i -> member.instanceId.equals(i.ec2InstanceId)
                        && Placement.tasksOn(ecs, i).stream().anyMatch(t -> !t.stopped()));
            }
        }
    }

    /** Instances of the group's type that the provider's services' tasks without room would fill. */
    private static int instancesForUnplacedTasks(Ecs ecs, EcsState.CapacityProvider provider, AsgState.Group group) {
        String type = Json.text(LaunchTemplates.resolveData(Ec2Network.state(ecs.sandbox()), group.launchTemplateId,
                group.launchTemplateName, group.launchTemplateVersion), "InstanceType");
        int[] size = Ec2Agents.registeredSize(type == null ? "t3.micro" : type);
        int extra = 0;
        for (EcsState.Service service : ecs.state().services.values()) {
            if (!"ACTIVE".equals(service.status) || !usesProvider(ecs, service, provider.name)) {
                continue;
            }
            long wanted = ecs.state().tasks.values().stream()
                    .filter(t -> service.serviceArn.equals(t.serviceArn) && t.wantedRunning()).count();
            long missing = service.desiredCount - wanted;
            EcsState.TaskDef def = ecs.findTaskDefinition(service.taskDefinition);
            if (missing <= 0 || def == null) {
                continue;
            }
            int cpu = Math.max(1, Scheduler.cpuOf(def));
            int memory = Math.max(1, Scheduler.memoryOf(def));
            int perInstance = Math.max(1, Math.min(size[0] / cpu, size[1] / memory));
            extra += (int) Math.ceil(missing / (double) perInstance);
        }
        return extra;
    }

    private static boolean usesProvider(Ecs ecs, EcsState.Service service, String provider) {
        JsonNode strategy = service.capacityProviderStrategy;
        if ((strategy == null || strategy.isEmpty()) && service.launchType == null) {
            EcsState.Cluster cluster = ecs.state().clusters.get(Json.lastSegment(service.clusterArn));
            strategy = cluster == null ? null : cluster.defaultCapacityProviderStrategy;
        }
        if (strategy == null) {
            return false;
        }
        for (JsonNode item : strategy) {
            if (provider.equals(Json.text(item, "capacityProvider"))) {
                return true;
            }
        }
        return false;
    }
}
