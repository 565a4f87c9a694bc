package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Container health checks on the clock. A RUNNING task's containers with a healthCheck become
 * HEALTHY after one interval, or UNHEALTHY after startPeriod plus interval x retries when the
 * check can only fail. The simulator's rule for that: a command of exactly ["CMD-SHELL", "exit 1"],
 * ["CMD-SHELL", "false"] or ["CMD", "false"]. The task's health is its essential containers'.
 */
final class ContainerHealth {
    static final String FAILED_REASON = "Task failed container health checks";
    private static final List<List<String>> FAILING = List.of(List.of("CMD-SHELL", "exit 1"), List.of("CMD-SHELL", "false"),
            List.of("CMD", "false"));

    private ContainerHealth() {
    }

    /** Moves the health of a running task on; returns whether it changed. */
    static boolean advance(Ecs ecs, EcsState.Task task) {
        if (!task.running() || task.startedAt == null) {
            return false;
        }
        boolean changed = false;
        EcsState.TaskDef def = null;
        for (EcsState.TaskContainer container : task.containers) {
            if (container.healthResolved) {
                continue;
            }
            if (def == null) {
                def = ecs.findTaskDefinition(task.taskDefinitionArn);
            }
            container.healthResolved = true;
            JsonNode check = def == null ? null : definitionOf(def, container.name).get("healthCheck");
            if (check == null || check.isNull()) {
                continue;
            }
            int interval = check.path("interval").asInt(30);
            int retries = check.path("retries").asInt(3);
            int startPeriod = check.path("startPeriod").asInt(0);
            boolean failing = FAILING.contains(Json.strings(check, "command"));
            container.healthOutcome = failing ? "UNHEALTHY" : "HEALTHY";
            container.healthAt = task.startedAt + (failing ? startPeriod + (double) interval * retries : interval);
            changed = true;
        }
        for (EcsState.TaskContainer container : task.containers) {
            if (container.healthAt != null && container.healthAt <= ecs.now() + 1e-9
                    && !container.healthOutcome.equals(container.healthStatus)) {
                container.healthStatus = container.healthOutcome;
                changed = true;
            }
        }
        if (changed) {
            task.healthStatus = aggregate(task);
        }
        return changed;
    }

    private static String aggregate(EcsState.Task task) {
        boolean anyChecked = false;
        boolean allHealthy = true;
        for (EcsState.TaskContainer container : task.containers) {
            if (!container.essential || container.healthOutcome == null) {
                continue;
            }
            anyChecked = true;
            if ("UNHEALTHY".equals(container.healthStatus)) {
                return "UNHEALTHY";
            }
            allHealthy &= "HEALTHY".equals(container.healthStatus);
        }
        return anyChecked && allHealthy ? "HEALTHY" : "UNKNOWN";
    }

    /** Whether a task counts as healthy for a deployment: running, and passing its health checks if it has any. */
    static boolean healthy(EcsState.Task task) {
        if (!task.running()) {
            return false;
        }
        boolean checked = task.containers.stream().anyMatch(c -> c.essential && c.healthOutcome != null);
        return !checked || "HEALTHY".equals(task.healthStatus);
    }

    private static JsonNode definitionOf(EcsState.TaskDef def, String name) {
        for (JsonNode container : Json.list(def.body, "containerDefinitions")) {
            if (name.equals(Json.text(container, "name"))) {
                return container;
            }
        }
        return Json.object();
    }
}
