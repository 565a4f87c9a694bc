package org.ecslabs.simulator.taskenv;

import org.ecslabs.simulator.ecs.TaskHooks;
import org.ecslabs.simulator.engine.Sandbox;

/** The task environment plugged into ECS (registered in META-INF/services/org.ecslabs.simulator.ecs.TaskHooks). */
public class EcsTaskHooks implements TaskHooks {
    @Override
    public String launchProblem(Sandbox sandbox, TaskInfo task) {
        return TaskEnvironment.launchProblem(sandbox, view(task));
    }

    @Override
    public StartFailure beforeStart(Sandbox sandbox, TaskInfo task) {
        StartChecks.Failure failure = TaskEnvironment.startFailure(sandbox, view(task));
        return failure == null ? null : new StartFailure(failure.stopCode(), failure.stoppedReason());
    }

    @Override
    public void running(Sandbox sandbox, TaskInfo task) {
        TaskEnvironment.running(sandbox, view(task));
    }

    @Override
    public boolean stopping(Sandbox sandbox, String taskArn, String stoppedReason) {
        return TaskEnvironment.stopped(sandbox, taskArn, stoppedReason);
    }

    private static TaskView view(TaskInfo task) {
        return new TaskView(task.taskArn(), task.clusterName(), task.serviceName(), task.launchType(), task.privateIp(),
                task.availabilityZone(), task.taskDefinition(), task.service());
    }
}
