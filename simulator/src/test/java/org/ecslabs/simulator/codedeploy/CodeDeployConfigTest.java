package org.ecslabs.simulator.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.junit.jupiter.api.Test;

class CodeDeployConfigTest {
    private final CodeDeployService codeDeploy = new CodeDeployService();
    private final ManualSandbox sandbox = new ManualSandbox(codeDeploy);

    private JsonNode call(String operation, String json) {
        return sandbox.call(codeDeploy, operation, json);
    }

    private static String code(Throwable error) {
        return ((AwsException) error).code();
    }

    @Test
    void applicationsAreCreatedListedAndUnique() {
        String id = call("CreateApplication", "{\"applicationName\":\"web\",\"computePlatform\":\"ECS\"}").get("applicationId").asText();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        JsonNode application = call("GetApplication", "{\"applicationName\":\"web\"}").get("application");
        assertThat(application.get("computePlatform").asText()).isEqualTo("ECS");
        assertThat(application.get("createTime").isNumber()).isTrue();
        assertThat(call("ListApplications", "{}").get("applications")).extracting(JsonNode::asText).containsExactly("web");
        assertThatThrownBy(() -> call("CreateApplication", "{\"applicationName\":\"web\",\"computePlatform\":\"ECS\"}"))
                .extracting(CodeDeployConfigTest::code).isEqualTo("ApplicationAlreadyExistsException");
        assertThatThrownBy(() -> call("GetApplication", "{\"applicationName\":\"nope\"}"))
                .extracting(CodeDeployConfigTest::code).isEqualTo("ApplicationDoesNotExistException");
        call("DeleteApplication", "{\"applicationName\":\"web\"}");
        assertThat(call("ListApplications", "{}").get("applications")).isEmpty();
    }

    @Test
    void predefinedAndCustomDeploymentConfigs() {
        JsonNode linear = call("GetDeploymentConfig", "{\"deploymentConfigName\":\"CodeDeployDefault.ECSLinear10PercentEvery1Minutes\"}")
                .get("deploymentConfigInfo");
        assertThat(linear.at("/trafficRoutingConfig/type").asText()).isEqualTo("TimeBasedLinear");
        assertThat(linear.at("/trafficRoutingConfig/timeBasedLinear/linearPercentage").asInt()).isEqualTo(10);
        assertThat(linear.at("/trafficRoutingConfig/timeBasedLinear/linearInterval").asInt()).isEqualTo(1);
        JsonNode canary = call("GetDeploymentConfig", "{\"deploymentConfigName\":\"CodeDeployDefault.ECSCanary10Percent15Minutes\"}")
                .get("deploymentConfigInfo");
        assertThat(canary.at("/trafficRoutingConfig/timeBasedCanary/canaryInterval").asInt()).isEqualTo(15);

        call("CreateDeploymentConfig", "{\"deploymentConfigName\":\"Linear25Every2\",\"computePlatform\":\"ECS\","
                + "\"trafficRoutingConfig\":{\"type\":\"TimeBasedLinear\",\"timeBasedLinear\":{\"linearPercentage\":25,\"linearInterval\":2}}}");
        assertThat(call("ListDeploymentConfigs", "{}").get("deploymentConfigsList")).extracting(JsonNode::asText)
                .contains("CodeDeployDefault.ECSAllAtOnce", "CodeDeployDefault.ECSCanary10Percent5Minutes", "Linear25Every2");
        assertThatThrownBy(() -> call("CreateDeploymentConfig", "{\"deploymentConfigName\":\"Bad\",\"computePlatform\":\"ECS\","
                + "\"trafficRoutingConfig\":{\"type\":\"TimeBasedCanary\",\"timeBasedCanary\":{\"canaryPercentage\":0,\"canaryInterval\":5}}}"))
                .extracting(CodeDeployConfigTest::code).isEqualTo("InvalidTrafficRoutingConfigurationException");
        assertThatThrownBy(() -> call("GetDeploymentConfig", "{\"deploymentConfigName\":\"Nope\"}"))
                .extracting(CodeDeployConfigTest::code).isEqualTo("DeploymentConfigDoesNotExistException");
    }

    @Test
    void appSpecInYamlAndJson() {
        AppSpec yaml = AppSpec.parse("""
                version: 0.0
                Resources:
                  - TargetService:
                      Type: AWS::ECS::Service
                      Properties:
                        TaskDefinition: "arn:aws:ecs:us-east-1:000000000000:task-definition/web:2"
                        LoadBalancerInfo:
                          ContainerName: "web"
                          ContainerPort: 80
                        NetworkConfiguration:
                          AwsvpcConfiguration:
                            Subnets: ["subnet-1"]
                            AssignPublicIp: "ENABLED"
                Hooks:
                  - BeforeInstall: "CheckBefore"
                """);
        assertThat(yaml.taskDefinition()).endsWith("task-definition/web:2");
        assertThat(yaml.containerPort()).isEqualTo(80);
        assertThat(yaml.networkConfiguration().at("/awsvpcConfiguration/assignPublicIp").asText()).isEqualTo("ENABLED");
        assertThat(yaml.hooks()).containsExactly("BeforeInstall");
        AppSpec json = AppSpec.parse("{\"version\":0.0,\"Resources\":[{\"TargetService\":{\"Type\":\"AWS::ECS::Service\","
                + "\"Properties\":{\"TaskDefinition\":\"web:3\",\"LoadBalancerInfo\":{\"ContainerName\":\"web\",\"ContainerPort\":8080}}}}]}");
        assertThat(json.containerPort()).isEqualTo(8080);
        assertThatThrownBy(() -> AppSpec.parse("Resources: [}"))
                .extracting(CodeDeployConfigTest::code).isEqualTo("InvalidRevisionException");
        assertThatThrownBy(() -> AppSpec.parse("version: 0.0\nResources: []"))
                .hasMessageContaining("TargetService");
    }
}
