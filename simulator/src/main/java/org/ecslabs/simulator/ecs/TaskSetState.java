package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task sets of services with the CODE_DEPLOY or EXTERNAL deployment controller, by service ARN,
 * and which service tasks the scheduler registered with which target groups.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class TaskSetState {
    public Map<String, List<TaskSet>> taskSets = new LinkedHashMap<>();
    /** "taskArn|targetGroupArn" of every registration the scheduler made and has not yet undone. */
    public Map<String, Registration> registrations = new LinkedHashMap<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TaskSet {
        public String id;
        public String taskSetArn;
        public String serviceArn;
        public String clusterArn;
        public String startedBy;
        public String externalId;
        public String status;
        public String taskDefinition;
        public int computedDesiredCount;
        public Double createdAt;
        public Double updatedAt;
        public String launchType;
        public JsonNode capacityProviderStrategy;
        public String platformVersion;
        public String platformFamily;
        public JsonNode networkConfiguration;
        public JsonNode loadBalancers;
        public JsonNode serviceRegistries;
        public JsonNode scale;
        public String stabilityStatus;
        public Double stabilityStatusAt;
        /** Tasks of this set that stopped before running: what the service throttle counts. */
        public int failedTasks;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Registration {
        public String taskArn;
        public String targetGroupArn;
        public String targetId;
        public int port;
        public boolean deregistered;
        /** The target's health as last seen, to tell the scheduler when it changes. */
        public String lastState;
    }
}
