package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A task's way up and down on the clock, with fixed durations so that tests can count on them:
 * PROVISIONING (awsvpc ENI, 5 s) -> PENDING (image pull, 10 s) -> ACTIVATING (2 s) -> RUNNING;
 * DEACTIVATING (5 s) -> STOPPING (15 s) -> DEPROVISIONING (awsvpc, 10 s) -> STOPPED.
 */
final class TaskLifecycle {
    static final int PROVISIONING_SECONDS = 5;
    static final int PULL_SECONDS = 10;
    static final int ACTIVATING_SECONDS = 2;
    static final int DEACTIVATING_SECONDS = 5;
    static final int STOPPING_SECONDS = 15;
    static final int DEPROVISIONING_SECONDS = 10;

    private TaskLifecycle() {
    }

    /** Moves a task through every transition due by now; returns whether it changed. */
    static boolean advance(Ecs ecs, EcsState.Task task) {
        boolean changed = false;
        double now = ecs.now();
        while (task.nextAt != null && task.nextAt <= now + 1e-9) {
            // Task hooks (roles, secrets, logs, images, Cloud Map): see TaskHooks.
            if ("PENDING".equals(task.lastStatus) && task.failure == null && "RUNNING".equals(task.desiredStatus)) {
                TaskHooks.StartFailure failure = ImagePull.problem(ecs, task);
                if (failure == null) {
                    failure = TaskHookCalls.beforeStart(ecs, task);
                }
                if (failure != null) {
                    failToStart(task, task.nextAt, failure);
                    changed = true;
                    continue;
                }
            }
            step(task, task.nextAt);
            task.version = task.version == null ? 1 : task.version + 1;
            changed = true;
            if ("RUNNING".equals(task.lastStatus)) {
                TaskHookCalls.running(ecs, task);
            }
        }
        if ("STOPPED".equals(task.desiredStatus) && (changed || !"STOPPED".equals(task.lastStatus))) {
            changed |= TaskHookCalls.stopping(ecs, task);
        }
        return changed;
    }

    private static void step(EcsState.Task task, double at) {
        switch (task.lastStatus) {
            case "PROVISIONING" -> {
                task.lastStatus = "PENDING";
                task.pullStartedAt = at;
                task.connectivity = "CONNECTED";
                task.connectivityAt = at;
                attachmentStatus(task, "ATTACHED");
                task.nextAt = at + PULL_SECONDS;
            }
            case "PENDING" -> {
                if ("pull".equals(task.failure)) {
                    String image = task.containers.stream().filter(c -> c.essential).map(c -> c.image).findFirst().orElse("");
                    String reason = "CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to "
                            + "resolve ref " + qualified(image) + ": not found";
                    for (EcsState.TaskContainer container : task.containers) {
                        container.reason = reason;
                    }
                    beginStop(task, at, "TaskFailedToStart", reason);
                    return;
                }
                task.pullStoppedAt = at;
                task.lastStatus = "ACTIVATING";
                task.nextAt = at + ACTIVATING_SECONDS;
            }
            case "ACTIVATING" -> {
                if ("exit".equals(task.failure)) {
                    for (EcsState.TaskContainer container : task.containers) {
                        container.lastStatus = "STOPPED";
                        container.exitCode = container.essential ? 1 : 0;
                        container.runtimeId = task.id() + "-" + Math.abs(container.name.hashCode());
                    }
                    beginStop(task, at, "EssentialContainerExited", "Essential container in task exited");
                    return;
                }
                task.lastStatus = "RUNNING";
                task.startedAt = at;
                task.nextAt = null;
                for (EcsState.TaskContainer container : task.containers) {
                    container.lastStatus = "RUNNING";
                    container.runtimeId = task.id() + "-" + Math.abs(container.name.hashCode());
                }
            }
            case "DEACTIVATING" -> {
                task.lastStatus = "STOPPING";
                task.nextAt = at + STOPPING_SECONDS;
            }
            case "STOPPING" -> {
                task.executionStoppedAt = at;
                for (EcsState.TaskContainer container : task.containers) {
                    if (!"STOPPED".equals(container.lastStatus)) {
                        container.lastStatus = "STOPPED";
                        if (container.runtimeId != null && container.exitCode == null) {
                            container.exitCode = 0;
                        }
                    }
                }
                if (task.awsvpc) {
                    task.lastStatus = "DEPROVISIONING";
                    attachmentStatus(task, "DETACHING");
                    task.nextAt = at + DEPROVISIONING_SECONDS;
                } else {
                    finish(task, at);
                }
            }
            case "DEPROVISIONING" -> finish(task, at);
            default -> task.nextAt = null;
        }
    }

    private static void failToStart(EcsState.Task task, double at, TaskHooks.StartFailure failure) {
        for (EcsState.TaskContainer container : task.containers) {
            container.reason = failure.stoppedReason();
        }
        beginStop(task, at, failure.stopCode(), failure.stoppedReason());
    }

    private static void finish(EcsState.Task task, double at) {
        task.lastStatus = "STOPPED";
        task.stoppedAt = at;
        task.nextAt = null;
        task.connectivity = null;
        attachmentStatus(task, "DELETED");
    }

    /**
     * Starts stopping a task: a running task deactivates first, one still on its way up goes straight
     * to STOPPING. The first reason given wins, as in ECS.
     */
    static void beginStop(EcsState.Task task, double at, String stopCode, String reason) {
        if (task.stopped() || "STOPPED".equals(task.desiredStatus) && task.stopCode != null) {
            return;
        }
        task.desiredStatus = "STOPPED";
        task.stoppingAt = at;
        task.stopCode = stopCode;
        task.stoppedReason = reason;
        if (task.running()) {
            task.lastStatus = "DEACTIVATING";
            task.nextAt = at + DEACTIVATING_SECONDS;
        } else {
            task.lastStatus = "STOPPING";
            task.nextAt = at + STOPPING_SECONDS;
        }
        task.version = task.version == null ? 1 : task.version + 1;
    }

    /** The essential container exits with code 1 (the FailTask control operation). */
    static void essentialContainerExits(EcsState.Task task, double at) {
        for (EcsState.TaskContainer container : task.containers) {
            container.lastStatus = "STOPPED";
            container.exitCode = container.essential ? 1 : 0;
            if (container.essential) {
                container.reason = null;
            }
        }
        if (task.running()) {
            // The container is gone already: no deactivation phase.
            task.lastStatus = "STOPPING";
            task.desiredStatus = "STOPPED";
            task.stoppingAt = at;
            task.stopCode = "EssentialContainerExited";
            task.stoppedReason = "Essential container in task exited";
            task.nextAt = at + STOPPING_SECONDS;
            task.version = task.version == null ? 1 : task.version + 1;
        } else {
            beginStop(task, at, "EssentialContainerExited", "Essential container in task exited");
        }
    }

    private static void attachmentStatus(EcsState.Task task, String status) {
        if (task.attachments != null) {
            for (JsonNode attachment : task.attachments) {
                ((ObjectNode) attachment).put("status", status);
            }
        }
    }

    private static String qualified(String image) {
        String name = image.contains(":") ? image : image + ":latest";
        return name.contains("/") ? name : "docker.io/library/" + name;
    }
}
