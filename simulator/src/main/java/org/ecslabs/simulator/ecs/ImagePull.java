package org.ecslabs.simulator.ecs;

import org.ecslabs.simulator.ec2.Ec2Network;
import org.ecslabs.simulator.ec2.Ec2State;

/**
 * Whether a task's images can be pulled from where it runs: a Fargate awsvpc task pulls through its
 * own subnet, a task on an EC2 instance through the instance's subnet. A subnet without a route to
 * the internet (internet gateway or NAT gateway) and without the ECR endpoints cannot.
 */
final class ImagePull {
    private ImagePull() {
    }

    static TaskHooks.StartFailure problem(Ecs ecs, EcsState.Task task) {
        String subnetId = task.subnetId;
        if (task.containerInstanceArn != null) {
            EcsState.ContainerInstance host = ecs.state().containerInstances.get(task.containerInstanceArn);
            Ec2State.Instance instance = host == null ? null
                    : ecs.sandbox().state(Ec2State.class).instances.get(host.ec2InstanceId);
            // Instances of the AddContainerInstances control have no EC2 network: their pulls always work.
            subnetId = instance == null ? null : instance.subnetId;
        }
        if (subnetId == null) {
            return null;
        }
        for (EcsState.TaskContainer container : task.containers) {
            if (!container.essential || container.image == null) {
                continue;
            }
            String reason = Ec2Network.imagePullProblem(ecs.sandbox(), subnetId, container.image);
            if (reason != null) {
                return new TaskHooks.StartFailure("TaskFailedToStart", reason);
            }
        }
        return null;
    }
}
