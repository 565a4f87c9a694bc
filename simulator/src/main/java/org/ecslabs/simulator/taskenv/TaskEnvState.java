package org.ecslabs.simulator.taskenv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The running tasks whose logs and Cloud Map registrations this package looks after. */
public class TaskEnvState {
    public Map<String, RunningTask> tasks = new LinkedHashMap<>();

    public static class RunningTask {
        public String taskArn;
        public String taskId;
        public String privateIp;
        public long nextRequestLineMillis;
        public long requests;
        public List<LogTarget> logs = new ArrayList<>();
        public List<Registration> registrations = new ArrayList<>();
    }

    /** One container's awslogs destination. */
    public static class LogTarget {
        public String container;
        public String region;
        public String group;
        public String stream;
        public Integer port;
    }

    /** One Cloud Map instance registered for the task. */
    public static class Registration {
        public String registryArn;
        public String instanceId;
    }
}
