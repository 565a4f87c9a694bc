package org.ecslabs.simulator.ecs;

import java.util.Map;
import org.ecslabs.simulator.ec2.Ec2State;
import org.ecslabs.simulator.ec2.InstanceTypes;

/**
 * The ECS agent on EC2 instances the sandbox launched (RunInstances, Auto Scaling): it registers the
 * instance in its cluster {@value #AGENT_START_SECONDS} s after the instance is running (retrying while
 * the cluster does not exist), and the container instance leaves when the instance is terminated.
 */
final class Ec2Agents {
    static final int AGENT_START_SECONDS = 20;
    /** MiB the agent keeps back from the instance's memory for the OS and itself, per GiB (about 6%). */
    private static final int RESERVED_MIB_PER_GIB = 62;

    private Ec2Agents() {
    }

    static boolean tick(Ecs ecs) {
        Ec2State ec2 = ecs.sandbox().state(Ec2State.class);
        if (ec2.instances.isEmpty()) {
            return false;
        }
        boolean changed = false;
        double now = ecs.now();
        for (Ec2State.Instance instance : ec2.instances.values()) {
            if (instance.ecsCluster == null) {
                continue;
            }
            if ("running".equals(instance.state) && instance.containerInstanceArn == null
                    && instance.runningAt != null && now >= instance.runningAt + AGENT_START_SECONDS) {
                changed |= register(ecs, instance);
            } else if (!instance.live() && instance.containerInstanceArn != null) {
                changed |= leave(ecs, instance);
            }
        }
        return changed;
    }

    private static boolean register(Ecs ecs, Ec2State.Instance instance) {
        EcsState.Cluster cluster = ecs.state().clusters.get(instance.ecsCluster);
        if (cluster == null || !"ACTIVE".equals(cluster.status)) {
            return false;
        }
        int[] size = registeredSize(instance.instanceType);
        String provider = capacityProviderOf(ecs, instance);
        EcsState.ContainerInstance registered = ContainerInstances.add(ecs, cluster, instance.instanceType,
                instance.availabilityZone, instance.instanceId, provider, size[0], size[1]);
        instance.containerInstanceArn = registered.containerInstanceArn;
        ecs.state().schedulerDirty = true;
        return true;
    }

    /** CPU units and MiB the agent registers for an instance type. */
    static int[] registeredSize(String instanceType) {
        int[] size = ContainerInstances.INSTANCE_TYPES.get(instanceType);
        if (size == null) {
            InstanceTypes.Type type = InstanceTypes.find(instanceType).orElseThrow();
            size = new int[] {type.vcpus() * 1024, type.memoryMiB() - type.memoryMiB() / 1024 * RESERVED_MIB_PER_GIB};
        }
        return size;
    }

    /** The capacity provider whose Auto Scaling group launched the instance, if any. */
    private static String capacityProviderOf(Ecs ecs, Ec2State.Instance instance) {
        if (instance.autoScalingGroupName == null) {
            return null;
        }
        for (Map.Entry<String, EcsState.CapacityProvider> entry : ecs.state().capacityProviders.entrySet()) {
            String groupArn = Json.text(entry.getValue().autoScalingGroupProvider, "autoScalingGroupArn");
            if (groupArn != null && groupArn.endsWith("autoScalingGroupName/" + instance.autoScalingGroupName)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private static boolean leave(Ecs ecs, Ec2State.Instance instance) {
        EcsState.ContainerInstance registered = ecs.state().containerInstances.get(instance.containerInstanceArn);
        if (registered == null || "INACTIVE".equals(registered.status)) {
            return false;
        }
        registered.status = "INACTIVE";
        registered.agentConnected = false;
        registered.statusReason = "Instance " + instance.instanceId + " was terminated.";
        registered.version++;
        for (EcsState.Task task : Placement.tasksOn(ecs, registered)) {
            TaskLifecycle.beginStop(task, ecs.now(), "TerminationNotice",
                    "Host EC2 (instance " + instance.instanceId + ") terminated.");
        }
        ecs.state().schedulerDirty = true;
        return true;
    }
}
