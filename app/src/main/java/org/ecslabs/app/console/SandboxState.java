package org.ecslabs.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.SimulatorControl;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The live view of a learner's sandbox for the console page, read through the AWS SDK exactly as
 * the learner's own commands are: the clock, clusters, services with deployments and events,
 * tasks, container instances, target groups, traffic splits, and a chosen service's chart.
 * Services the back end lacks (ELBv2, CloudWatch or CodeDeploy before they exist in the
 * simulator) are reported as unavailable, not as errors. Thread-safe: the history is.
 */
final class SandboxState {

    /** The whole view; absent parts are empty lists. */
    record View(Clock clock, List<ClusterView> clusters, List<ServiceView> services, List<TaskView> tasks,
                List<InstanceView> containerInstances, Part<List<TargetGroupView>> targetGroups,
                List<TrafficSplit> trafficSplits, Chart chart, String error) {
    }

    record Clock(double now, double speed, boolean paused) {
    }

    record ClusterView(String name, String status, int runningTasks, int pendingTasks, int activeServices,
                       int containerInstances) {
    }

    record ServiceView(String key, String cluster, String name, String status, int desiredCount, int pendingCount,
                       int runningCount, String launchType, String deploymentController, List<DeploymentView> deployments,
                       List<EventView> events, List<TaskSetView> taskSets) {
    }

    record DeploymentView(String id, String status, String rolloutState, String taskDefinition, int desiredCount,
                          int pendingCount, int runningCount, int failedTasks) {
    }

    record EventView(double createdAt, String message) {
    }

    record TaskSetView(String id, String status, double scale, int runningCount) {
    }

    record TaskView(String cluster, String id, String group, String taskDefinition, String lastStatus,
                    String desiredStatus, String launchType, String capacityProvider, String stoppedReason,
                    String stopCode, String cpu, String memory) {
    }

    record InstanceView(String cluster, String id, String ec2InstanceId, String instanceType, String status,
                        int registeredCpu, int usedCpu, int registeredMemory, int usedMemory, int runningTasks) {
    }

    record TargetGroupView(String name, String protocol, Integer port, List<TargetView> targets) {
    }

    record TargetView(String id, Integer port, String state, String reason) {
    }

    /** How traffic is split between target groups or task sets, with the weights in percent. */
    record TrafficSplit(String source, List<Share> shares) {
    }

    record Share(String name, double weight) {
    }

    /** The chart of one service: counts sampled over simulated time, and CPU from CloudWatch when present. */
    record Chart(String service, List<String> services, List<ServiceHistory.Sample> counts,
                 List<Point> cpu, boolean cpuAvailable) {
    }

    record Point(double t, double value) {
    }

    /** A back end without this service: the view says so instead of failing. */
    record Part<T>(boolean available, T items, String reason) {
    }

    private final AwsClients clients;
    private final SimulatorControl control;
    private final ServiceHistory history = new ServiceHistory(240);

    private final boolean simulator;

    /** @param simulator whether the back end is the simulator, whose clock the view reads; false on a real account */
    SandboxState(AwsClients clients, boolean simulator) {
        this.clients = clients;
        this.simulator = simulator;
        this.control = new SimulatorControl(clients);
    }

    /** Reads the sandbox now; {@code chosen} is the service key (cluster/name) to chart, or null for the first. */
    View read(String chosen) {
        Clock clock = null;
        try {
            if (simulator) {
                JsonNode answer = control.call("GetClock", null);
                clock = new Clock(answer.path("now").asDouble(), answer.path("speed").asDouble(), answer.path("paused").asBoolean());
            }
            EcsClient ecs = clients.ecs();
            List<Cluster> clusters = clusters(ecs);
            List<ServiceView> services = new ArrayList<>();
            List<TaskView> tasks = new ArrayList<>();
            List<InstanceView> instances = new ArrayList<>();
            for (Cluster cluster : clusters) {
                services.addAll(services(ecs, cluster));
                tasks.addAll(tasks(ecs, cluster));
                instances.addAll(instances(ecs, cluster));
            }
            double now = clock != null ? clock.now() : Instant.now().getEpochSecond();
            history.record(now, services);
            List<TrafficSplit> splits = new ArrayList<>();
            Part<List<TargetGroupView>> targetGroups = optional(() -> LoadBalancing.targetGroups(clients, splits));
            optional(() -> LoadBalancing.codeDeploySplits(clients, splits));
            return new View(clock, clusters.stream().map(SandboxState::cluster).toList(), services, tasks, instances,
                    targetGroups, splits, chart(chosen, services, now), null);
        } catch (RuntimeException e) {
            return new View(clock, List.of(), List.of(), List.of(), List.of(),
                    new Part<>(false, List.of(), "not read"), List.of(),
                    new Chart(null, List.of(), List.of(), List.of(), false), "Could not read your sandbox: " + e.getMessage());
        }
    }

    /**
     * Records the services' counts now, without the rest of the view: the console calls it around
     * a clock advance, so that the chart has the moment before the jump and the moment after even
     * when no poll fell between two quick clicks.
     */
    void sample() {
        try {
            double now = control.call("GetClock", null).path("now").asDouble();
            List<ServiceView> services = new ArrayList<>();
            for (Cluster cluster : clusters(clients.ecs())) {
                services.addAll(services(clients.ecs(), cluster));
            }
            history.record(now, services);
        } catch (RuntimeException e) {
            // The chart misses one sample; the command's own output says what went wrong.
        }
    }

    private static List<Cluster> clusters(EcsClient ecs) {
        List<String> arns = ecs.listClusters(request -> request.maxResults(100)).clusterArns();
        if (arns.isEmpty()) {
            return List.of();
        }
        return ecs.describeClusters(request -> request.clusters(arns)).clusters().stream()
                .sorted(Comparator.comparing(Cluster::clusterName))
                .toList();
    }

    private static ClusterView cluster(Cluster cluster) {
        return new ClusterView(cluster.clusterName(), cluster.status(), nz(cluster.runningTasksCount()),
                nz(cluster.pendingTasksCount()), nz(cluster.activeServicesCount()),
                nz(cluster.registeredContainerInstancesCount()));
    }

    private static List<ServiceView> services(EcsClient ecs, Cluster cluster) {
        List<String> arns = ecs.listServices(request -> request.cluster(cluster.clusterArn()).maxResults(100)).serviceArns();
        List<ServiceView> views = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += 10) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + 10));
            for (Service service : ecs.describeServices(request -> request.cluster(cluster.clusterArn()).services(batch)).services()) {
                views.add(service(cluster, service));
            }
        }
        views.sort(Comparator.comparing(ServiceView::name));
        return views;
    }

    private static ServiceView service(Cluster cluster, Service service) {
        List<DeploymentView> deployments = service.deployments().stream().map(deployment -> new DeploymentView(
                deployment.id(), deployment.status(), deployment.rolloutStateAsString(), shortName(deployment.taskDefinition()),
                nz(deployment.desiredCount()), nz(deployment.pendingCount()), nz(deployment.runningCount()),
                nz(deployment.failedTasks()))).toList();
        List<EventView> events = service.events().stream().limit(5)
                .map(event -> new EventView(seconds(event.createdAt()), event.message())).toList();
        List<TaskSetView> taskSets = service.taskSets().stream().map(set -> new TaskSetView(set.id(), set.status(),
                set.scale() == null || set.scale().value() == null ? 0 : set.scale().value(), nz(set.runningCount()))).toList();
        String launchType = service.launchTypeAsString();
        if (launchType == null && !service.capacityProviderStrategy().isEmpty()) {
            launchType = String.join("+", service.capacityProviderStrategy().stream().map(item -> item.capacityProvider()).toList());
        }
        return new ServiceView(cluster.clusterName() + "/" + service.serviceName(), cluster.clusterName(),
                service.serviceName(), service.status(), nz(service.desiredCount()), nz(service.pendingCount()),
                nz(service.runningCount()), launchType,
                service.deploymentController() == null ? "ECS" : service.deploymentController().typeAsString(),
                deployments, events, taskSets);
    }

    private static List<TaskView> tasks(EcsClient ecs, Cluster cluster) {
        List<String> arns = new ArrayList<>(ecs.listTasks(request -> request.cluster(cluster.clusterArn())
                .desiredStatus(DesiredStatus.RUNNING).maxResults(100)).taskArns());
        List<String> stopped = ecs.listTasks(request -> request.cluster(cluster.clusterArn())
                .desiredStatus(DesiredStatus.STOPPED).maxResults(100)).taskArns();
        arns.addAll(stopped.subList(0, Math.min(stopped.size(), 20)));
        List<TaskView> views = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += 100) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + 100));
            for (Task task : ecs.describeTasks(request -> request.cluster(cluster.clusterArn()).tasks(batch)).tasks()) {
                views.add(new TaskView(cluster.clusterName(), shortName(task.taskArn()), task.group(),
                        shortName(task.taskDefinitionArn()), task.lastStatus(), task.desiredStatus(),
                        task.launchTypeAsString(), task.capacityProviderName(), task.stoppedReason(),
                        task.stopCodeAsString(), task.cpu(), task.memory()));
            }
        }
        // Live tasks first, then the most recently stopped.
        views.sort(Comparator.comparing((TaskView task) -> "STOPPED".equals(task.desiredStatus()))
                .thenComparing(task -> String.valueOf(task.group())));
        return views;
    }

    private static List<InstanceView> instances(EcsClient ecs, Cluster cluster) {
        List<String> arns = ecs.listContainerInstances(request -> request.cluster(cluster.clusterArn()).maxResults(100))
                .containerInstanceArns();
        if (arns.isEmpty()) {
            return List.of();
        }
        List<InstanceView> views = new ArrayList<>();
        for (ContainerInstance instance : ecs.describeContainerInstances(request -> request.cluster(cluster.clusterArn())
                .containerInstances(arns)).containerInstances()) {
            int cpu = resource(instance.registeredResources(), "CPU");
            int memory = resource(instance.registeredResources(), "MEMORY");
            String type = instance.attributes().stream().filter(attribute -> attribute.name().equals("ecs.instance-type"))
                    .map(attribute -> attribute.value()).findFirst().orElse(null);
            views.add(new InstanceView(cluster.clusterName(), shortName(instance.containerInstanceArn()),
                    instance.ec2InstanceId(), type, instance.status(), cpu, cpu - resource(instance.remainingResources(), "CPU"),
                    memory, memory - resource(instance.remainingResources(), "MEMORY"), nz(instance.runningTasksCount())));
        }
        return views;
    }

    private Chart chart(String chosen, List<ServiceView> services, double now) {
        List<String> keys = services.stream().map(ServiceView::key).toList();
        String key = chosen != null && keys.contains(chosen) ? chosen : keys.isEmpty() ? null : keys.get(0);
        if (key == null) {
            return new Chart(null, keys, List.of(), List.of(), false);
        }
        List<ServiceHistory.Sample> counts = history.samples(key);
        Part<List<Point>> cpu = optional(() -> CpuMetric.read(clients, key, counts.isEmpty() ? now - 3600 : counts.get(0).t(), now));
        return new Chart(key, keys, counts, cpu.items(), cpu.available());
    }

    /** Runs a read of a service the back end may lack; an AWS or connection error marks it unavailable. */
    private static <T> Part<T> optional(Supplier<T> read) {
        try {
            return new Part<>(true, read.get(), null);
        } catch (SdkException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Part<>(false, null, message.lines().findFirst().orElse(""));
        }
    }

    private static int resource(List<Resource> resources, String name) {
        return resources.stream().filter(resource -> resource.name().equals(name))
                .mapToInt(resource -> resource.integerValue() == null ? 0 : resource.integerValue()).findFirst().orElse(0);
    }

    static String shortName(String arn) {
        if (arn == null) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 ? arn.substring(arn.lastIndexOf(':') + 1) : arn.substring(slash + 1);
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }

    static double seconds(Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
