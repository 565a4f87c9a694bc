package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.protocol.AwsException;

/** Task operations: RunTask, StartTask, StopTask, DescribeTasks, ListTasks, task protection. */
final class Tasks {
    private Tasks() {
    }

    static JsonNode run(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.TaskDef def = ecs.taskDefinitionToRun(Json.text(input, "taskDefinition"));
        Integer count = Json.integer(input, "count");
        int n = count == null ? 1 : count;
        if (n < 1 || n > 10) {
            throw AwsException.invalidParameter("count must be between 1 and 10.");
        }
        TaskLauncher.Capacity capacity = TaskLauncher.resolveCapacity(ecs, cluster, def, Json.text(input, "launchType"),
                input.get("capacityProviderStrategy"));
        JsonNode network = TaskLauncher.checkNetwork(ecs, def, input.get("networkConfiguration"));
        Placement.checkRequest(input.get("placementConstraints"), input.get("placementStrategy"));
        checkStartedBy(input);
        String roleProblem = TaskHookCalls.launchProblem(ecs, cluster, def, capacity.launchType(), input.get("overrides"));
        if (roleProblem != null) {
            throw AwsException.clientException(roleProblem);
        }
        TaskLauncher.Request request = new TaskLauncher.Request(cluster, def, capacity.launchType(), capacity.strategy(),
                network, Json.text(input, "platformVersion"), input.get("placementConstraints"),
                input.get("placementStrategy"), Json.text(input, "group"), Json.text(input, "startedBy"),
                input.get("overrides"), input.get("tags"), Json.bool(input, "enableExecuteCommand"), null, null);
        TaskLauncher.Launched launched = TaskLauncher.launch(ecs, request, n, Map.of(), null);
        return result(ecs, launched.tasks(), launched.failures());
    }

    static JsonNode start(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        EcsState.TaskDef def = ecs.taskDefinitionToRun(Json.text(input, "taskDefinition"));
        List<String> instances = Json.strings(input, "containerInstances");
        if (instances.isEmpty()) {
            throw AwsException.invalidParameter("Container instances can not be blank.");
        }
        if (instances.size() > 10) {
            throw AwsException.invalidParameter("containerInstances can have at most 10 items.");
        }
        JsonNode network = TaskLauncher.checkNetwork(ecs, def, input.get("networkConfiguration"));
        checkStartedBy(input);
        TaskLauncher.Request request = new TaskLauncher.Request(cluster, def, "EC2", null, network, null, null, null,
                Json.text(input, "group"), Json.text(input, "startedBy"), input.get("overrides"), input.get("tags"),
                Json.bool(input, "enableExecuteCommand"), null, null);
        ArrayNode failures = Json.array();
        List<EcsState.Task> started = new ArrayList<>();
        for (String reference : instances) {
            EcsState.ContainerInstance instance = ecs.state().containerInstances.get(ecs.containerInstanceArn(cluster, reference));
            if (instance == null || "INACTIVE".equals(instance.status)) {
                failures.addObject().put("arn", ecs.containerInstanceArn(cluster, reference)).put("reason", "MISSING");
                continue;
            }
            String group = request.group() != null ? request.group() : "family:" + def.family;
            int cpu = Scheduler.cpuOf(def);
            int memory = Scheduler.memoryOf(def);
            String misfit = Placement.misfit(ecs, instance, new Placement.Need(cpu, memory, List.of(), group, null, null, null));
            if (misfit != null || !"ACTIVE".equals(instance.status)) {
                failures.addObject().put("arn", instance.containerInstanceArn)
                        .put("reason", misfit != null ? misfit : "INACTIVE");
                continue;
            }
            started.addAll(TaskLauncher.launch(ecs, request, 1, Map.of(), instance).tasks());
        }
        return result(ecs, started, failures);
    }

    private static void checkStartedBy(JsonNode input) {
        String startedBy = Json.text(input, "startedBy");
        if (startedBy != null && startedBy.length() > 128) {
            throw AwsException.invalidParameter("startedBy must be at most 128 characters.");
        }
    }

    private static JsonNode result(Ecs ecs, List<EcsState.Task> tasks, ArrayNode failures) {
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray("tasks");
        tasks.forEach(task -> array.add(json(ecs, task, false)));
        out.set("failures", failures);
        return out;
    }

    static JsonNode stop(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        String reference = Json.text(input, "task");
        if (reference == null) {
            throw AwsException.invalidParameter("Task can not be blank.");
        }
        EcsState.Task task = ecs.state().tasks.get(ecs.taskArn(cluster, reference));
        if (task == null) {
            throw AwsException.invalidParameter("The referenced task was not found.");
        }
        String reason = Json.text(input, "reason", "Task stopped by user");
        if (reason.length() > 255) {
            throw AwsException.invalidParameter("reason must be at most 255 characters.");
        }
        TaskLifecycle.beginStop(task, ecs.now(), "UserInitiated", reason);
        return Json.object().set("task", json(ecs, task, false));
    }

    static JsonNode describe(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        List<String> references = Json.strings(input, "tasks");
        if (references.isEmpty()) {
            throw AwsException.invalidParameter("Tasks cannot be empty.");
        }
        if (references.size() > 100) {
            throw AwsException.invalidParameter("Tasks can have at most 100 items.");
        }
        boolean tags = Json.strings(input, "include").contains("TAGS");
        ArrayNode tasks = Json.array();
        ArrayNode failures = Json.array();
        for (String reference : references) {
            String arn = ecs.taskArn(cluster, reference);
            EcsState.Task task = ecs.state().tasks.get(arn);
            if (task == null) {
                failures.addObject().put("arn", reference.startsWith("arn:") ? reference : arn).put("reason", "MISSING");
            } else {
                tasks.add(json(ecs, task, tags));
            }
        }
        ObjectNode out = Json.object();
        out.set("tasks", tasks);
        out.set("failures", failures);
        return out;
    }

    static JsonNode list(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        String family = Json.text(input, "family");
        String serviceName = Json.text(input, "serviceName");
        String startedBy = Json.text(input, "startedBy");
        String instance = Json.text(input, "containerInstance");
        String desired = Json.text(input, "desiredStatus", "RUNNING");
        String launchType = Json.text(input, "launchType");
        if (family != null && serviceName != null) {
            throw AwsException.invalidParameter("Family and serviceName cannot both be specified.");
        }
        String serviceArn = serviceName == null ? null : ecs.service(cluster, serviceName).serviceArn;
        String instanceArn = instance == null ? null : ecs.containerInstanceArn(cluster, instance);
        List<String> arns = ecs.state().tasks.values().stream()
                .filter(t -> t.clusterArn.equals(cluster.clusterArn))
                .filter(t -> "PENDING".equals(desired) ? t.pending()
                        : "STOPPED".equals(desired) ? !t.wantedRunning() : t.wantedRunning())
                .filter(t -> family == null || t.taskDefinitionArn.contains("task-definition/" + family + ":"))
                .filter(t -> serviceArn == null || serviceArn.equals(t.serviceArn))
                .filter(t -> startedBy == null || startedBy.equals(t.startedBy))
                .filter(t -> instanceArn == null || instanceArn.equals(t.containerInstanceArn))
                .filter(t -> launchType == null || launchType.equals(t.launchType))
                .map(t -> t.taskArn)
                .toList();
        return Pages.of(input, arns, "taskArns", 100);
    }

    static ObjectNode json(Ecs ecs, EcsState.Task task, boolean tags) {
        ObjectNode node = Json.view(task, EcsState.Task.INTERNAL);
        ArrayNode containers = node.putArray("containers");
        for (EcsState.TaskContainer container : task.containers) {
            containers.add(Json.view(container, EcsState.TaskContainer.INTERNAL));
        }
        if (node.has("attachments")) {
            node.set("attachments", task.attachments.deepCopy());
        } else {
            node.putArray("attachments");
        }
        node.putArray("attributes").addObject().put("name", "ecs.cpu-architecture").put("value", "x86_64");
        node.put("enableExecuteCommand", Boolean.TRUE.equals(task.enableExecuteCommand));
        if (tags) {
            node.set("tags", ecs.tagsJson(task.taskArn));
        }
        return node;
    }

    /**
     * ECS Exec. The simulator has no container to open a shell in, but it answers as ECS does, so the
     * lesson of enableExecuteCommand can be learnt: a task started without it is refused.
     */
    static JsonNode executeCommand(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        String reference = Json.text(input, "task");
        if (reference == null) {
            throw AwsException.invalidParameter("Task can not be blank.");
        }
        if (Json.text(input, "command") == null) {
            throw AwsException.invalidParameter("Command can not be blank.");
        }
        if (!Json.bool(input, "interactive")) {
            throw AwsException.invalidParameter("Interactive is the only mode supported currently.");
        }
        EcsState.Task task = ecs.state().tasks.get(ecs.taskArn(cluster, reference));
        if (task == null) {
            throw AwsException.invalidParameter("The referenced task was not found.");
        }
        if (!Boolean.TRUE.equals(task.enableExecuteCommand) || !task.running()) {
            throw new AwsException("TargetNotConnectedException", "The execute command failed because execute command "
                    + "was not enabled when the task was run or the execute command agent isn’t running. Wait and try "
                    + "again or run a new task with execute command enabled and try again.");
        }
        String name = Json.text(input, "container");
        EcsState.TaskContainer container = task.containers.stream()
                .filter(c -> name == null || c.name.equals(name))
                .findFirst()
                .orElseThrow(() -> AwsException.invalidParameter("The container " + name + " does not exist in the task."));
        if (name == null && task.containers.size() > 1) {
            throw AwsException.invalidParameter("The task has more than one container: specify the container name.");
        }
        String sessionId = "ecs-execute-command-" + ecs.newId().substring(0, 17);
        ObjectNode out = Json.object();
        out.put("clusterArn", cluster.clusterArn);
        out.put("containerArn", container.containerArn);
        out.put("containerName", container.name);
        out.put("interactive", true);
        out.putObject("session").put("sessionId", sessionId)
                .put("streamUrl", "wss://ssmmessages." + ecs.sandbox().region() + ".amazonaws.com/v1/data-channel/"
                        + sessionId + "?role=publish_subscribe&cell-number=1")
                .put("tokenValue", ecs.newId() + ecs.newId());
        out.put("taskArn", task.taskArn);
        return out;
    }

    static JsonNode getProtection(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        List<String> references = Json.strings(input, "tasks");
        ArrayNode protectedTasks = Json.array();
        ArrayNode failures = Json.array();
        List<EcsState.Task> tasks = references.isEmpty()
                ? ecs.state().tasks.values().stream().filter(t -> t.clusterArn.equals(cluster.clusterArn) && t.protectionEnabled).toList()
                : null;
        if (tasks == null) {
            tasks = new ArrayList<>();
            for (String reference : references) {
                EcsState.Task task = ecs.state().tasks.get(ecs.taskArn(cluster, reference));
                if (task == null) {
                    failures.addObject().put("arn", ecs.taskArn(cluster, reference)).put("reason", "TASK_NOT_VALID")
                            .put("detail", "The task was not found.");
                } else {
                    tasks.add(task);
                }
            }
        }
        for (EcsState.Task task : tasks) {
            protectedTasks.add(protection(ecs, task));
        }
        ObjectNode out = Json.object();
        out.set("protectedTasks", protectedTasks);
        out.set("failures", failures);
        return out;
    }

    static JsonNode updateProtection(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        List<String> references = Json.strings(input, "tasks");
        if (references.isEmpty()) {
            throw AwsException.invalidParameter("tasks can not be empty.");
        }
        if (!input.has("protectionEnabled")) {
            throw AwsException.invalidParameter("protectionEnabled can not be null.");
        }
        boolean enabled = Json.bool(input, "protectionEnabled");
        Integer minutes = Json.integer(input, "expiresInMinutes");
        if (minutes != null && (minutes < 1 || minutes > 2880)) {
            throw AwsException.invalidParameter("expiresInMinutes must be between 1 and 2880.");
        }
        ArrayNode protectedTasks = Json.array();
        ArrayNode failures = Json.array();
        for (String reference : references) {
            EcsState.Task task = ecs.state().tasks.get(ecs.taskArn(cluster, reference));
            if (task == null || task.stopped()) {
                failures.addObject().put("arn", ecs.taskArn(cluster, reference)).put("reason", "TASK_NOT_VALID")
                        .put("detail", "The task is not in a valid state for task protection.");
                continue;
            }
            task.protectionEnabled = enabled;
            task.protectionExpiresAt = enabled ? ecs.now() + 60.0 * (minutes == null ? 120 : minutes) : null;
            protectedTasks.add(protection(ecs, task));
        }
        ObjectNode out = Json.object();
        out.set("protectedTasks", protectedTasks);
        out.set("failures", failures);
        return out;
    }

    private static ObjectNode protection(Ecs ecs, EcsState.Task task) {
        boolean enabled = task.protectionEnabled && task.protectionExpiresAt != null && task.protectionExpiresAt > ecs.now();
        ObjectNode node = Json.object().put("taskArn", task.taskArn).put("protectionEnabled", enabled);
        if (enabled) {
            node.put("expirationDate", task.protectionExpiresAt);
        }
        return node;
    }
}
