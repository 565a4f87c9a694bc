package org.ecslabs.simulator.taskenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.support.SdkClients;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * ECS tasks meeting IAM, Secrets Manager, CloudWatch Logs, ECR and Cloud Map, all over HTTP with
 * the real SDK clients, on a paused clock moved through the control API.
 */
class TaskEnvironmentOverHttpTest {
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String EXEC_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
    static final String EXEC_ROLE = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";

    private SimulatorFixture fixture;
    private EcsClient ecs;
    private IamClient iam;
    private SecretsManagerClient secrets;
    private CloudWatchLogsClient logs;
    private EcrClient ecr;
    private ServiceDiscoveryClient cloudMap;
    private SsmClient ssm;
    private Ec2Client ec2;
    private NetworkConfiguration network;

    @BeforeEach
    void start() {
        fixture = SimulatorFixture.paused();
        control("SetClockSpeed", "{\"factor\": 0}");
        var endpoint = fixture.endpoint();
        ecs = SdkClients.build(EcsClient.builder(), endpoint, "us-east-1");
        iam = SdkClients.build(IamClient.builder(), endpoint, "us-east-1");
        secrets = SdkClients.build(SecretsManagerClient.builder(), endpoint, "us-east-1");
        logs = SdkClients.build(CloudWatchLogsClient.builder(), endpoint, "us-east-1");
        ecr = SdkClients.build(EcrClient.builder(), endpoint, "us-east-1");
        cloudMap = SdkClients.build(ServiceDiscoveryClient.builder(), endpoint, "us-east-1");
        ssm = SdkClients.build(SsmClient.builder(), endpoint, "us-east-1");
        ec2 = SdkClients.build(Ec2Client.builder(), endpoint, "us-east-1");
        List<String> subnets = ec2.describeSubnets(r -> r.filters(Filter.builder().name("default-for-az").values("true").build()))
                .subnets().stream().map(Subnet::subnetId).toList();
        network = NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder().subnets(subnets).build()).build();
        ecs.createCluster(r -> r.clusterName("lab"));
        iam.createRole(r -> r.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(TRUST));
        iam.attachRolePolicy(r -> r.roleName("ecsTaskExecutionRole").policyArn(EXEC_POLICY));
        logs.createLogGroup(r -> r.logGroupName("/ecs/web"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void taskWithAwslogsAndASecretRunsAndItsLinesAreReadable() {
        String secretArn = secrets.createSecret(r -> r.name("prod/db").secretString("{\"password\":\"pw\"}")).arn();
        allowSecrets();
        registerWeb("nginx:1.27", secretArn + ":password::", "/ecs/web");

        Task task = runAndWait(20);
        assertThat(task.lastStatus()).isEqualTo("RUNNING");
        assertThat(iam.getRole(r -> r.roleName("ecsTaskExecutionRole")).role().roleLastUsed().region()).isEqualTo("us-east-1");

        advance(120);
        String stream = "web/web/" + id(task);
        List<OutputLogEvent> events = logs.getLogEvents(r -> r.logGroupName("/ecs/web").logStreamName(stream).startFromHead(true)).events();
        assertThat(events).extracting(OutputLogEvent::message)
                .startsWith("Starting container web from image nginx:1.27", "Listening on 0.0.0.0:80")
                .hasSize(4);
        assertThat(events.get(2).message()).contains("\"GET / HTTP/1.1\" 200");

        ecs.stopTask(r -> r.cluster("lab").task(task.taskArn()).reason("done"));
        advance(60);
        assertThat(logs.getLogEvents(r -> r.logGroupName("/ecs/web").logStreamName(stream).limit(1)).events().get(0).message())
                .isEqualTo("Container web exited with code 0");
    }

    @Test
    void executionRoleWithoutSecretAccessStopsTheTaskWithEcsReason() {
        String secretArn = secrets.createSecret(r -> r.name("prod/api-key").secretString("k")).arn();
        registerWeb("nginx:1.27", secretArn, "/ecs/web");

        Task task = runAndWait(60);

        assertThat(task.lastStatus()).isEqualTo("STOPPED");
        assertThat(task.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(task.stoppedReason()).isEqualTo("ResourceInitializationError: unable to pull secrets or registry auth:"
                + " execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s):"
                + " AccessDeniedException: User: arn:aws:sts::000000000000:assumed-role/ecsTaskExecutionRole/" + id(task)
                + " is not authorized to perform: secretsmanager:GetSecretValue on resource: " + secretArn
                + " because no identity-based policy allows the secretsmanager:GetSecretValue action");
    }

    @Test
    void thePolicySimulatorExplainsTheDecision() {
        var results = iam.simulatePrincipalPolicy(r -> r.policySourceArn(EXEC_ROLE)
                .actionNames("logs:PutLogEvents", "secretsmanager:GetSecretValue")).evaluationResults();
        assertThat(results).extracting(e -> e.evalDecisionAsString()).containsExactly("allowed", "implicitDeny");
    }

    @Test
    void missingSecretOrLogGroupStopsTheTask() {
        allowSecrets();
        registerWeb("nginx:1.27", "arn:aws:secretsmanager:us-east-1:000000000000:secret:gone-AbCdEf", "/ecs/web");
        assertThat(runAndWait(60).stoppedReason()).endsWith(
                "failed to fetch secret arn:aws:secretsmanager:us-east-1:000000000000:secret:gone-AbCdEf from secrets manager:"
                        + " ResourceNotFoundException: Secrets Manager can't find the specified secret.");

        String secretArn = secrets.createSecret(r -> r.name("db").secretString("pw")).arn();
        registerWeb("nginx:1.27", secretArn, "/ecs/nowhere");
        assertThat(runAndWait(60).stoppedReason()).isEqualTo(
                "ResourceInitializationError: failed to validate logger args: The specified log group does not exist. : exit status 1");
    }

    @Test
    void executionRoleThatDoesNotExistIsRefusedByRunTask() {
        iam.detachRolePolicy(r -> r.roleName("ecsTaskExecutionRole").policyArn(EXEC_POLICY));
        iam.deleteRole(r -> r.roleName("ecsTaskExecutionRole"));
        registerWeb("nginx:1.27", null, "/ecs/web");

        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("lab").taskDefinition("web").launchType(LaunchType.FARGATE)
                .networkConfiguration(network)))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("ECS was unable to assume the role '" + EXEC_ROLE + "'"));
    }

    @Test
    void imagePushedThroughTheControlApiRunsAndAMissingTagCannotBePulled() {
        String uri = ecr.createRepository(r -> r.repositoryName("web")).repository().repositoryUri();
        assertThat(control("PushImage", "{\"repositoryName\":\"web\",\"imageTag\":\"v1\",\"sizeMb\":30}")).contains("sha256:");
        assertThat(ecr.listImages(r -> r.repositoryName("web")).imageIds()).singleElement()
                .satisfies(id -> assertThat(id.imageTag()).isEqualTo("v1"));

        registerWeb(uri + ":v1", null, "/ecs/web");
        assertThat(runAndWait(20).lastStatus()).isEqualTo("RUNNING");
        assertThat(ecr.describeImages(r -> r.repositoryName("web")).imageDetails().get(0).lastRecordedPullTime()).isNotNull();

        registerWeb(uri + ":v2", null, "/ecs/web");
        Task failed = runAndWait(60);
        assertThat(failed.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(failed.stoppedReason()).startsWith("CannotPullContainerError: ").endsWith(uri + ":v2: not found");
    }

    @Test
    void serviceTasksAreDiscoverableInCloudMapAndLeaveOnScaleIn() {
        String vpc = ec2.describeVpcs().vpcs().get(0).vpcId();
        String operationId = cloudMap.createPrivateDnsNamespace(r -> r.name("internal.lab").vpc(vpc)).operationId();
        advance(1);
        String namespaceId = cloudMap.getOperation(r -> r.operationId(operationId)).operation().targetsAsStrings().get("NAMESPACE");
        String registryArn = cloudMap.createService(r -> r.name("web").namespaceId(namespaceId)
                .dnsConfig(d -> d.dnsRecords(DnsRecord.builder().type(RecordType.A).ttl(10L).build()))
                .healthCheckCustomConfig(h -> { })).service().arn();
        registerWeb("nginx:1.27", null, "/ecs/web");

        ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition("web").desiredCount(2)
                .launchType(LaunchType.FARGATE).networkConfiguration(network)
                .serviceRegistries(s -> s.registryArn(registryArn)));
        advance(30);
        List<String> ips = runningTasks("web").stream()
                .map(t -> t.attachments().get(0).details().stream().filter(d -> d.name().equals("privateIPv4Address"))
                        .findFirst().orElseThrow().value()).toList();
        assertThat(ips).hasSize(2);
        assertThat(discover()).extracting(i -> i.attributes().get("AWS_INSTANCE_IPV4")).containsExactlyInAnyOrderElementsOf(ips);

        ecs.updateService(r -> r.cluster("lab").service("web").desiredCount(1));
        advance(60);
        assertThat(discover()).hasSize(1);
        assertThat(cloudMap.listInstances(r -> r.serviceId(registryArn.substring(registryArn.lastIndexOf('/') + 1))).instances()).hasSize(1);
    }

    @Test
    void serviceConnectRegistersTasksUnderTheirDiscoveryName() {
        String operationId = cloudMap.createHttpNamespace(r -> r.name("apps")).operationId();
        advance(1);
        assertThat(cloudMap.getOperation(r -> r.operationId(operationId)).operation().statusAsString()).isEqualTo("SUCCESS");
        ecs.registerTaskDefinition(r -> r.family("api").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("api").image("public.ecr.aws/nginx/nginx:1.27")
                        .portMappings(PortMapping.builder().name("http").containerPort(8080).build()).build()));
        ecs.createService(r -> r.cluster("lab").serviceName("api").taskDefinition("api").desiredCount(2)
                .launchType(LaunchType.FARGATE).networkConfiguration(network)
                .serviceConnectConfiguration(c -> c.enabled(true).namespace("apps")
                        .services(s -> s.portName("http").discoveryName("api").clientAliases(a -> a.port(80)))));
        advance(30);

        List<HttpInstanceSummary> found = cloudMap.discoverInstances(r -> r.namespaceName("apps").serviceName("api")).instances();
        assertThat(found).hasSize(2).allSatisfy(i -> assertThat(i.attributes()).containsEntry("AWS_INSTANCE_PORT", "8080")
                .containsEntry("ECS_SERVICE_NAME", "api"));
    }

    @Test
    void parameterStoreSecretsNeedTheParameterAndThePermission() {
        ssm.putParameter(r -> r.name("/app/db-password").value("pw").type(ParameterType.SECURE_STRING));
        registerWeb("nginx:1.27", "/app/db-password", "/ecs/web");
        assertThat(runAndWait(60).stoppedReason()).contains("unable to retrieve secrets from ssm")
                .contains("is not authorized to perform: ssm:GetParameters on resource: "
                        + "arn:aws:ssm:us-east-1:000000000000:parameter/app/db-password");

        allowSecrets();
        assertThat(runAndWait(20).lastStatus()).isEqualTo("RUNNING");
        registerWeb("nginx:1.27", "/app/missing", "/ecs/web");
        assertThat(runAndWait(60).stoppedReason()).endsWith("invalid ssm parameters: /app/missing");
    }

    private List<HttpInstanceSummary> discover() {
        return cloudMap.discoverInstances(r -> r.namespaceName("internal.lab").serviceName("web")).instances();
    }

    private List<Task> runningTasks(String service) {
        List<String> arns = ecs.listTasks(r -> r.cluster("lab").serviceName(service)).taskArns();
        return ecs.describeTasks(r -> r.cluster("lab").tasks(arns)).tasks().stream()
                .filter(t -> "RUNNING".equals(t.lastStatus())).toList();
    }

    private void allowSecrets() {
        iam.putRolePolicy(r -> r.roleName("ecsTaskExecutionRole").policyName("read-secrets").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"secretsmanager:GetSecretValue\","
                        + "\"ssm:GetParameters\"],\"Resource\":\"*\"}]}"));
    }

    private void registerWeb(String image, String secretFrom, String logGroup) {
        ContainerDefinition.Builder container = ContainerDefinition.builder().name("web").image(image)
                .portMappings(PortMapping.builder().containerPort(80).build())
                .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(Map.of(
                        "awslogs-group", logGroup, "awslogs-region", "us-east-1", "awslogs-stream-prefix", "web")).build());
        if (secretFrom != null) {
            container.secrets(Secret.builder().name("DB_PASSWORD").valueFrom(secretFrom).build());
        }
        ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512").executionRoleArn(EXEC_ROLE)
                .containerDefinitions(container.build()));
    }

    private Task runAndWait(int seconds) {
        String arn = ecs.runTask(r -> r.cluster("lab").taskDefinition("web").launchType(LaunchType.FARGATE)
                .networkConfiguration(network)).tasks().get(0).taskArn();
        advance(seconds);
        return ecs.describeTasks(r -> r.cluster("lab").tasks(arn)).tasks().get(0);
    }

    private static String id(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    private void advance(int seconds) {
        control("AdvanceClock", "{\"seconds\": " + seconds + "}");
    }

    private String control(String operation, String json) {
        SignedHttp.Response response = fixture.control("test", "test", operation, json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
