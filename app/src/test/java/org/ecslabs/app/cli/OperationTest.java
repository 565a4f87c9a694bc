package org.ecslabs.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

class OperationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void findsAnOperationByItsApiNameOrItsCliName() {
        assertThat(Operation.find("application-autoscaling", "DescribeScalingPolicies").name())
                .isEqualTo("DescribeScalingPolicies");
        assertThat(Operation.findByCliName("ecs", "describe-services")).get()
                .extracting(Operation::name).isEqualTo("DescribeServices");
        assertThat(Operation.findByCliName("elbv2", "describe-target-health")).get()
                .extracting(Operation::name).isEqualTo("DescribeTargetHealth");
        assertThat(Operation.findByCliName("ecs", "describe-nothing")).isEmpty();
    }

    @Test
    void unknownServicesAndOperationsAreNamed() {
        assertThatThrownBy(() -> Operation.find("ecz", "DescribeServices"))
                .isInstanceOf(OperationException.class)
                .hasMessageStartingWith("unknown service 'ecz' (known: ecs, ec2, application-autoscaling");
        assertThatThrownBy(() -> Operation.find("ecs", "DescribeServicez"))
                .hasMessage("unknown operation 'DescribeServicez' of service ecs");
    }

    @Test
    void buildsTheDesignsExampleRequestWithEnumsAsStrings() throws Exception {
        DescribeScalingPoliciesRequest request = (DescribeScalingPoliciesRequest) Operation
                .find("application-autoscaling", "DescribeScalingPolicies")
                .request(tree("{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/lab-cluster/web\"}"));
        assertThat(request.serviceNamespace()).isEqualTo(ServiceNamespace.ECS);
        assertThat(request.resourceId()).isEqualTo("service/lab-cluster/web");
    }

    @Test
    void buildsNestedStructuresListsMapsNumbersAndBooleans() throws Exception {
        CreateServiceRequest request = (CreateServiceRequest) Operation.find("ecs", "CreateService").request(tree("""
                {"cluster": "lab", "serviceName": "web", "desiredCount": "3", "launchType": "FARGATE",
                 "enableExecuteCommand": "true",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": "subnet-1", "assignPublicIp": "ENABLED"}},
                 "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true},
                                             "maximumPercent": 200},
                 "tags": [{"key": "team", "value": "blue"}]}
                """));
        assertThat(request.desiredCount()).isEqualTo(3);
        assertThat(request.launchType()).isEqualTo(LaunchType.FARGATE);
        assertThat(request.enableExecuteCommand()).isTrue();
        assertThat(request.networkConfiguration().awsvpcConfiguration().subnets()).containsExactly("subnet-1");
        assertThat(request.networkConfiguration().awsvpcConfiguration().assignPublicIp()).isEqualTo(AssignPublicIp.ENABLED);
        assertThat(request.deploymentConfiguration().deploymentCircuitBreaker().rollback()).isTrue();
        assertThat(request.tags().get(0).value()).isEqualTo("blue");

        RegisterTaskDefinitionRequest task = (RegisterTaskDefinitionRequest) Operation.find("ecs", "RegisterTaskDefinition")
                .request(tree("{\"family\":\"web\",\"containerDefinitions\":[{\"name\":\"web\","
                        + "\"dockerLabels\":{\"tier\":\"front\"},\"portMappings\":[{\"containerPort\":80}]}]}"));
        assertThat(task.containerDefinitions().get(0).dockerLabels()).containsEntry("tier", "front");
        assertThat(task.containerDefinitions().get(0).portMappings().get(0).containerPort()).isEqualTo(80);
    }

    @Test
    void usesTheModelsMemberNamesNotTheWireNames() throws Exception {
        DescribeSubnetsRequest request = (DescribeSubnetsRequest) Operation.find("ec2", "DescribeSubnets")
                .request(tree("{\"Filters\":[{\"Name\":\"default-for-az\",\"Values\":[\"true\"]}]}"));
        assertThat(request.filters().get(0).values()).containsExactly("true");

        JsonNode response = SdkTrees.toTree(DescribeSubnetsResponse.builder()
                .subnets(Subnet.builder().subnetId("subnet-1").defaultForAz(true).availableIpAddressCount(250).build())
                .build());
        assertThat(response.toString())
                .isEqualTo("{\"Subnets\":[{\"SubnetId\":\"subnet-1\",\"AvailableIpAddressCount\":250,\"DefaultForAz\":true}]}");
    }

    @Test
    void responsesLeaveOutAbsentMembersAndShowTimestampsAsIso8601() {
        JsonNode response = SdkTrees.toTree(DescribeServicesResponse.builder()
                .services(service -> service.serviceName("web").desiredCount(2).launchType("FARGATE")
                        .createdAt(Instant.parse("2026-11-21T10:00:00Z")))
                .build());
        assertThat(response.toString()).isEqualTo("{\"services\":[{\"serviceName\":\"web\",\"desiredCount\":2,"
                + "\"launchType\":\"FARGATE\",\"createdAt\":\"2026-11-21T10:00:00Z\"}]}");
    }

    @Test
    void unknownMembersAndWrongTypesAreNamedWithTheirPath() throws Exception {
        Operation createService = Operation.find("ecs", "CreateService");
        assertThatThrownBy(() -> createService.request(tree("{\"serviceName\":\"web\",\"desiredcount\":1}")))
                .isInstanceOf(OperationException.class)
                .hasMessageStartingWith("CreateService: unknown member 'desiredcount' (known: cluster, serviceName,");
        assertThatThrownBy(() -> createService.request(tree("{\"desiredCount\":\"three\"}")))
                .hasMessage("CreateService.desiredCount: expected a number, found \"three\"");
        assertThatThrownBy(() -> createService.request(
                tree("{\"networkConfiguration\":{\"awsvpcConfiguration\":{\"subnet\":[\"a\"]}}}")))
                .hasMessageStartingWith("CreateService.networkConfiguration.awsvpcConfiguration: unknown member 'subnet'");
    }
}
