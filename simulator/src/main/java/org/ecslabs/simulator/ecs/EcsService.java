package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/** Amazon ECS on the awsJson1_1 protocol: routes each operation to the class that owns it, and runs the clock. */
public class EcsService implements AwsService, TaggedResources {
    /** Stopped tasks stay visible for an hour, as in ECS, then are forgotten. */
    private static final int STOPPED_TASK_RETENTION_SECONDS = 3600;

    @Override
    public String signingName() {
        return "ecs";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return "AmazonEC2ContainerServiceV20141113";
    }

    @Override
    public Class<?> stateType() {
        return EcsState.class;
    }

    @Override
    public Set<String> controlOperations() {
        return Set.of("AddContainerInstances", "FailContainerInstance", "FailTask", "InterruptSpotTasks", "GetCostReport");
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        Ecs ecs = Ecs.of(sandbox);
        ObjectNode in = input == null ? Json.object() : input;
        ecs.state().schedulerDirty = true;
        return switch (operation) {
            case "CreateCluster" -> Clusters.create(ecs, in);
            case "DescribeClusters" -> Clusters.describe(ecs, in);
            case "ListClusters" -> Clusters.list(ecs, in);
            case "UpdateCluster" -> Clusters.update(ecs, in);
            case "UpdateClusterSettings" -> Clusters.updateSettings(ecs, in);
            case "DeleteCluster" -> Clusters.delete(ecs, in);
            case "PutClusterCapacityProviders" -> Clusters.putCapacityProviders(ecs, in);

            case "RegisterTaskDefinition" -> TaskDefinitions.register(ecs, in);
            case "DescribeTaskDefinition" -> TaskDefinitions.describe(ecs, in);
            case "ListTaskDefinitions" -> TaskDefinitions.list(ecs, in);
            case "ListTaskDefinitionFamilies" -> TaskDefinitions.listFamilies(ecs, in);
            case "DeregisterTaskDefinition" -> TaskDefinitions.deregister(ecs, in);
            case "DeleteTaskDefinitions" -> TaskDefinitions.delete(ecs, in);

            case "RunTask" -> Tasks.run(ecs, in);
            case "StartTask" -> Tasks.start(ecs, in);
            case "StopTask" -> Tasks.stop(ecs, in);
            case "DescribeTasks" -> Tasks.describe(ecs, in);
            case "ListTasks" -> Tasks.list(ecs, in);
            case "GetTaskProtection" -> Tasks.getProtection(ecs, in);
            case "UpdateTaskProtection" -> Tasks.updateProtection(ecs, in);
            case "ExecuteCommand" -> Tasks.executeCommand(ecs, in);

            case "CreateService" -> Services.create(ecs, in);
            case "UpdateService" -> Services.update(ecs, in);
            case "DeleteService" -> Services.delete(ecs, in);
            case "DescribeServices" -> Services.describe(ecs, in);
            case "ListServices" -> Services.list(ecs, in);
            case "ListServicesByNamespace" -> Services.listByNamespace(ecs, in);
            case "CreateTaskSet" -> TaskSets.create(ecs, in);
            case "DescribeTaskSets" -> TaskSets.describe(ecs, in);
            case "UpdateTaskSet" -> TaskSets.update(ecs, in);
            case "UpdateServicePrimaryTaskSet" -> TaskSets.updatePrimary(ecs, in);
            case "DeleteTaskSet" -> TaskSets.delete(ecs, in);
            case "DescribeServiceDeployments" -> ServiceDeployments.describe(ecs, in);
            case "ListServiceDeployments" -> ServiceDeployments.list(ecs, in);
            case "StopServiceDeployment" -> ServiceDeployments.stop(ecs, in);
            case "DescribeServiceRevisions" -> ServiceDeployments.describeRevisions(ecs, in);

            case "RegisterContainerInstance" -> ContainerInstances.register(ecs, in);
            case "DeregisterContainerInstance" -> ContainerInstances.deregister(ecs, in);
            case "DescribeContainerInstances" -> ContainerInstances.describe(ecs, in);
            case "ListContainerInstances" -> ContainerInstances.list(ecs, in);
            case "UpdateContainerInstancesState" -> ContainerInstances.updateState(ecs, in);

            case "CreateCapacityProvider" -> CapacityProviders.create(ecs, in);
            case "DescribeCapacityProviders" -> CapacityProviders.describe(ecs, in);
            case "UpdateCapacityProvider" -> CapacityProviders.update(ecs, in);
            case "DeleteCapacityProvider" -> CapacityProviders.delete(ecs, in);

            case "TagResource" -> Tagging.tag(ecs, in);
            case "UntagResource" -> Tagging.untag(ecs, in);
            case "ListTagsForResource" -> Tagging.list(ecs, in);
            case "PutAccountSetting" -> AccountSettings.put(ecs, in);
            case "PutAccountSettingDefault" -> AccountSettings.putDefault(ecs, in);
            case "DeleteAccountSetting" -> AccountSettings.delete(ecs, in);
            case "ListAccountSettings" -> AccountSettings.list(ecs, in);
            case "PutAttributes" -> Attributes.put(ecs, in);
            case "DeleteAttributes" -> Attributes.delete(ecs, in);
            case "ListAttributes" -> Attributes.list(ecs, in);

            // Control operations (X-Amz-Target: EcsLabsSimulator.<Op>).
            case "AddContainerInstances" -> ContainerInstances.addControl(ecs, in);
            case "FailContainerInstance" -> ContainerInstances.fail(ecs, in);
            case "FailTask" -> failTask(ecs, in);
            case "InterruptSpotTasks" -> interruptSpotTasks(ecs, in);
            case "GetCostReport" -> CostMeter.report(ecs);
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    @Override
    public boolean tick(Sandbox sandbox) {
        Ecs ecs = Ecs.of(sandbox);
        boolean changed = CostMeter.accrue(ecs);
        boolean tasksMoved = false;
        // Targets register and drain before tasks move on (DEACTIVATING waits for the drain); a change
        // in target health is news for the scheduler (deployments complete on healthy targets).
        if (LoadBalancing.tick(ecs)) {
            changed = true;
            ecs.state().schedulerDirty = true;
        }
        changed |= Ec2Agents.tick(ecs);
        changed |= ManagedScaling.tick(ecs);
        for (EcsState.Task task : ecs.state().tasks.values()) {
            tasksMoved |= TaskLifecycle.advance(ecs, task);
            tasksMoved |= ContainerHealth.advance(ecs, task);
        }
        changed |= tasksMoved;
        EcsState state = ecs.state();
        boolean wakeUp = state.schedulerWakeAt != null && ecs.now() >= state.schedulerWakeAt;
        if (!state.services.isEmpty() && (tasksMoved || state.schedulerDirty || wakeUp)) {
            boolean scheduled = Scheduler.tick(ecs);
            state.schedulerDirty = scheduled;
            state.schedulerWakeAt = Scheduler.nextWake(ecs);
            changed |= scheduled;
        }
        double now = ecs.now();
        List<String> forgotten = ecs.state().tasks.values().stream()
                .filter(t -> t.stopped() && t.stoppedAt != null && now - t.stoppedAt > STOPPED_TASK_RETENTION_SECONDS)
                .map(t -> t.taskArn)
                .toList();
        for (String arn : forgotten) {
            ecs.state().tasks.remove(arn);
            ecs.state().tags.remove(arn);
            changed = true;
        }
        return changed;
    }

    /** The FailTask control: the task's essential container exits with code 1. */
    private static JsonNode failTask(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        String reference = Json.text(input, "task");
        EcsState.Task task = reference == null ? null : ecs.state().tasks.get(ecs.taskArn(cluster, reference));
        if (task == null) {
            throw AwsException.invalidParameter("The referenced task was not found.");
        }
        if (!"STOPPED".equals(task.desiredStatus)) {
            TaskLifecycle.essentialContainerExits(task, ecs.now());
        }
        return Json.object().set("task", Tasks.json(ecs, task, false));
    }

    /** The InterruptSpotTasks control: Fargate Spot reclaims its capacity in a cluster. */
    private static JsonNode interruptSpotTasks(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        ArrayNode interrupted = Json.array();
        for (EcsState.Task task : ecs.state().tasks.values()) {
            if (task.clusterArn.equals(cluster.clusterArn) && "FARGATE_SPOT".equals(task.capacityProviderName)
                    && task.wantedRunning()) {
                TaskLifecycle.beginStop(task, ecs.now(), "SpotInterruption", "Your Spot Task was interrupted.");
                interrupted.add(task.taskArn);
            }
        }
        return Json.object().set("taskArns", interrupted);
    }

    /**
     * The tagged resources that still exist: clusters, services and capacity providers until they are
     * INACTIVE, task definitions until DeleteTaskDefinitions (an INACTIVE revision still exists and
     * still shows in DescribeTaskDefinition), tasks as long as DescribeTasks shows them, registered
     * container instances, and the task sets of live services.
     */
    @Override
    public List<TaggedResource> taggedResources(Sandbox sandbox) {
        EcsState state = sandbox.state(EcsState.class);
        List<TaggedResource> tagged = new ArrayList<>();
        liveArns(sandbox).forEach(arn -> TaggedResource.addIfTagged(tagged, arn, state.tags.get(arn)));
        return tagged;
    }

    @Override
    public Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        return liveArns(sandbox).contains(arn)
                ? sandbox.state(EcsState.class).tags.computeIfAbsent(arn, key -> new LinkedHashMap<>()) : null;
    }

    private static List<String> liveArns(Sandbox sandbox) {
        EcsState state = sandbox.state(EcsState.class);
        List<String> arns = new ArrayList<>();
        state.clusters.values().stream().filter(c -> !"INACTIVE".equals(c.status)).forEach(c -> arns.add(c.clusterArn));
        state.taskDefinitions.values().stream().filter(d -> !"DELETE_IN_PROGRESS".equals(d.status))
                .forEach(d -> arns.add(d.taskDefinitionArn));
        List<String> liveServices = state.services.values().stream().filter(s -> !"INACTIVE".equals(s.status))
                .map(s -> s.serviceArn).toList();
        arns.addAll(liveServices);
        arns.addAll(state.tasks.keySet());
        state.containerInstances.values().stream().filter(i -> !"INACTIVE".equals(i.status))
                .forEach(i -> arns.add(i.containerInstanceArn));
        state.capacityProviders.values().stream().filter(p -> !"INACTIVE".equals(p.status))
                .forEach(p -> arns.add(p.capacityProviderArn));
        sandbox.state(TaskSetState.class).taskSets.forEach((serviceArn, taskSets) -> {
            if (liveServices.contains(serviceArn)) {
                taskSets.forEach(t -> arns.add(t.taskSetArn));
            }
        });
        return arns;
    }
}
