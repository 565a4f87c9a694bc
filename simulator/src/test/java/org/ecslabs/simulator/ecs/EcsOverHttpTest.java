package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryPolicyContext;
import software.amazon.awssdk.core.retry.backoff.BackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * The ECS and EC2 services over HTTP with the real AWS SDK: the standalone server with a paused clock
 * that the waiters move on 15 simulated seconds per poll, as the AWS CLI's waiter delay.
 */
class EcsOverHttpTest {
    private SimulatorFixture fixture;
    private EcsClient ecs;
    private Ec2Client ec2;
    private EcsWaiter waiter;
    private NetworkConfiguration network;

    @BeforeEach
    void start() {
        fixture = SimulatorFixture.paused();
        URI endpoint = fixture.endpoint();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        BackoffStrategy advanceTheClock = new BackoffStrategy() {
            @Override
            public Duration computeDelayBeforeNextRetry(RetryPolicyContext context) {
                advance(15);
                return Duration.ZERO;
            }
        };
        waiter = EcsWaiter.builder().client(ecs)
                .overrideConfiguration(o -> o.backoffStrategy(advanceTheClock).maxAttempts(40))
                .build();
        List<String> subnets = ec2.describeSubnets(r -> r.filters(Filter.builder().name("default-for-az").values("true").build()))
                .subnets().stream().map(Subnet::subnetId).toList();
        network = NetworkConfiguration.builder()
                .awsvpcConfiguration(AwsVpcConfiguration.builder().subnets(subnets).build()).build();
        ecs.createCluster(r -> r.clusterName("lab").capacityProviders("FARGATE", "FARGATE_SPOT"));
    }

    @AfterEach
    void stop() {
        ecs.close();
        ec2.close();
        fixture.close();
    }

    private void advance(int seconds) {
        control("AdvanceClock", "{\"seconds\": " + seconds + "}");
    }

    private String control(String operation, String json) {
        SignedHttp.Response response = fixture.control("test", "test", operation, json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private void registerFargate(String image) {
        ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(image)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build()));
    }

    private Service service(String name) {
        return ecs.describeServices(r -> r.cluster("lab").services(name)).services().get(0);
    }

    private void waitStable(String name) {
        WaiterResponse<DescribeServicesResponse> response = waiter.waitUntilServicesStable(r -> r.cluster("lab").services(name));
        assertThat(response.matched().response()).isPresent();
    }

    private List<Task> tasksOf(String service) {
        List<String> arns = ecs.listTasks(r -> r.cluster("lab").serviceName(service)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster("lab").tasks(arns)).tasks();
    }

    @Test
    void aBadFargatePairIsRefusedWithAwsMessage() {
        assertThatThrownBy(() -> ecs.registerTaskDefinition(r -> r.family("web")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("4096")
                .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").build())))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values."));
    }

    @Test
    void aFargateServiceConvergesReplacesAFailedTaskAndRollsToRevisionTwo() {
        registerFargate("nginx:1.27");
        ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition("web").desiredCount(3)
                .launchType(LaunchType.FARGATE).networkConfiguration(network));
        waitStable("web");
        assertThat(service("web").runningCount()).isEqualTo(3);
        assertThat(service("web").events().get(0).message()).isEqualTo("(service web) has reached a steady state.");

        Task victim = tasksOf("web").get(0);
        control("FailTask", "{\"cluster\": \"lab\", \"task\": \"" + victim.taskArn() + "\"}");
        Task failed = ecs.describeTasks(r -> r.cluster("lab").tasks(victim.taskArn())).tasks().get(0);
        assertThat(failed.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        advance(1);
        waitStable("web");
        assertThat(tasksOf("web")).hasSize(3).noneMatch(t -> t.taskArn().equals(victim.taskArn()));

        registerFargate("nginx:1.28");
        ecs.updateService(r -> r.cluster("lab").service("web").taskDefinition("web:2"));
        assertThat(service("web").deployments()).hasSize(2);
        waitStable("web");
        Service done = service("web");
        assertThat(done.taskDefinition()).endsWith("task-definition/web:2");
        assertThat(done.deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
        assertThat(tasksOf("web")).allMatch(t -> t.taskDefinitionArn().endsWith("web:2"));
        waiter.waitUntilTasksRunning(r -> r.cluster("lab").tasks(tasksOf("web").stream().map(Task::taskArn).toList()));
    }

    @Test
    void theCapacityProviderSplitHoldsThreeAndThree() {
        registerFargate("nginx:1.27");
        ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition("web").desiredCount(6)
                .networkConfiguration(network).capacityProviderStrategy(
                        CapacityProviderStrategyItem.builder().capacityProvider("FARGATE").base(2).weight(1).build(),
                        CapacityProviderStrategyItem.builder().capacityProvider("FARGATE_SPOT").weight(3).build()));
        waitStable("web");
        Map<String, Long> split = tasksOf("web").stream()
                .collect(Collectors.groupingBy(Task::capacityProviderName, Collectors.counting()));
        assertThat(split).containsEntry("FARGATE", 3L).containsEntry("FARGATE_SPOT", 3L);
    }

    @Test
    void aDaemonRunsOneTaskPerInstanceAndFollowsNewInstances() {
        control("AddContainerInstances", "{\"cluster\": \"lab\", \"count\": 2, \"instanceType\": \"t3.small\"}");
        ecs.registerTaskDefinition(r -> r.family("agent").containerDefinitions(ContainerDefinition.builder()
                .name("agent").image("datadog/agent").memory(128).cpu(64).build()));
        ecs.createService(r -> r.cluster("lab").serviceName("agent").taskDefinition("agent")
                .schedulingStrategy(SchedulingStrategy.DAEMON).launchType(LaunchType.EC2));
        waitStable("agent");
        assertThat(service("agent").desiredCount()).isEqualTo(2);
        control("AddContainerInstances", "{\"cluster\": \"lab\", \"count\": 1, \"instanceType\": \"t3.small\"}");
        advance(1);
        waitStable("agent");
        List<Task> tasks = tasksOf("agent");
        assertThat(tasks).hasSize(3);
        assertThat(tasks.stream().map(Task::containerInstanceArn).distinct()).hasSize(3);
    }

    @Test
    void placementByMemoryAndPortsOnEc2() {
        control("AddContainerInstances", "{\"cluster\": \"lab\", \"count\": 2, \"instanceType\": \"t3.small\"}");
        ecs.registerTaskDefinition(r -> r.family("big").containerDefinitions(ContainerDefinition.builder()
                .name("big").image("redis").memory(1500).build()));
        RunTaskResponse first = ecs.runTask(r -> r.cluster("lab").taskDefinition("big").count(3)
                .launchType(LaunchType.EC2).placementStrategy(s -> s.type(PlacementStrategyType.BINPACK).field("memory")));
        assertThat(first.tasks()).hasSize(2);
        assertThat(first.failures()).isNotEmpty().allMatch(f -> f.reason().equals("RESOURCE:MEMORY"));

        ecs.registerTaskDefinition(r -> r.family("web80").containerDefinitions(ContainerDefinition.builder()
                .name("web").image("nginx").memory(64)
                .portMappings(PortMapping.builder().containerPort(80).hostPort(80).build()).build()));
        control("AddContainerInstances", "{\"cluster\": \"lab\", \"count\": 1, \"instanceType\": \"t3.micro\"}");
        ecs.createService(r -> r.cluster("lab").serviceName("web80").taskDefinition("web80").desiredCount(4)
                .launchType(LaunchType.EC2));
        advance(30);
        Service web = service("web80");
        assertThat(web.runningCount()).isEqualTo(3);
        assertThat(web.events()).anyMatch(e -> e.message().startsWith(
                "(service web80) was unable to place a task because no container instance met all of its requirements."));
        assertThat(tasksOf("web80").stream().map(Task::containerInstanceArn).distinct()).hasSize(3);
    }

    @Test
    void theCircuitBreakerRollsBack() {
        registerFargate("nginx:1.27");
        ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition("web").desiredCount(2)
                .launchType(LaunchType.FARGATE).networkConfiguration(network)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));
        waitStable("web");
        registerFargate("example/app:bad");
        ecs.updateService(r -> r.cluster("lab").service("web").taskDefinition("web:2"));
        waitStable("web");
        Service done = service("web");
        assertThat(done.taskDefinition()).endsWith("web:1");
        assertThat(done.events()).anyMatch(e -> e.message().startsWith("(service web) rolling back to deployment ecs-svc/"));
        assertThat(tasksOf("web")).hasSize(2).allMatch(t -> t.taskDefinitionArn().endsWith("web:1"));
    }

    @Test
    void everyShapeParsesInTheSdk() {
        registerFargate("nginx:1.27");
        control("AddContainerInstances", "{\"cluster\": \"lab\", \"count\": 1, \"instanceType\": \"m5.large\"}");
        ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition("web").desiredCount(1)
                .launchType(LaunchType.FARGATE).networkConfiguration(network));
        waitStable("web");
        var cluster = ecs.describeClusters(r -> r.clusters("lab").includeWithStrings("STATISTICS", "TAGS", "SETTINGS"))
                .clusters().get(0);
        assertThat(cluster.runningTasksCount()).isEqualTo(1);
        assertThat(cluster.statistics()).isNotEmpty();
        assertThat(ecs.describeCapacityProviders(r -> r.capacityProviders("FARGATE", "FARGATE_SPOT")).capacityProviders()).hasSize(2);
        assertThat(ecs.listAccountSettings(r -> r.effectiveSettings(true)).settings()).isNotEmpty();
        String instance = ecs.listContainerInstances(r -> r.cluster("lab")).containerInstanceArns().get(0);
        var described = ecs.describeContainerInstances(r -> r.cluster("lab").containerInstances(instance)).containerInstances().get(0);
        assertThat(described.registeredResources()).anyMatch(res -> res.name().equals("MEMORY") && res.integerValue() == 7681);
        assertThat(described.versionInfo().agentVersion()).isNotBlank();
        assertThat(ecs.listAttributes(r -> r.cluster("lab").targetType("container-instance")).attributes()).isNotEmpty();
        Service web = service("web");
        var deployments = ecs.listServiceDeployments(r -> r.cluster("lab").service("web")).serviceDeployments();
        var deployment = ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(deployments.get(0).serviceDeploymentArn()))
                .serviceDeployments().get(0);
        assertThat(deployment.statusAsString()).isEqualTo("SUCCESSFUL");
        assertThat(ecs.describeServiceRevisions(r -> r.serviceRevisionArns(deployment.targetServiceRevision().arn()))
                .serviceRevisions().get(0).containerImages().get(0).image()).isEqualTo("nginx:1.27");
        String task = tasksOf("web").get(0).taskArn();
        assertThat(ecs.updateTaskProtection(r -> r.cluster("lab").tasks(task).protectionEnabled(true)).protectedTasks().get(0)
                .expirationDate()).isNotNull();
        Task running = ecs.describeTasks(r -> r.cluster("lab").tasks(task)).tasks().get(0);
        assertThat(running.startedAt()).isNotNull();
        assertThat(running.attachments().get(0).details()).anyMatch(d -> d.name().equals("privateIPv4Address"));
        assertThat(web.deploymentConfiguration().maximumPercent()).isEqualTo(200);
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("we")).families()).containsExactly("web");
        assertThat(ecs.listServices(r -> r.cluster("lab")).serviceArns()).containsExactly(web.serviceArn());
    }

    @Test
    void theDefaultVpcThroughTheEc2Sdk() {
        var vpcs = ec2.describeVpcs().vpcs();
        assertThat(vpcs).hasSize(1);
        assertThat(vpcs.get(0).isDefault()).isTrue();
        assertThat(vpcs.get(0).cidrBlock()).isEqualTo("172.31.0.0/16");
        var subnets = ec2.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id").values(vpcs.get(0).vpcId()).build()))
                .subnets();
        assertThat(subnets.stream().collect(Collectors.toMap(Subnet::availabilityZone, Subnet::cidrBlock)))
                .containsEntry("us-east-1a", "172.31.0.0/20").containsEntry("us-east-1b", "172.31.16.0/20")
                .containsEntry("us-east-1c", "172.31.32.0/20");
        String groupId = ec2.createSecurityGroup(r -> r.groupName("web").description("web tier").vpcId(vpcs.get(0).vpcId()))
                .groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipProtocol("tcp").fromPort(80).toPort(80).cidrIp("0.0.0.0/0"));
        var group = ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
        assertThat(group.ipPermissions().get(0).fromPort()).isEqualTo(80);
        assertThat(group.ipPermissions().get(0).ipRanges().get(0).cidrIp()).isEqualTo("0.0.0.0/0");
        var defaults = ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name").values("default").build()))
                .securityGroups();
        assertThat(defaults).hasSize(1);
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).extracting(z -> z.zoneName())
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
    }
}
