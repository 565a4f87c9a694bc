package org.ecslabs.simulator.asg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.ec2.Ec2Network;
import org.ecslabs.simulator.ec2.Ec2State;
import org.ecslabs.simulator.ec2.Instances;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * Keeps each group at its desired capacity on the clock: launches into the zone with the fewest
 * instances, terminates unprotected instances from the zone with the most (oldest first), and
 * follows its instances' EC2 states (Pending -> InService; gone when terminated).
 */
public final class GroupCapacity {
    private GroupCapacity() {
    }

    /** The group an ARN or name names, or null (ECS capacity providers look their group up here). */
    public static AsgState.Group find(Sandbox sandbox, String arnOrName) {
        AsgState state = sandbox.state(AsgState.class);
        for (AsgState.Group group : state.groups.values()) {
            if (group.arn.equals(arnOrName) || group.name.equals(arnOrName)) {
                return group;
            }
        }
        return null;
    }

    /** Sets a group's desired capacity within its bounds, as a scaling policy or ECS managed scaling does. */
    public static void setDesired(AsgState.Group group, int desired) {
        group.desiredCapacity = Math.max(group.minSize, Math.min(group.maxSize, desired));
    }

    static boolean tick(Sandbox sandbox, AsgState state) {
        boolean changed = false;
        Ec2State ec2 = sandbox.state(Ec2State.class);
        List<String> deleted = new ArrayList<>();
        for (AsgState.Group group : state.groups.values()) {
            for (AsgState.Member member : new ArrayList<>(group.instances)) {
                Ec2State.Instance instance = ec2.instances.get(member.instanceId);
                if (instance == null || "terminated".equals(instance.state)) {
                    group.instances.remove(member);
                    changed = true;
                } else if ("Pending".equals(member.lifecycleState) && "running".equals(instance.state)) {
                    member.lifecycleState = "InService";
                    changed = true;
                } else if (!"Terminating".equals(member.lifecycleState) && "shutting-down".equals(instance.state)) {
                    // Terminated from EC2 directly: Auto Scaling notices and replaces it.
                    member.lifecycleState = "Terminating";
                    changed = true;
                }
            }
            List<AsgState.Member> live = group.instances.stream().filter(m -> !"Terminating".equals(m.lifecycleState)).toList();
            if (live.size() < group.desiredCapacity && !group.deleting) {
                int from = live.size();
                for (int i = from; i < group.desiredCapacity; i++) {
                    Ec2State.Instance instance = Groups.launch(sandbox, group, subnetWithFewest(ec2, group));
                    AsgState.Member member = new AsgState.Member();
                    member.instanceId = instance.instanceId;
                    member.instanceType = instance.instanceType;
                    member.availabilityZone = instance.availabilityZone;
                    member.lifecycleState = "Pending";
                    member.protectedFromScaleIn = group.newInstancesProtectedFromScaleIn;
                    member.launchTemplateVersion = instance.launchTemplateVersion;
                    group.instances.add(member);
                    activity(sandbox, group, "Launching a new EC2 instance: " + instance.instanceId,
                            "an instance was started in response to a difference between desired and actual capacity, "
                                    + "increasing the capacity from " + from + " to " + group.desiredCapacity + ".");
                }
                changed = true;
            } else if (live.size() > group.desiredCapacity) {
                int from = live.size();
                int excess = from - group.desiredCapacity;
                for (int i = 0; i < excess; i++) {
                    AsgState.Member victim = scaleInVictim(group);
                    if (victim == null) {
                        break;
                    }
                    terminate(sandbox, group, victim, "an instance was taken out of service in response to a difference "
                            + "between desired and actual capacity, shrinking the capacity from " + from + " to "
                            + group.desiredCapacity + ".");
                    changed = true;
                }
            }
            if (group.deleting && group.instances.isEmpty()) {
                deleted.add(group.name);
            }
        }
        deleted.forEach(state.groups::remove);
        return changed || !deleted.isEmpty();
    }

    /** Default termination policy, simplified: unprotected, from the zone with the most instances, oldest first. */
    private static AsgState.Member scaleInVictim(AsgState.Group group) {
        Map<String, Long> perZone = new HashMap<>();
        group.instances.stream().filter(m -> !"Terminating".equals(m.lifecycleState))
                .forEach(m -> perZone.merge(m.availabilityZone, 1L, Long::sum));
        return group.instances.stream()
                .filter(m -> !"Terminating".equals(m.lifecycleState) && !m.protectedFromScaleIn)
                .max(Comparator.comparingLong(m -> perZone.getOrDefault(m.availabilityZone, 0L)))
                .orElse(null);
    }

    private static String subnetWithFewest(Ec2State ec2, AsgState.Group group) {
        Map<String, Long> perZone = new HashMap<>();
        group.instances.stream().filter(m -> !"Terminating".equals(m.lifecycleState))
                .forEach(m -> perZone.merge(m.availabilityZone, 1L, Long::sum));
        return group.subnetIds.stream()
                .min(Comparator.comparingLong(id -> perZone.getOrDefault(ec2.subnets.get(id).availabilityZone, 0L)))
                .orElseThrow();
    }

    static AsgState.Activity terminate(Sandbox sandbox, AsgState.Group group, AsgState.Member member, String cause) {
        member.lifecycleState = "Terminating";
        Ec2State.Instance instance = Ec2Network.state(sandbox).instances.get(member.instanceId);
        if (instance != null) {
            Instances.terminate(sandbox, instance, "Auto Scaling");
        }
        return activity(sandbox, group, "Terminating EC2 instance: " + member.instanceId, cause);
    }

    static void terminateAll(Sandbox sandbox, AsgState.Group group) {
        for (AsgState.Member member : group.instances) {
            if (!"Terminating".equals(member.lifecycleState)) {
                terminate(sandbox, group, member, "the group was deleted.");
            }
        }
    }

    private static AsgState.Activity activity(Sandbox sandbox, AsgState.Group group, String description, String cause) {
        AsgState.Activity activity = new AsgState.Activity();
        activity.activityId = Groups.uuid(sandbox.newId());
        activity.description = description;
        long now = sandbox.now().getEpochSecond();
        activity.cause = "At " + Groups.iso(now).replace(".000Z", "Z") + " " + cause;
        activity.startTime = now;
        activity.endTime = now;
        group.activities.add(activity);
        // Auto Scaling keeps six weeks of activities; a sandbox keeps the last hundred.
        if (group.activities.size() > 100) {
            group.activities.remove(0);
        }
        return activity;
    }
}
