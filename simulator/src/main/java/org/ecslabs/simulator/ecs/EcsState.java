package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sandbox's ECS: plain, Jackson-serializable records keyed by name or ARN, in creation order.
 * Field names follow the API's members so a record shows as the API shape minus its bookkeeping.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class EcsState {
    public Map<String, Cluster> clusters = new LinkedHashMap<>();
    /** Task definitions by "family:revision". */
    public Map<String, TaskDef> taskDefinitions = new LinkedHashMap<>();
    public Map<String, Integer> lastRevision = new LinkedHashMap<>();
    public Map<String, Task> tasks = new LinkedHashMap<>();
    public Map<String, Service> services = new LinkedHashMap<>();
    public Map<String, ContainerInstance> containerInstances = new LinkedHashMap<>();
    public Map<String, CapacityProvider> capacityProviders = new LinkedHashMap<>();
    /** Tags by resource ARN. */
    public Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    /** Account settings by "principalArn|name"; defaults under the principal "default". */
    public Map<String, String> accountSettings = new LinkedHashMap<>();
    /** Service deployments (DescribeServiceDeployments) and revisions, by ARN, in the API's shape. */
    public Map<String, ObjectNode> serviceDeployments = new LinkedHashMap<>();
    public Map<String, ObjectNode> serviceRevisions = new LinkedHashMap<>();
    public CostMeter cost = new CostMeter();
    /**
     * Whether the scheduler has work to look at: set by every call and by task status changes,
     * cleared when a scheduler pass changes nothing, so an idle account's ticks stay cheap.
     */
    public boolean schedulerDirty = true;
    /** The next simulated second at which the scheduler has a timed wait ending (throttle, bake time), if any. */
    public Double schedulerWakeAt;

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Cluster {
        public String clusterArn;
        public String clusterName;
        public String status;
        public JsonNode configuration;
        public JsonNode settings;
        public List<String> capacityProviders = new ArrayList<>();
        public JsonNode defaultCapacityProviderStrategy;
        public JsonNode serviceConnectDefaults;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class TaskDef {
        public String taskDefinitionArn;
        public String family;
        public int revision;
        public String status;
        /** The TaskDefinition shape as registered, without status. */
        public ObjectNode body;
        public Double deregisteredAt;
        public Double deleteRequestedAt;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Task {
        public String taskArn;
        public String clusterArn;
        public String taskDefinitionArn;
        public String containerInstanceArn;
        public String lastStatus;
        public String desiredStatus;
        public String launchType;
        public String capacityProviderName;
        public String platformVersion;
        public String platformFamily;
        public String cpu;
        public String memory;
        public String availabilityZone;
        public String group;
        public String startedBy;
        public String connectivity;
        public Double connectivityAt;
        public Double createdAt;
        public Double pullStartedAt;
        public Double pullStoppedAt;
        public Double startedAt;
        public Double stoppingAt;
        public Double executionStoppedAt;
        public Double stoppedAt;
        public String stopCode;
        public String stoppedReason;
        public String healthStatus;
        public Boolean enableExecuteCommand;
        public Long version;
        public JsonNode overrides;
        public JsonNode attachments;
        public List<TaskContainer> containers = new ArrayList<>();
        public JsonNode ephemeralStorage;

        // Bookkeeping, not shown.
        public String serviceArn;
        public String deploymentId;
        /** Simulated epoch second at which the task moves to its next status. */
        public Double nextAt;
        /** Why the task will fail on its way up: null, "pull" or "exit". */
        public String failure;
        public int cpuUnits;
        public int memoryMiB;
        public List<Integer> hostPorts = new ArrayList<>();
        public boolean awsvpc;
        public String subnetId;
        public boolean protectionEnabled;
        public Double protectionExpiresAt;
        /** Whether the scheduler has counted this task's failure to start against its deployment. */
        public boolean failureCounted;
        /** Graviton (ARM64) Fargate tasks are billed at their own, lower prices. */
        public boolean arm64;
        /** Whether the cost meter has settled this task's bill (the one-minute minimum). */
        public boolean billingClosed;

        static final String[] INTERNAL = {"serviceArn", "deploymentId", "nextAt", "failure", "cpuUnits", "memoryMiB",
            "hostPorts", "awsvpc", "subnetId", "protectionEnabled", "protectionExpiresAt", "failureCounted", "arm64", "billingClosed"};

        boolean stopped() {
            return "STOPPED".equals(lastStatus);
        }

        boolean wantedRunning() {
            return "RUNNING".equals(desiredStatus);
        }

        boolean running() {
            return "RUNNING".equals(lastStatus);
        }

        /** Counted as pending by services and clusters: on its way up and still wanted. */
        boolean pending() {
            return wantedRunning() && !running() && !stopped();
        }

        String id() {
            return Json.lastSegment(taskArn);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TaskContainer {
        public String containerArn;
        public String taskArn;
        public String name;
        public String image;
        public String runtimeId;
        public String lastStatus;
        public Integer exitCode;
        public String reason;
        public JsonNode networkBindings;
        public JsonNode networkInterfaces;
        public String healthStatus;
        public String cpu;
        public String memory;
        public String memoryReservation;
        public boolean essential = true;
        /** Container health check: whether the task definition was read, the outcome, and when it shows. */
        public boolean healthResolved;
        public String healthOutcome;
        public Double healthAt;

        static final String[] INTERNAL = {"essential", "healthResolved", "healthOutcome", "healthAt"};
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Service {
        public String serviceArn;
        public String serviceName;
        public String clusterArn;
        public JsonNode loadBalancers;
        public JsonNode serviceRegistries;
        public String status;
        public int desiredCount;
        public String launchType;
        public JsonNode capacityProviderStrategy;
        public String platformVersion;
        public String platformFamily;
        public String taskDefinition;
        public ObjectNode deploymentConfiguration;
        public List<Deployment> deployments = new ArrayList<>();
        public String roleArn;
        public List<ServiceEvent> events = new ArrayList<>();
        public Double createdAt;
        public JsonNode placementConstraints;
        public JsonNode placementStrategy;
        public JsonNode networkConfiguration;
        public Integer healthCheckGracePeriodSeconds;
        public String schedulingStrategy;
        public JsonNode deploymentController;
        public String createdBy;
        public Boolean enableECSManagedTags;
        public String propagateTags;
        public Boolean enableExecuteCommand;
        public String availabilityZoneRebalancing;
        public String currentServiceDeployment;

        // Bookkeeping, not shown.
        public JsonNode serviceConnectConfiguration;
        public boolean steady;
        public String lastPlacementMessage;
        public Double lastPlacementEventAt;
        /** The last deployment that completed, what a circuit breaker rolls back to. */
        public Deployment lastCompleted;
        /** After repeated failures to start, the scheduler waits until then before launching again. */
        public Double launchThrottledUntil;

        static final String[] INTERNAL = {"serviceConnectConfiguration", "steady", "lastPlacementMessage",
            "lastPlacementEventAt", "lastCompleted", "launchThrottledUntil"};
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Deployment {
        public String id;
        public String status;
        public String taskDefinition;
        public int desiredCount;
        public int failedTasks;
        public Double createdAt;
        public Double updatedAt;
        public JsonNode capacityProviderStrategy;
        public String launchType;
        public String platformVersion;
        public String platformFamily;
        public JsonNode networkConfiguration;
        public String rolloutState;
        public String rolloutStateReason;

        // Bookkeeping, not shown.
        public String serviceDeploymentArn;
        public String serviceRevisionArn;

        // Native blue/green: the stage this deployment is in, since when, and the target group its tasks join.
        public String blueGreenStage;
        public Double stageStartedAt;
        public String targetGroupArn;

        static final String[] INTERNAL = {"serviceDeploymentArn", "serviceRevisionArn", "blueGreenStage", "stageStartedAt",
            "targetGroupArn"};
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ServiceEvent {
        public String id;
        public Double createdAt;
        public String message;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ContainerInstance {
        public String containerInstanceArn;
        public String clusterArn;
        public String ec2InstanceId;
        public String capacityProviderName;
        public String status;
        public String statusReason;
        public boolean agentConnected = true;
        public Double registeredAt;
        public String instanceType;
        public String availabilityZone;
        public int cpu;
        public int memory;
        /** Custom attributes (PutAttributes) by name; null values are allowed. */
        public Map<String, String> customAttributes = new LinkedHashMap<>();
        public long version = 1;

        String id() {
            return Json.lastSegment(containerInstanceArn);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CapacityProvider {
        public String capacityProviderArn;
        public String name;
        public String status;
        public JsonNode autoScalingGroupProvider;
        public String updateStatus;
        public String type;
    }

    /** Fargate usage accrued on the clock, per cluster. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class CostMeter {
        public Double lastAccruedAt;
        public Map<String, Usage> clusters = new LinkedHashMap<>();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Usage {
        public double vcpuHours;
        public double gbHours;
        public double spotVcpuHours;
        public double spotGbHours;
        public double costUsd;
    }
}
