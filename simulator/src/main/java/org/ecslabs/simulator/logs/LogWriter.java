package org.ecslabs.simulator.logs;

import org.ecslabs.simulator.engine.Sandbox;

/**
 * What other services (the ECS awslogs driver) use to look at and write logs, without going
 * through the API: same rules, same state.
 */
public final class LogWriter {
    private LogWriter() {
    }

    public static boolean groupExists(Sandbox sandbox, String group) {
        return sandbox.state(LogsState.class).groups.containsKey(group);
    }

    /** Creates the log group as CreateLogGroup would; true if it was created. */
    public static boolean createGroup(Sandbox sandbox, String group) {
        LogsState state = sandbox.state(LogsState.class);
        if (state.groups.containsKey(group)) {
            return false;
        }
        LogsState.LogGroup created = new LogsState.LogGroup();
        created.name = group;
        created.creationMillis = sandbox.now().toEpochMilli();
        state.groups.put(group, created);
        return true;
    }

    /** Appends one line at the simulated now, creating the stream if needed; false if the group does not exist. */
    public static boolean append(Sandbox sandbox, String group, String stream, String message) {
        LogsState state = sandbox.state(LogsState.class);
        LogsState.LogGroup logGroup = state.groups.get(group);
        if (logGroup == null) {
            return false;
        }
        long now = sandbox.now().toEpochMilli();
        LogsState.LogStream logStream = logGroup.streams.computeIfAbsent(stream, name -> {
            LogsState.LogStream created = new LogsState.LogStream();
            created.name = name;
            created.creationMillis = now;
            return created;
        });
        LogsService.insert(state, logStream, now, message, now);
        return true;
    }
}
