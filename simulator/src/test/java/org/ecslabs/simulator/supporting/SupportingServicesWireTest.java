package org.ecslabs.simulator.supporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ecslabs.simulator.support.SdkClients;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** IAM, Secrets Manager, SSM, CloudWatch Logs, ECR and Cloud Map as their real SDK clients see them. */
class SupportingServicesWireTest {
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static SimulatorFixture simulator;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.paused();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void iamRolesAreGlobalAndSpeakTheQueryProtocol() {
        try (IamClient west = SdkClients.build(IamClient.builder(), simulator.endpoint(), "us-west-2");
             IamClient east = SdkClients.build(IamClient.builder(), simulator.endpoint(), "us-east-1")) {
            var role = west.createRole(r -> r.roleName("wire-exec").assumeRolePolicyDocument(TRUST)).role();
            assertThat(role.arn()).isEqualTo("arn:aws:iam::000000000000:role/wire-exec");
            assertThat(role.createDate()).isNotNull();

            var fetched = east.getRole(r -> r.roleName("wire-exec")).role();
            assertThat(URLDecoder.decode(fetched.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TRUST);
            east.attachRolePolicy(r -> r.roleName("wire-exec")
                    .policyArn("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
            assertThat(west.listAttachedRolePolicies(r -> r.roleName("wire-exec")).attachedPolicies())
                    .extracting(p -> p.policyName()).containsExactly("AmazonECSTaskExecutionRolePolicy");
            assertThat(east.listRoles().roles()).extracting(r -> r.roleName()).contains("wire-exec");

            assertThatThrownBy(() -> east.deleteRole(r -> r.roleName("wire-exec"))).isInstanceOf(DeleteConflictException.class);
            assertThatThrownBy(() -> east.getRole(r -> r.roleName("nobody")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The role with name nobody cannot be found."));
            assertThatThrownBy(() -> east.putRolePolicy(r -> r.roleName("wire-exec").policyName("p").policyDocument("{nope")))
                    .isInstanceOf(MalformedPolicyDocumentException.class);
        }
    }

    @Test
    void secretsAndParametersRoundTrip() {
        try (SecretsManagerClient secrets = SdkClients.build(SecretsManagerClient.builder(), simulator.endpoint(), "us-east-1");
             SsmClient ssm = SdkClients.build(SsmClient.builder(), simulator.endpoint(), "us-east-1")) {
            String arn = secrets.createSecret(r -> r.name("wire/db").secretString("pw1")).arn();
            secrets.putSecretValue(r -> r.secretId(arn).secretString("pw2"));
            assertThat(secrets.getSecretValue(r -> r.secretId("wire/db")).secretString()).isEqualTo("pw2");
            assertThat(secrets.getSecretValue(r -> r.secretId("wire/db").versionStage("AWSPREVIOUS")).secretString()).isEqualTo("pw1");
            assertThat(secrets.describeSecret(r -> r.secretId(arn)).createdDate()).isNotNull();
            secrets.deleteSecret(r -> r.secretId(arn).recoveryWindowInDays(7L));
            assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId(arn))).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> secrets.getSecretValue(r -> r.secretId("wire/none"))).isInstanceOf(ResourceNotFoundException.class);

            ssm.putParameter(r -> r.name("/wire/url").value("http://x").type(ParameterType.STRING));
            var parameter = ssm.getParameter(r -> r.name("/wire/url")).parameter();
            assertThat(parameter.value()).isEqualTo("http://x");
            assertThat(parameter.lastModifiedDate()).isNotNull();
            assertThat(ssm.getParameters(r -> r.names("/wire/url", "/wire/missing")).invalidParameters()).containsExactly("/wire/missing");
            assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/wire/missing"))).isInstanceOf(ParameterNotFoundException.class);
        }
    }

    @Test
    void logsEcrAndCloudMapWorkThroughTheirClients() {
        try (CloudWatchLogsClient logs = SdkClients.build(CloudWatchLogsClient.builder(), simulator.endpoint(), "us-east-1");
             EcrClient ecr = SdkClients.build(EcrClient.builder(), simulator.endpoint(), "us-east-1");
             ServiceDiscoveryClient cloudMap = SdkClients.build(ServiceDiscoveryClient.builder(), simulator.endpoint(), "us-east-1")) {
            logs.createLogGroup(r -> r.logGroupName("/wire/app"));
            assertThatThrownBy(() -> logs.createLogGroup(r -> r.logGroupName("/wire/app"))).isInstanceOf(ResourceAlreadyExistsException.class);
            logs.createLogStream(r -> r.logGroupName("/wire/app").logStreamName("s1"));
            logs.putLogEvents(r -> r.logGroupName("/wire/app").logStreamName("s1")
                    .logEvents(InputLogEvent.builder().timestamp(System.currentTimeMillis()).message("hello wire").build()));
            assertThat(logs.getLogEvents(r -> r.logGroupName("/wire/app").logStreamName("s1").startFromHead(true)).events())
                    .extracting(e -> e.message()).containsExactly("hello wire");

            ecr.createRepository(r -> r.repositoryName("wire-web"));
            var pushed = simulator.control("test", "test", "PushImage", "{\"repositoryName\":\"wire-web\",\"imageTag\":\"v1\"}");
            assertThat(pushed.status()).isEqualTo(200);
            assertThat(ecr.describeImages(r -> r.repositoryName("wire-web")).imageDetails())
                    .singleElement().satisfies(image -> {
                        assertThat(image.imageTags()).containsExactly("v1");
                        assertThat(image.imagePushedAt()).isNotNull();
                    });
            assertThat(ecr.getAuthorizationToken().authorizationData().get(0).proxyEndpoint())
                    .isEqualTo("https://000000000000.dkr.ecr.us-east-1.amazonaws.com");
            assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName("wire-web"))).isInstanceOf(RepositoryNotEmptyException.class);

            String operationId = cloudMap.createHttpNamespace(r -> r.name("wire-apps")).operationId();
            var operation = cloudMap.getOperation(r -> r.operationId(operationId)).operation();
            assertThat(operation.status()).isEqualTo(OperationStatus.SUCCESS);
            String namespaceId = operation.targetsAsStrings().get("NAMESPACE");
            String serviceId = cloudMap.createService(r -> r.name("api").namespaceId(namespaceId)).service().id();
            cloudMap.registerInstance(r -> r.serviceId(serviceId).instanceId("i-1").attributes(Map.of("AWS_INSTANCE_IPV4", "10.0.1.9")));
            var found = cloudMap.discoverInstances(r -> r.namespaceName("wire-apps").serviceName("api")
                    .healthStatus(HealthStatusFilter.HEALTHY)).instances();
            assertThat(found).singleElement().satisfies(i -> assertThat(i.attributes()).containsEntry("AWS_INSTANCE_IPV4", "10.0.1.9"));
        }
    }

    @Test
    void stsTellsTheCallerItsAccount() {
        var response = org.ecslabs.simulator.support.SignedHttp.form(simulator.endpoint(), "test", "test", "us-east-1", "sts",
                "Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("<GetCallerIdentityResult><UserId>000000000000</UserId><Account>000000000000</Account>"
                + "<Arn>arn:aws:iam::000000000000:root</Arn></GetCallerIdentityResult>");
    }
}
