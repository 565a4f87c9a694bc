package org.ecslabs.simulator.taskenv;

import com.fasterxml.jackson.databind.JsonNode;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * The hooks ECS calls as a task lives: the start checks (roles, registry, secrets, logs) as it
 * leaves PENDING, then logs and Cloud Map registration once RUNNING, and cleanup when it stops.
 * Request log lines are written every simulated minute by {@link TaskEnvironmentService#tick}.
 */
public final class TaskEnvironment {
    static final long REQUEST_LINE_EVERY_MILLIS = 60_000;

    private TaskEnvironment() {
    }

    /** Null when the task may start; else why it stops (stopCode TaskFailedToStart). */
    public static StartChecks.Failure startFailure(Sandbox sandbox, TaskView task) {
        return StartChecks.startFailure(sandbox, task);
    }

    /** The ClientException message when RunTask or a service cannot launch the task at all, else null. */
    public static String launchProblem(Sandbox sandbox, TaskView task) {
        return StartChecks.launchProblem(sandbox, task);
    }

    /** The task reached RUNNING: its containers log their start, a service's task joins Cloud Map. */
    public static void running(Sandbox sandbox, TaskView task) {
        TaskEnvState state = sandbox.state(TaskEnvState.class);
        if (state.tasks.containsKey(task.taskArn())) {
            return;
        }
        TaskEnvState.RunningTask running = new TaskEnvState.RunningTask();
        running.taskArn = task.taskArn();
        running.taskId = task.taskId();
        running.privateIp = task.privateIp();
        running.nextRequestLineMillis = sandbox.now().toEpochMilli() + REQUEST_LINE_EVERY_MILLIS;
        for (JsonNode container : task.taskDefinition().path("containerDefinitions")) {
            TaskEnvState.LogTarget target = TaskLogs.target(sandbox, task, container);
            if (target != null) {
                running.logs.add(target);
                TaskLogs.started(sandbox, target, container.path("image").asText());
            }
        }
        Discovery.register(sandbox, task, running);
        state.tasks.put(task.taskArn(), running);
    }

    /** The task is stopping (any reason): it leaves Cloud Map and its containers log their exit. False if it was not running. */
    public static boolean stopped(Sandbox sandbox, String taskArn, String stoppedReason) {
        TaskEnvState.RunningTask running = sandbox.state(TaskEnvState.class).tasks.remove(taskArn);
        if (running == null) {
            return false;
        }
        Discovery.deregister(sandbox, running);
        for (TaskEnvState.LogTarget target : running.logs) {
            TaskLogs.stopped(sandbox, target, stoppedReason);
        }
        return true;
    }

    /** Writes the request lines due by now; true if any was written. */
    static boolean tick(Sandbox sandbox) {
        boolean changed = false;
        long now = sandbox.now().toEpochMilli();
        for (TaskEnvState.RunningTask running : sandbox.state(TaskEnvState.class).tasks.values()) {
            while (!running.logs.isEmpty() && running.nextRequestLineMillis <= now) {
                for (TaskEnvState.LogTarget target : running.logs) {
                    TaskLogs.request(sandbox, running, target);
                }
                running.requests++;
                running.nextRequestLineMillis += REQUEST_LINE_EVERY_MILLIS;
                changed = true;
            }
        }
        return changed;
    }
}
