package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.assertAwsError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerHealthTest {
    private final EcsSandbox sandbox = new EcsSandbox();
    private String network;

    @BeforeEach
    void setUp() {
        sandbox.ecs("CreateCluster", "{\"clusterName\": \"lab\"}");
        String subnet = sandbox.ec2("DescribeSubnets", "{}").get("subnetSet").get(0).get("subnetId").asText();
        network = "{\"awsvpcConfiguration\": {\"subnets\": [\"" + subnet + "\"]}}";
    }

    private void register(String command) {
        sandbox.ecs("RegisterTaskDefinition", """
                {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "web", "image": "nginx",
                  "healthCheck": {"command": %s, "interval": 10, "retries": 2, "startPeriod": 5}}]}""".formatted(command));
    }

    private JsonNode service() {
        return sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"web\"]}").get("services").get(0);
    }

    private JsonNode tasks() {
        JsonNode arns = sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"serviceName\": \"web\"}").get("taskArns");
        return sandbox.ecs("DescribeTasks", "{\"cluster\": \"lab\", \"tasks\": " + arns + "}").get("tasks");
    }

    @Test
    void tasksTurnHealthyAndTheServiceSettlesOnlyThen() {
        register("[\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]");
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "web", "desiredCount": 2, "launchType": "FARGATE",
                 "networkConfiguration": %s}""".formatted(network));
        sandbox.advance(18);
        assertThat(service().get("runningCount").asInt()).isEqualTo(2);
        assertThat(tasks().get(0).get("healthStatus").asText()).isEqualTo("UNKNOWN");
        assertThat(service().get("deployments").get(0).get("rolloutState").asText()).isEqualTo("IN_PROGRESS");
        sandbox.advance(10);
        assertThat(tasks().get(0).get("healthStatus").asText()).isEqualTo("HEALTHY");
        assertThat(tasks().get(0).get("containers").get(0).get("healthStatus").asText()).isEqualTo("HEALTHY");
        assertThat(service().get("deployments").get(0).get("rolloutState").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void anUnhealthyTaskIsReplacedAndCountsAgainstTheCircuitBreaker() {
        register("[\"CMD-SHELL\", \"exit 1\"]");
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "web", "desiredCount": 1, "launchType": "FARGATE",
                 "networkConfiguration": %s}""".formatted(network));
        sandbox.advance(17 + 25 + 1);
        JsonNode service = service();
        List<String> messages = new ArrayList<>();
        service.get("events").forEach(e -> messages.add(e.get("message").asText()));
        assertThat(messages).anyMatch(m -> m.matches("\\(service web\\) \\(task [0-9a-f]{32}\\) failed container health checks\\."));
        assertThat(service.get("deployments").get(0).get("failedTasks").asInt()).isEqualTo(1);
        JsonNode stopped = sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"desiredStatus\": \"STOPPED\"}").get("taskArns");
        JsonNode task = sandbox.ecs("DescribeTasks", "{\"cluster\": \"lab\", \"tasks\": " + stopped + "}").get("tasks").get(0);
        assertThat(task.get("stoppedReason").asText()).isEqualTo("Task failed container health checks");
        assertThat(task.get("healthStatus").asText()).isEqualTo("UNHEALTHY");
        assertThat(service.get("pendingCount").asInt()).isEqualTo(1);
    }

    @Test
    void healthCheckSettingsAreChecked() {
        assertAwsError(() -> sandbox.ecs("RegisterTaskDefinition", """
                {"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 64,
                  "healthCheck": {"command": ["CMD", "true"], "interval": 1}}]}"""),
                "ClientException", "Invalid setting for container 'web'. The health check interval must be between 5 and 300.");
    }

    @Test
    void graviton64TasksCostLess() {
        sandbox.ecs("RegisterTaskDefinition", """
                {"family": "arm", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "1024", "memory": "2048",
                 "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
                 "containerDefinitions": [{"name": "app", "image": "nginx"}]}""");
        sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "arm", "launchType": "FARGATE", "networkConfiguration": %s}""".formatted(network));
        sandbox.advance(3605);
        JsonNode total = sandbox.ecs("GetCostReport", "{}").get("total");
        // 1 vCPU and 2 GB for about an hour at the ARM64 prices.
        assertThat(total.get("costUsd").asDouble()).isBetween(0.99 * (0.03238 + 2 * 0.00356), 1.01 * (0.03238 + 2 * 0.00356));
    }
}
