package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.ecslabs.simulator.protocol.AwsException;
import org.junit.jupiter.api.Test;

class ClusterAndTaskDefinitionTest {
    private final EcsSandbox sandbox = new EcsSandbox();

    static void assertAwsError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void createDescribeListAndDeleteACluster() {
        JsonNode created = sandbox.ecs("CreateCluster", """
                {"clusterName": "lab", "tags": [{"key": "team", "value": "blue"}]}""").get("cluster");
        assertThat(created.get("clusterArn").asText()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/lab");
        assertThat(created.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.get("settings").get(0).get("value").asText()).isEqualTo("disabled");

        JsonNode described = sandbox.ecs("DescribeClusters", """
                {"clusters": ["lab", "nope"], "include": ["STATISTICS", "TAGS"]}""");
        JsonNode cluster = described.get("clusters").get(0);
        assertThat(cluster.get("runningTasksCount").asInt()).isZero();
        assertThat(cluster.get("tags").get(0).get("value").asText()).isEqualTo("blue");
        assertThat(cluster.get("statistics").size()).isGreaterThan(0);
        assertThat(described.get("failures").get(0).get("reason").asText()).isEqualTo("MISSING");

        assertThat(sandbox.ecs("ListClusters", "{}").get("clusterArns")).hasSize(1);
        sandbox.ecs("UpdateClusterSettings", """
                {"cluster": "lab", "settings": [{"name": "containerInsights", "value": "enabled"}]}""");
        assertThat(sandbox.ecs("DescribeClusters", "{\"clusters\":[\"lab\"]}").get("clusters").get(0)
                .get("settings").get(0).get("value").asText()).isEqualTo("enabled");

        assertThat(sandbox.ecs("DeleteCluster", "{\"cluster\":\"lab\"}").get("cluster").get("status").asText())
                .isEqualTo("INACTIVE");
        assertThat(sandbox.ecs("ListClusters", "{}").get("clusterArns")).isEmpty();
        assertAwsError(() -> sandbox.ecs("DeleteCluster", "{\"cluster\":\"lab\"}"), "ClusterNotFoundException",
                "Cluster not found.");
    }

    @Test
    void aClusterWithAnInstanceOrAServiceCannotBeDeleted() {
        sandbox.ecs("CreateCluster", "{\"clusterName\": \"lab\"}");
        sandbox.ecs("AddContainerInstances", "{\"cluster\": \"lab\", \"count\": 1, \"instanceType\": \"t3.small\"}");
        assertAwsError(() -> sandbox.ecs("DeleteCluster", "{\"cluster\":\"lab\"}"),
                "ClusterContainsContainerInstancesException",
                "The Cluster cannot be deleted while Container Instances are active or draining.");
    }

    @Test
    void fargateSizesAreCheckedAsAwsDoes() {
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", fargate("256", "4096")), "ClientException",
                "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values.");
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", fargate("8192", "20000")), "ClientException",
                "No Fargate configuration exists for given values: 8192 CPU, 20000 memory. See the Amazon ECS documentation for the valid values.");
        for (String[] valid : new String[][] {{"256", "512"}, {"512", "4096"}, {"2048", "16384"}, {"4096", "30720"},
            {"8192", "20480"}, {"16384", "122880"}, {"1 vCPU", "2 GB"}}) {
            sandbox.ecs("RegisterTaskDefinition", fargate(valid[0], valid[1]));
        }
        JsonNode latest = sandbox.ecs("DescribeTaskDefinition", "{\"taskDefinition\": \"web\"}").get("taskDefinition");
        assertThat(latest.get("revision").asInt()).isEqualTo(7);
        assertThat(latest.get("cpu").asText()).isEqualTo("1024");
        assertThat(latest.get("memory").asText()).isEqualTo("2048");
        assertThat(latest.get("compatibilities").toString()).contains("FARGATE");
    }

    @Test
    void fargateNeedsAwsvpcTaskSizesAndAnExecutionRoleForLogs() {
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", """
                {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "bridge", "cpu": "256",
                 "memory": "512", "containerDefinitions": [{"name": "web", "image": "nginx"}]}"""),
                "ClientException", "Fargate only supports network mode \u2018awsvpc\u2019.");
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", """
                {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "memory": "512",
                 "containerDefinitions": [{"name": "web", "image": "nginx"}]}"""),
                "ClientException", "Fargate requires that 'cpu' be defined at the task level.");
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", """
                {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256",
                 "memory": "512", "containerDefinitions": [{"name": "web", "image": "nginx", "privileged": true}]}"""),
                "ClientException", "Privileged mode is not supported on Fargate.");
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", """
                {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256",
                 "memory": "512", "containerDefinitions": [{"name": "web", "image": "nginx",
                 "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}}}]}"""),
                "ClientException", "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", """
                {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128,
                 "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:us-east-1:000000000000:parameter/db"}]}]}"""),
                "ClientException",
                "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.");
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", """
                {"family": "web", "containerDefinitions": [{"name": "web", "memory": 128}]}"""),
                "ClientException", "Container.image should not be null or empty.");
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", """
                {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx"}]}"""),
                "ClientException",
                "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.");
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", """
                {"family": "web", "networkMode": "overlay", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 64}]}"""),
                "ClientException",
                "1 validation error detected: Value 'overlay' at 'networkMode' failed to satisfy constraint: Member must satisfy enum value set: [bridge, host, awsvpc, none]");
    }

    @Test
    void revisionsListDeregisterAndDelete() {
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512"));
        sandbox.ecs("RegisterTaskDefinition", fargate("512", "1024"));
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512").replace("\"web\"", "\"api\""));
        JsonNode desc = sandbox.ecs("ListTaskDefinitions", "{\"sort\": \"DESC\", \"familyPrefix\": \"web\"}");
        assertThat(desc.get("taskDefinitionArns").get(0).asText()).endsWith("task-definition/web:2");
        JsonNode page = sandbox.ecs("ListTaskDefinitions", "{\"maxResults\": 2}");
        assertThat(page.get("taskDefinitionArns")).hasSize(2);
        JsonNode rest = sandbox.ecs("ListTaskDefinitions", "{\"maxResults\": 2, \"nextToken\": \"" + page.get("nextToken").asText() + "\"}");
        assertThat(rest.get("taskDefinitionArns")).hasSize(1);
        assertThat(rest.has("nextToken")).isFalse();

        assertThat(sandbox.ecs("DeregisterTaskDefinition", "{\"taskDefinition\": \"web:2\"}")
                .get("taskDefinition").get("status").asText()).isEqualTo("INACTIVE");
        assertThat(sandbox.ecs("DescribeTaskDefinition", "{\"taskDefinition\": \"web\"}")
                .get("taskDefinition").get("revision").asInt()).isEqualTo(1);
        JsonNode deleted = sandbox.ecs("DeleteTaskDefinitions", "{\"taskDefinitions\": [\"web:2\", \"web:1\"]}");
        assertThat(deleted.get("taskDefinitions").get(0).get("status").asText()).isEqualTo("DELETE_IN_PROGRESS");
        assertThat(deleted.get("failures").get(0).get("reason").asText()).contains("still in ACTIVE status");
        assertThat(sandbox.ecs("ListTaskDefinitionFamilies", "{}").get("families").toString()).isEqualTo("[\"api\",\"web\"]");
        assertAwsError(() -> sandbox.ecs("DescribeTaskDefinition", "{\"taskDefinition\": \"nope\"}"), "ClientException",
                "Unable to describe task definition.");
    }

    static String fargate(String cpu, String memory) {
        return """
                {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "%s",
                 "memory": "%s", "containerDefinitions": [{"name": "web", "image": "nginx:1.27",
                 "portMappings": [{"containerPort": 80}]}]}""".formatted(cpu, memory);
    }
}
