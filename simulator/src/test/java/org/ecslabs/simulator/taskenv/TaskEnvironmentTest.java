package org.ecslabs.simulator.taskenv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.ecslabs.simulator.ecr.EcrService;
import org.ecslabs.simulator.iam.IamService;
import org.ecslabs.simulator.logs.LogsService;
import org.ecslabs.simulator.secretsmanager.SecretsManagerService;
import org.ecslabs.simulator.servicediscovery.CloudMapService;
import org.ecslabs.simulator.ssm.ParameterStoreService;
import org.ecslabs.simulator.testing.Calls;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskEnvironmentTest {
    static final String TASK_ARN = "arn:aws:ecs:us-east-1:000000000000:task/lab/0123456789abcdef0123456789abcdef";
    static final String EXEC_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

    private final ManualSandbox sandbox = new ManualSandbox();
    private final Calls iam = new Calls(new IamService(), sandbox);
    private final Calls secrets = new Calls(new SecretsManagerService(), sandbox);
    private final Calls ssm = new Calls(new ParameterStoreService(), sandbox);
    private final Calls logs = new Calls(new LogsService(), sandbox);
    private final Calls ecr = new Calls(new EcrService(), sandbox);
    private final Calls cloudMap = new Calls(new CloudMapService(), sandbox);
    private String secretArn;

    @BeforeEach
    void setUp() {
        iam.call("CreateRole", "{'RoleName':'exec','AssumeRolePolicyDocument':'{\\'Statement\\':[{\\'Effect\\':\\'Allow\\',"
                + "\\'Principal\\':{\\'Service\\':\\'ecs-tasks.amazonaws.com\\'},\\'Action\\':\\'sts:AssumeRole\\'}]}'}");
        iam.call("AttachRolePolicy", "{'RoleName':'exec','PolicyArn':'" + EXEC_POLICY + "'}");
        secretArn = secrets.call("CreateSecret", "{'Name':'db','SecretString':'{\\'password\\':\\'pw\\'}'}").path("ARN").asText();
        logs.call("CreateLogGroup", "{'logGroupName':'/ecs/web'}");
    }

    @Test
    void executionRoleWithoutSecretsPermissionStopsTheTaskWithEcsWording() {
        StartChecks.Failure failure = TaskEnvironment.startFailure(sandbox, task(secretArn, "nginx:latest", "/ecs/web", false));

        assertThat(failure.stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(failure.stoppedReason()).isEqualTo("ResourceInitializationError: unable to pull secrets or registry auth:"
                + " execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s):"
                + " AccessDeniedException: User: arn:aws:sts::000000000000:assumed-role/exec/0123456789abcdef0123456789abcdef"
                + " is not authorized to perform: secretsmanager:GetSecretValue on resource: " + secretArn
                + " because no identity-based policy allows the secretsmanager:GetSecretValue action");

        allowSecrets();
        assertThat(TaskEnvironment.startFailure(sandbox, task(secretArn + ":password::", "nginx:latest", "/ecs/web", false))).isNull();
        assertThat(TaskEnvironment.startFailure(sandbox, task(secretArn.replace("db-", "nope-"), "nginx:latest", "/ecs/web", false))
                .stoppedReason()).endsWith("ResourceNotFoundException: Secrets Manager can't find the specified secret.");
    }

    @Test
    void missingLogGroupFailsUnlessTheDriverMayCreateIt() {
        allowSecrets();
        assertThat(TaskEnvironment.startFailure(sandbox, task(secretArn, "nginx", "/ecs/missing", false)).stoppedReason())
                .isEqualTo("ResourceInitializationError: failed to validate logger args: The specified log group does not exist. : exit status 1");
        assertThat(TaskEnvironment.startFailure(sandbox, task(secretArn, "nginx", "/ecs/missing", true)).stoppedReason())
                .contains("is not authorized to perform: logs:CreateLogGroup");

        iam.call("AttachRolePolicy", "{'RoleName':'exec','PolicyArn':'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess'}");
        assertThat(TaskEnvironment.startFailure(sandbox, task(secretArn, "nginx", "/ecs/missing", true))).isNull();
        assertThat(logs.call("DescribeLogGroups", "{'logGroupNamePrefix':'/ecs/missing'}").path("logGroups")).hasSize(1);
    }

    @Test
    void privateImagesMustExistWithTheirTag() {
        allowSecrets();
        ecr.call("CreateRepository", "{'repositoryName':'web'}");
        ecr.call("PushImage", "{'repositoryName':'web','imageTag':'v1'}");
        String uri = "000000000000.dkr.ecr.us-east-1.amazonaws.com/web";
        assertThat(TaskEnvironment.startFailure(sandbox, task(secretArn, uri + ":v1", "/ecs/web", false))).isNull();
        assertThat(TaskEnvironment.startFailure(sandbox, task(secretArn, uri + ":v2", "/ecs/web", false)).stoppedReason())
                .startsWith("CannotPullContainerError:").endsWith(uri + ":v2: not found");
        assertThat(TaskEnvironment.startFailure(sandbox, task(secretArn, uri.replace("/web", "/other") + ":v1", "/ecs/web", false))
                .stoppedReason()).contains("repository does not exist");
    }

    @Test
    void executionRoleWithoutRegistryAccessCannotPullPrivateImages() {
        allowSecrets();
        iam.call("DetachRolePolicy", "{'RoleName':'exec','PolicyArn':'" + EXEC_POLICY + "'}");
        ecr.call("CreateRepository", "{'repositoryName':'web'}");
        ecr.call("PushImage", "{'repositoryName':'web','imageTag':'v1'}");
        assertThat(TaskEnvironment.startFailure(sandbox, task(secretArn, "000000000000.dkr.ecr.us-east-1.amazonaws.com/web:v1",
                "/ecs/web", false)).stoppedReason())
                .startsWith("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed:"
                        + " unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException:")
                .contains("is not authorized to perform: ecr:GetAuthorizationToken on resource: *");
    }

    @Test
    void untrustedOrMissingRoleCannotBeAssumed() {
        TaskView task = new TaskView(TASK_ARN, "lab", null, "FARGATE", "10.0.1.5", "us-east-1a",
                Calls.input("{'family':'web','executionRoleArn':'arn:aws:iam::000000000000:role/ghost','containerDefinitions':[]}"), null);
        assertThat(TaskEnvironment.launchProblem(sandbox, task))
                .startsWith("ECS was unable to assume the role 'arn:aws:iam::000000000000:role/ghost'");
    }

    @Test
    void runningTaskLogsEveryMinuteAndJoinsCloudMapUntilItStops() {
        String operation = cloudMap.call("CreatePrivateDnsNamespace", "{'Name':'svc.local','Vpc':'vpc-1'}").path("OperationId").asText();
        String namespaceId = cloudMap.call("GetOperation", "{'OperationId':'" + operation + "'}").path("Operation").path("Targets")
                .path("NAMESPACE").asText();
        String registryArn = cloudMap.call("CreateService", "{'Name':'web','NamespaceId':'" + namespaceId + "',"
                + "'DnsConfig':{'DnsRecords':[{'Type':'A','TTL':10}]}}").path("Service").path("Arn").asText();
        JsonNode service = Calls.input("{'serviceName':'web','serviceRegistries':[{'registryArn':'" + registryArn + "'}]}");
        TaskView task = new TaskView(TASK_ARN, "lab", "web", "FARGATE", "10.0.1.5", "us-east-1a",
                task(secretArn, "nginx", "/ecs/web", false).taskDefinition(), service);

        TaskEnvironment.running(sandbox, task);
        sandbox.advance(Duration.ofMinutes(3));
        TaskEnvironment.tick(sandbox);

        String stream = "web/app/0123456789abcdef0123456789abcdef";
        JsonNode events = logs.call("GetLogEvents", "{'logGroupName':'/ecs/web','logStreamName':'" + stream + "','startFromHead':true}")
                .path("events");
        assertThat(events).hasSize(5);
        assertThat(events.get(0).path("message").asText()).isEqualTo("Starting container app from image nginx");
        assertThat(events.get(2).path("message").asText()).contains("\"GET / HTTP/1.1\" 200");
        JsonNode found = cloudMap.call("DiscoverInstances", "{'NamespaceName':'svc.local','ServiceName':'web'}").path("Instances");
        assertThat(found.get(0).path("Attributes").path("AWS_INSTANCE_IPV4").asText()).isEqualTo("10.0.1.5");
        assertThat(found.get(0).path("Attributes").path("ECS_SERVICE_NAME").asText()).isEqualTo("web");

        TaskEnvironment.stopped(sandbox, TASK_ARN, "Scaling activity initiated by deployment");
        assertThat(cloudMap.call("DiscoverInstances", "{'NamespaceName':'svc.local','ServiceName':'web'}").path("Instances")).isEmpty();
        JsonNode last = logs.call("GetLogEvents", "{'logGroupName':'/ecs/web','logStreamName':'" + stream + "','limit':1}").path("events");
        assertThat(last.get(0).path("message").asText()).isEqualTo("Container app exited with code 0");
    }

    private void allowSecrets() {
        iam.call("PutRolePolicy", "{'RoleName':'exec','PolicyName':'secrets','PolicyDocument':'{\\'Statement\\':[{\\'Effect\\':\\'Allow\\',"
                + "\\'Action\\':[\\'secretsmanager:GetSecretValue\\',\\'ssm:GetParameters\\'],\\'Resource\\':\\'*\\'}]}'}");
    }

    private static TaskView task(String secretFrom, String image, String group, boolean createGroup) {
        JsonNode definition = Calls.input("{'family':'web','executionRoleArn':'arn:aws:iam::000000000000:role/exec',"
                + "'containerDefinitions':[{'name':'app','image':'" + image + "','portMappings':[{'containerPort':80}],"
                + "'secrets':[{'name':'DB','valueFrom':'" + secretFrom + "'}],"
                + "'logConfiguration':{'logDriver':'awslogs','options':{'awslogs-group':'" + group + "','awslogs-region':'us-east-1',"
                + "'awslogs-stream-prefix':'web'" + (createGroup ? ",'awslogs-create-group':'true'" : "") + "}}}]}");
        return new TaskView(TASK_ARN, "lab", null, "FARGATE", "10.0.1.5", "us-east-1a", definition, null);
    }
}
