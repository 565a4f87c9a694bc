package org.ecslabs.simulator.taskenv;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.logs.LogWriter;

/** What a task's containers write through the awslogs driver: lifecycle lines and a request line a minute. */
final class TaskLogs {
    private static final DateTimeFormatter ACCESS_LOG_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String[] PATHS = {"/", "/health", "/api/items", "/api/items/42", "/static/app.js"};

    private TaskLogs() {
    }

    /** awslogs names a stream prefix/container-name/task-id; without a prefix (EC2 only) the container id. */
    static String streamName(TaskView task, JsonNode container) {
        String prefix = container.path("logConfiguration").path("options").path("awslogs-stream-prefix").asText("");
        return prefix.isEmpty() ? task.taskId() : prefix + "/" + container.path("name").asText() + "/" + task.taskId();
    }

    static TaskEnvState.LogTarget target(Sandbox sandbox, TaskView task, JsonNode container) {
        JsonNode logging = container.path("logConfiguration");
        if (!"awslogs".equals(logging.path("logDriver").asText())) {
            return null;
        }
        TaskEnvState.LogTarget target = new TaskEnvState.LogTarget();
        target.container = container.path("name").asText();
        target.region = logging.path("options").path("awslogs-region").asText(sandbox.region());
        target.group = logging.path("options").path("awslogs-group").asText();
        target.stream = streamName(task, container);
        JsonNode mapping = container.path("portMappings").path(0);
        target.port = mapping.has("containerPort") ? mapping.path("containerPort").asInt() : null;
        return target;
    }

    static void started(Sandbox sandbox, TaskEnvState.LogTarget target, String image) {
        write(sandbox, target, "Starting container " + target.container + " from image " + image);
        write(sandbox, target, target.port == null ? "Container " + target.container + " is running"
                : "Listening on 0.0.0.0:" + target.port);
    }

    static void request(Sandbox sandbox, TaskEnvState.RunningTask task, TaskEnvState.LogTarget target) {
        String path = PATHS[(int) (task.requests % PATHS.length)];
        int bytes = 512 + (int) ((task.requests * 97) % 1500);
        String client = "10.0." + (task.requests % 3) + "." + (10 + task.requests % 200);
        write(sandbox, target, client + " - - [" + ACCESS_LOG_TIME.format(Instant.ofEpochMilli(sandbox.now().toEpochMilli()))
                + "] \"GET " + path + " HTTP/1.1\" 200 " + bytes + " \"-\" \"ELB-HealthChecker/2.0\"");
    }

    /** An essential container that crashed logs its error; any other stop is a SIGTERM and a clean exit. */
    static void stopped(Sandbox sandbox, TaskEnvState.LogTarget target, String reason) {
        if (reason != null && reason.startsWith("Essential container in task exited")) {
            write(sandbox, target, "Fatal error: the process exited unexpectedly");
            write(sandbox, target, "Container " + target.container + " exited with code 1");
            return;
        }
        write(sandbox, target, "Received SIGTERM" + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")")
                + ", shutting down gracefully");
        write(sandbox, target, "Container " + target.container + " exited with code 0");
    }

    private static void write(Sandbox sandbox, TaskEnvState.LogTarget target, String line) {
        LogWriter.append(sandbox.inRegion(target.region), target.group, target.stream, line);
    }
}
