package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where ECS calls the {@link TaskHooks}: builds the hooks' view of a task from ECS's state. */
final class TaskHookCalls {
    private TaskHookCalls() {
    }

    /** RunTask/StartTask: a problem with the task definition's roles, or null. */
    static String launchProblem(Ecs ecs, EcsState.Cluster cluster, EcsState.TaskDef def, String launchType, JsonNode overrides) {
        if (TaskHooks.all().isEmpty()) {
            return null;
        }
        TaskHooks.TaskInfo info = new TaskHooks.TaskInfo(ecs.arn("task/" + cluster.clusterName + "/pending"),
                cluster.clusterName, null, launchType, null, null, definition(def, overrides), null);
        for (TaskHooks hook : TaskHooks.all()) {
            String problem = hook.launchProblem(ecs.sandbox(), info);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    static TaskHooks.StartFailure beforeStart(Ecs ecs, EcsState.Task task) {
        for (TaskHooks hook : TaskHooks.all()) {
            TaskHooks.StartFailure failure = hook.beforeStart(ecs.sandbox(), info(ecs, task));
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    static void running(Ecs ecs, EcsState.Task task) {
        for (TaskHooks hook : TaskHooks.all()) {
            hook.running(ecs.sandbox(), info(ecs, task));
        }
    }

    static boolean stopping(Ecs ecs, EcsState.Task task) {
        boolean changed = false;
        for (TaskHooks hook : TaskHooks.all()) {
            changed |= hook.stopping(ecs.sandbox(), task.taskArn, task.stoppedReason);
        }
        return changed;
    }

    private static TaskHooks.TaskInfo info(Ecs ecs, EcsState.Task task) {
        EcsState.TaskDef def = ecs.findTaskDefinition(task.taskDefinitionArn);
        EcsState.Service service = task.serviceArn == null ? null : ecs.state().services.get(task.serviceArn);
        ObjectNode serviceJson = null;
        if (service != null) {
            serviceJson = Json.object().put("serviceArn", service.serviceArn).put("serviceName", service.serviceName);
            serviceJson.set("serviceRegistries", service.serviceRegistries);
            serviceJson.set("serviceConnectConfiguration", service.serviceConnectConfiguration);
        }
        String clusterName = Json.lastSegment(task.clusterArn);
        return new TaskHooks.TaskInfo(task.taskArn, clusterName, service == null ? null : service.serviceName,
                task.launchType, privateIp(task), task.availabilityZone,
                def == null ? Json.object() : definition(def, task.overrides), serviceJson);
    }

    /** The task definition with RunTask's role overrides, as the agent sees it. */
    private static JsonNode definition(EcsState.TaskDef def, JsonNode overrides) {
        ObjectNode body = def.body.deepCopy();
        if (overrides != null) {
            for (String role : new String[] {"executionRoleArn", "taskRoleArn"}) {
                if (overrides.hasNonNull(role)) {
                    body.put(role, overrides.get(role).asText());
                }
            }
        }
        return body;
    }

    private static String privateIp(EcsState.Task task) {
        if (task.attachments != null) {
            for (JsonNode attachment : task.attachments) {
                for (JsonNode detail : attachment.path("details")) {
                    if ("privateIPv4Address".equals(detail.path("name").asText())) {
                        return detail.path("value").asText();
                    }
                }
            }
        }
        return null;
    }
}
