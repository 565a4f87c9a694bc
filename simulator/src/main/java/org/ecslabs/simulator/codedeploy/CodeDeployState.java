package org.ecslabs.simulator.codedeploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One sandbox's CodeDeploy applications, deployment groups, custom configs and deployments. */
public class CodeDeployState {
    public Map<String, Application> applications = new LinkedHashMap<>();
    /** Keyed by {@code application/group}. */
    public Map<String, DeploymentGroup> deploymentGroups = new LinkedHashMap<>();
    public Map<String, DeploymentConfig> deploymentConfigs = new LinkedHashMap<>();
    public Map<String, Deployment> deployments = new LinkedHashMap<>();
    public Map<String, Map<String, String>> tags = new LinkedHashMap<>();

    public static class Application {
        public String id;
        public String name;
        public String computePlatform;
        public double createTime;
    }

    public static class DeploymentGroup {
        public String id;
        public String applicationName;
        public String name;
        /** The group's settings as the request gave them (the model's member names), echoed by GetDeploymentGroup. */
        public JsonNode settings;
        public String lastAttemptedDeploymentId;
        public String lastSuccessfulDeploymentId;
    }

    public static class DeploymentConfig {
        public String id;
        public String name;
        public String computePlatform;
        public String type;
        public int percentage;
        public int intervalMinutes;
        public JsonNode minimumHealthyHosts;
        public double createTime;
    }

    public static class LifecycleEvent {
        public String name;
        public String status = "Pending";
        public Double startTime;
        public Double endTime;

        public LifecycleEvent() {
        }

        LifecycleEvent(String name) {
            this.name = name;
        }
    }

    public static class Deployment {
        public String id;
        public String applicationName;
        public String deploymentGroupName;
        public String deploymentConfigName;
        public String status;
        public String creator = "user";
        public String description;
        public double createTime;
        public Double startTime;
        public Double completeTime;
        public JsonNode revision;
        public JsonNode previousRevision;
        public String errorCode;
        public String errorMessage;
        public String rollbackDeploymentId;
        public String rollbackTriggeringDeploymentId;
        public String rollbackMessage;
        public boolean autoRollbackEnabled;
        public List<String> autoRollbackEvents = new ArrayList<>();
        public boolean instanceTerminationWaitTimeStarted;

        // What this deployment does to ECS and ELB.
        public String cluster;
        public String service;
        public String serviceArn;
        public String taskDefinition;
        public String containerName;
        public int containerPort;
        public JsonNode networkConfiguration;
        public String platformVersion;
        public JsonNode capacityProviderStrategy;
        public String blueTaskSetArn;
        public String greenTaskSetArn;
        public String blueTargetGroupArn;
        public String greenTargetGroupArn;
        public List<String> prodListenerArns = new ArrayList<>();
        public List<String> testListenerArns = new ArrayList<>();
        /** Where the deployment stands: see {@link EcsDeploymentRunner}. */
        public String phase;
        /** Percent of production traffic on the replacement task set. */
        public int greenWeight;
        public double phaseStartedAt;
        public double nextShiftAt;
        public boolean trafficShifted;
        public String targetStatus = "Pending";
        public double lastUpdatedAt;
        public List<LifecycleEvent> lifecycleEvents = new ArrayList<>();
    }
}
