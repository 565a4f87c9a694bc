package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.assertAwsError;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.fargate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blue/green the way CodeDeploy drives ECS: task sets, a primary, and the old set deleted. */
class TaskSetTest {
    private final TestSandbox sandbox = new TestSandbox();
    private String network;
    private static final String BLUE = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/blue/1111111111111111";
    private static final String GREEN = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/green/2222222222222222";

    @BeforeEach
    void setUp() {
        sandbox.ecs("CreateCluster", "{\"clusterName\": \"lab\"}");
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512"));
        sandbox.ecs("RegisterTaskDefinition", fargate("512", "1024"));
        String subnet = sandbox.ec2("DescribeSubnets", "{}").get("subnetSet").get(0).get("subnetId").asText();
        network = "{\"awsvpcConfiguration\": {\"subnets\": [\"" + subnet + "\"]}}";
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "web:1", "desiredCount": 2, "launchType": "FARGATE",
                 "deploymentController": {"type": "CODE_DEPLOY"}, "networkConfiguration": %s,
                 "loadBalancers": [{"targetGroupArn": "%s", "containerName": "web", "containerPort": 80}]}""".formatted(network, BLUE));
    }

    private JsonNode service() {
        return sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"web\"]}").get("services").get(0);
    }

    @Test
    void aCodeDeployServiceMovesFromBlueToGreen() {
        sandbox.advance(20);
        JsonNode service = service();
        assertThat(service.get("deployments")).isEmpty();
        assertThat(service.get("runningCount").asInt()).isEqualTo(2);
        JsonNode blue = service.get("taskSets").get(0);
        assertThat(blue.get("status").asText()).isEqualTo("PRIMARY");
        assertThat(blue.get("stabilityStatus").asText()).isEqualTo("STEADY_STATE");
        assertThat(blue.get("taskSetArn").asText()).startsWith("arn:aws:ecs:us-east-1:000000000000:task-set/lab/web/ecs-svc/");

        JsonNode green = sandbox.ecs("CreateTaskSet", """
                {"cluster": "lab", "service": "web", "externalId": "d-ABCDEF123", "taskDefinition": "web:2",
                 "launchType": "FARGATE", "networkConfiguration": %s, "scale": {"value": 100, "unit": "PERCENT"},
                 "loadBalancers": [{"targetGroupArn": "%s", "containerName": "web", "containerPort": 80}]}""".formatted(network, GREEN))
                .get("taskSet");
        assertThat(green.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(green.get("computedDesiredCount").asInt()).isEqualTo(2);
        sandbox.advance(20);
        JsonNode both = sandbox.ecs("DescribeTaskSets", "{\"cluster\": \"lab\", \"service\": \"web\", \"taskSets\": [\""
                + green.get("taskSetArn").asText() + "\"]}").get("taskSets").get(0);
        assertThat(both.get("runningCount").asInt()).isEqualTo(2);
        assertThat(both.get("stabilityStatus").asText()).isEqualTo("STEADY_STATE");
        assertThat(service().get("runningCount").asInt()).isEqualTo(4);
        assertThat(EcsLink.loadBalancerTargets(sandbox, service().get("serviceArn").asText()))
                .extracting(EcsLink.Target::targetGroupArn).containsOnly(BLUE, GREEN).hasSize(4);

        sandbox.ecs("UpdateServicePrimaryTaskSet", "{\"cluster\": \"lab\", \"service\": \"web\", \"primaryTaskSet\": \""
                + green.get("taskSetArn").asText() + "\"}");
        assertThat(service().get("taskDefinition").asText()).endsWith("web:2");
        assertAwsError(() -> sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", \"taskDefinition\": \"web:1\"}"),
                "InvalidParameterException",
                "Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.");
        JsonNode deleted = sandbox.ecs("DeleteTaskSet", "{\"cluster\": \"lab\", \"service\": \"web\", \"taskSet\": \""
                + blue.get("taskSetArn").asText() + "\"}").get("taskSet");
        assertThat(deleted.get("status").asText()).isEqualTo("DRAINING");
        sandbox.advance(40);
        JsonNode done = service();
        assertThat(done.get("taskSets")).hasSize(1);
        assertThat(done.get("taskSets").get(0).get("status").asText()).isEqualTo("PRIMARY");
        assertThat(done.get("runningCount").asInt()).isEqualTo(2);
        assertThat(done.get("events").get(0).get("message").asText()).isEqualTo("(service web) has reached a steady state.");

        sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", \"desiredCount\": 3}");
        sandbox.advance(20);
        assertThat(service().get("runningCount").asInt()).isEqualTo(3);
    }

    @Test
    void taskSetsAreOnlyForExternalAndCodeDeployServices() {
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "rolling", "taskDefinition": "web:1", "desiredCount": 1, "launchType": "FARGATE",
                 "networkConfiguration": %s}""".formatted(network));
        assertAwsError(() -> sandbox.ecs("CreateTaskSet", """
                {"cluster": "lab", "service": "rolling", "taskDefinition": "web:2", "launchType": "FARGATE", "networkConfiguration": %s}"""
                .formatted(network)), "InvalidParameterException",
                "Amazon ECS only supports task set management on services configured to use external or CODE_DEPLOY deployment controllers.");
        JsonNode external = sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "ext", "desiredCount": 2, "deploymentController": {"type": "EXTERNAL"}}""")
                .get("service");
        assertThat(external.get("taskSets")).isEmpty();
        sandbox.ecs("CreateTaskSet", """
                {"cluster": "lab", "service": "ext", "taskDefinition": "web:2", "launchType": "FARGATE", "networkConfiguration": %s,
                 "scale": {"value": 50, "unit": "PERCENT"}}""".formatted(network));
        sandbox.advance(20);
        JsonNode ext = sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"ext\"]}").get("services").get(0);
        assertThat(ext.get("runningCount").asInt()).isEqualTo(1);
    }
}
