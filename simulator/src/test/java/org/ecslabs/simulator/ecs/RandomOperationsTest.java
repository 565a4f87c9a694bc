package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ecslabs.simulator.protocol.AwsException;
import org.junit.jupiter.api.Test;

/**
 * A long, seeded run of mixed operations and clock moves, as a busy classroom makes them: every call
 * either succeeds or fails with an AWS error, never with an internal one, and the counts stay consistent.
 */
class RandomOperationsTest {
    private final EcsSandbox sandbox = new EcsSandbox();
    private final Random random = new Random(2026);
    private final List<String> tasks = new ArrayList<>();
    private final List<String> instances = new ArrayList<>();

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private String pickFrom(List<String> options, String fallback) {
        return options.isEmpty() ? fallback : options.get(random.nextInt(options.size()));
    }

    @Test
    void mixedOperationsNeverFailInternally() {
        sandbox.ecs("CreateCluster", "{\"clusterName\": \"lab\", \"capacityProviders\": [\"FARGATE\", \"FARGATE_SPOT\"]}");
        String subnet = sandbox.ec2("DescribeSubnets", "{}").get("subnetSet").get(1).get("subnetId").asText();
        String network = "{\"awsvpcConfiguration\": {\"subnets\": [\"" + subnet + "\"]}}";
        int errors = 0;
        for (int step = 0; step < 400; step++) {
            String service = pick("web", "api", "daemon", "bg");
            String family = pick("fg", "fg-bad", "ec2", "ec2-exit", "fg-health");
            String call = switch (random.nextInt(22)) {
                case 0 -> "RegisterTaskDefinition|" + definition(family);
                case 1 -> "CreateService|{\"cluster\": \"lab\", \"serviceName\": \"" + service + "\", \"taskDefinition\": \""
                        + family + "\", \"desiredCount\": " + random.nextInt(5) + ", \"networkConfiguration\": " + network
                        + (service.equals("daemon") ? ", \"schedulingStrategy\": \"DAEMON\", \"launchType\": \"EC2\"" : "")
                        + (service.equals("bg") ? ", \"deploymentController\": {\"type\": \"CODE_DEPLOY\"}" : "")
                        + (service.equals("api") ? ", \"capacityProviderStrategy\": [{\"capacityProvider\": \"FARGATE\", \"base\": 1, \"weight\": 1}, {\"capacityProvider\": \"FARGATE_SPOT\", \"weight\": 2}]" : "")
                        + ", \"deploymentConfiguration\": {\"deploymentCircuitBreaker\": {\"enable\": " + random.nextBoolean()
                        + ", \"rollback\": true}" + (random.nextInt(4) == 0 ? ", \"strategy\": \"BLUE_GREEN\"" : "") + "}}";
                case 2, 3 -> "UpdateService|{\"cluster\": \"lab\", \"service\": \"" + service + "\", \"desiredCount\": "
                        + random.nextInt(6) + "}";
                case 4 -> "UpdateService|{\"cluster\": \"lab\", \"service\": \"" + service + "\", \"taskDefinition\": \""
                        + family + "\", \"forceNewDeployment\": " + random.nextBoolean() + "}";
                case 5 -> "DeleteService|{\"cluster\": \"lab\", \"service\": \"" + service + "\", \"force\": " + random.nextBoolean() + "}";
                case 6 -> "RunTask|{\"cluster\": \"lab\", \"taskDefinition\": \"" + family + "\", \"count\": " + (1 + random.nextInt(3))
                        + ", \"networkConfiguration\": " + network + ", \"placementStrategy\": [{\"type\": \"binpack\", \"field\": \"memory\"}]}";
                case 7 -> "StopTask|{\"cluster\": \"lab\", \"task\": \"" + pickFrom(tasks, "nope") + "\"}";
                case 8 -> "FailTask|{\"cluster\": \"lab\", \"task\": \"" + pickFrom(tasks, "nope") + "\"}";
                case 9 -> "AddContainerInstances|{\"cluster\": \"lab\", \"count\": 1, \"instanceType\": \""
                        + pick("t3.micro", "t3.small", "m5.large") + "\"}";
                case 10 -> "UpdateContainerInstancesState|{\"cluster\": \"lab\", \"containerInstances\": [\""
                        + pickFrom(instances, "nope") + "\"], \"status\": \"" + pick("ACTIVE", "DRAINING") + "\"}";
                case 11 -> "FailContainerInstance|{\"cluster\": \"lab\", \"containerInstance\": \"" + pickFrom(instances, "nope") + "\"}";
                case 12 -> "InterruptSpotTasks|{\"cluster\": \"lab\"}";
                case 13 -> "DeregisterTaskDefinition|{\"taskDefinition\": \"" + family + ":" + (1 + random.nextInt(3)) + "\"}";
                case 14 -> "DescribeServices|{\"cluster\": \"lab\", \"services\": [\"web\", \"api\", \"daemon\", \"bg\"]}";
                case 15 -> "CreateTaskSet|{\"cluster\": \"lab\", \"service\": \"bg\", \"taskDefinition\": \"" + family
                        + "\", \"launchType\": \"FARGATE\", \"networkConfiguration\": " + network + ", \"scale\": {\"value\": "
                        + (random.nextInt(3) * 50) + ", \"unit\": \"PERCENT\"}}";
                case 16 -> "DeregisterContainerInstance|{\"cluster\": \"lab\", \"containerInstance\": \"" + pickFrom(instances, "nope")
                        + "\", \"force\": true}";
                case 17 -> "DescribeClusters|{\"clusters\": [\"lab\"], \"include\": [\"STATISTICS\"]}";
                case 18 -> "ListServiceDeployments|{\"cluster\": \"lab\", \"service\": \"" + service + "\"}";
                case 19 -> "UpdateTaskProtection|{\"cluster\": \"lab\", \"tasks\": [\"" + pickFrom(tasks, "nope")
                        + "\"], \"protectionEnabled\": true}";
                case 20 -> "GetCostReport|{}";
                default -> "ADVANCE";
            };
            if (call.equals("ADVANCE")) {
                sandbox.advance(1 + random.nextInt(60));
                continue;
            }
            String[] parts = call.split("\\|", 2);
            try {
                JsonNode out = sandbox.ecs(parts[0], parts[1]);
                out.path("tasks").forEach(t -> tasks.add(t.path("taskArn").asText()));
                out.path("containerInstances").forEach(i -> instances.add(i.path("containerInstanceArn").asText()));
            } catch (AwsException e) {
                errors++;
            }
        }
        sandbox.advance(600);
        JsonNode cluster = sandbox.ecs("DescribeClusters", "{\"clusters\": [\"lab\"]}").get("clusters").get(0);
        JsonNode running = sandbox.ecs("ListTasks", "{\"cluster\": \"lab\"}").get("taskArns");
        assertThat(cluster.get("runningTasksCount").asInt() + cluster.get("pendingTasksCount").asInt())
                .isLessThanOrEqualTo(running.size());
        assertThat(errors).isGreaterThan(0);
    }

    private String definition(String family) {
        return switch (family) {
            case "fg" -> """
                    {"family": "fg", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                     "containerDefinitions": [{"name": "web", "image": "nginx", "portMappings": [{"containerPort": 80}]}]}""";
            case "fg-bad" -> """
                    {"family": "fg-bad", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                     "containerDefinitions": [{"name": "web", "image": "nginx:bad"}]}""";
            case "fg-health" -> """
                    {"family": "fg-health", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256",
                     "memory": "512", "containerDefinitions": [{"name": "web", "image": "nginx",
                     "healthCheck": {"command": ["CMD-SHELL", "%s"]}}]}""".formatted(random.nextBoolean() ? "exit 1" : "true");
            case "ec2-exit" -> """
                    {"family": "ec2-exit", "containerDefinitions": [{"name": "app", "image": "busybox", "memory": 64,
                     "command": ["exit", "1"]}]}""";
            default -> """
                    {"family": "ec2", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 300, "cpu": 256,
                     "portMappings": [{"containerPort": 80, "hostPort": %d}]}]}""".formatted(random.nextBoolean() ? 0 : 8080);
        };
    }
}
