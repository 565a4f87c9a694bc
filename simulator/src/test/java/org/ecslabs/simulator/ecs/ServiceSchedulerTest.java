package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.assertAwsError;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.fargate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceSchedulerTest {
    private final EcsSandbox sandbox = new EcsSandbox();
    private String network;

    @BeforeEach
    void setUp() {
        sandbox.ecs("CreateCluster", """
                {"clusterName": "lab", "capacityProviders": ["FARGATE", "FARGATE_SPOT"]}""");
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512"));
        JsonNode found = sandbox.ec2("DescribeSubnets", "{}").get("subnetSet");
        network = """
                {"awsvpcConfiguration": {"subnets": ["%s", "%s", "%s"]}}""".formatted(
                found.get(0).get("subnetId").asText(), found.get(1).get("subnetId").asText(),
                found.get(2).get("subnetId").asText());
    }

    private JsonNode createService(String extra) {
        return sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "web:1", "desiredCount": 3,
                 "networkConfiguration": %s %s}""".formatted(network, extra)).get("service");
    }

    private JsonNode service() {
        return sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"web\"]}").get("services").get(0);
    }

    /** The AWS CLI's services-stable waiter condition. */
    private boolean stable(JsonNode service) {
        return service.get("deployments").size() == 1
                && service.get("runningCount").asInt() == service.get("desiredCount").asInt();
    }

    private int secondsUntilStable(int limit) {
        for (int second = 0; second < limit; second++) {
            if (stable(service())) {
                return second;
            }
            sandbox.advance(1);
        }
        throw new AssertionError("service not stable after " + limit + " s: " + service());
    }

    private List<String> messages() {
        List<String> messages = new ArrayList<>();
        service().get("events").forEach(e -> messages.add(e.get("message").asText()));
        return messages;
    }

    @Test
    void aFargateServiceOfThreeConverges() {
        JsonNode created = createService(", \"launchType\": \"FARGATE\"");
        assertThat(created.get("deploymentConfiguration").get("maximumPercent").asInt()).isEqualTo(200);
        assertThat(created.get("deploymentConfiguration").get("minimumHealthyPercent").asInt()).isEqualTo(100);
        assertThat(created.get("deploymentController").get("type").asText()).isEqualTo("ECS");
        assertThat(created.get("deployments").get(0).get("rolloutState").asText()).isEqualTo("IN_PROGRESS");
        assertThat(created.get("networkConfiguration").get("awsvpcConfiguration").get("securityGroups")).hasSize(1);
        sandbox.advance(1);
        JsonNode starting = service();
        assertThat(starting.get("pendingCount").asInt()).isEqualTo(3);
        assertThat(starting.get("runningCount").asInt()).isZero();
        assertThat(secondsUntilStable(60)).isLessThan(30);
        JsonNode stable = service();
        assertThat(stable.get("deployments").get(0).get("rolloutState").asText()).isEqualTo("COMPLETED");
        List<String> messages = messages();
        assertThat(messages.get(0)).isEqualTo("(service web) has reached a steady state.");
        assertThat(messages.get(1)).matches("\\(service web\\) \\(deployment ecs-svc/\\d{19}\\) deployment completed\\.");
        assertThat(messages.get(2)).matches("\\(service web\\) has started 3 tasks: (\\(task [0-9a-f]{32}\\) ?){3}\\.");
        JsonNode cluster = sandbox.ecs("DescribeClusters", "{\"clusters\": [\"lab\"]}").get("clusters").get(0);
        assertThat(cluster.get("activeServicesCount").asInt()).isEqualTo(1);
        assertThat(cluster.get("runningTasksCount").asInt()).isEqualTo(3);
        JsonNode listed = sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"serviceName\": \"web\"}");
        assertThat(listed.get("taskArns")).hasSize(3);
    }

    @Test
    void aFailedTaskIsReplaced() {
        createService(", \"launchType\": \"FARGATE\"");
        secondsUntilStable(60);
        String victim = sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"serviceName\": \"web\"}").get("taskArns").get(0).asText();
        sandbox.ecs("FailTask", "{\"cluster\": \"lab\", \"task\": \"" + victim + "\"}");
        sandbox.advance(1);
        assertThat(service().get("runningCount").asInt()).isEqualTo(2);
        assertThat(service().get("pendingCount").asInt()).isEqualTo(1);
        secondsUntilStable(60);
        assertThat(sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"serviceName\": \"web\"}").get("taskArns").toString())
                .doesNotContain(victim);
        assertThat(messages().get(1)).startsWith("(service web) has started 1 tasks:");
    }

    @Test
    void aRollingUpdateHonoursMinimumHealthyAndMaximumPercent() {
        createService(", \"launchType\": \"FARGATE\"");
        secondsUntilStable(60);
        sandbox.ecs("RegisterTaskDefinition", fargate("512", "1024"));
        JsonNode updated = sandbox.ecs("UpdateService", """
                {"cluster": "lab", "service": "web", "taskDefinition": "web:2"}""").get("service");
        assertThat(updated.get("deployments")).hasSize(2);
        assertThat(updated.get("deployments").get(0).get("status").asText()).isEqualTo("PRIMARY");
        assertThat(updated.get("deployments").get(0).get("taskDefinition").asText()).endsWith("web:2");
        assertThat(updated.get("deployments").get(1).get("status").asText()).isEqualTo("ACTIVE");
        int maxWanted = 0;
        int minRunning = Integer.MAX_VALUE;
        for (int second = 0; second < 120 && !stable(service()); second++) {
            sandbox.advance(1);
            JsonNode service = service();
            minRunning = Math.min(minRunning, service.get("runningCount").asInt());
            maxWanted = Math.max(maxWanted, service.get("runningCount").asInt() + service.get("pendingCount").asInt());
        }
        JsonNode done = service();
        assertThat(stable(done)).isTrue();
        assertThat(done.get("taskDefinition").asText()).endsWith("web:2");
        assertThat(done.get("deployments").get(0).get("rolloutState").asText()).isEqualTo("COMPLETED");
        assertThat(minRunning).isGreaterThanOrEqualTo(3);
        assertThat(maxWanted).isLessThanOrEqualTo(6);
        assertThat(messages()).anyMatch(m -> m.startsWith("(service web) has stopped 3 running tasks:"));

        JsonNode deployments = sandbox.ecs("ListServiceDeployments", "{\"cluster\": \"lab\", \"service\": \"web\"}")
                .get("serviceDeployments");
        assertThat(deployments).hasSize(2);
        assertThat(deployments.get(0).get("status").asText()).isEqualTo("SUCCESSFUL");
        JsonNode detail = sandbox.ecs("DescribeServiceDeployments", "{\"serviceDeploymentArns\": [\""
                + deployments.get(0).get("serviceDeploymentArn").asText() + "\"]}").get("serviceDeployments").get(0);
        assertThat(detail.get("sourceServiceRevisions")).hasSize(1);
        JsonNode revision = sandbox.ecs("DescribeServiceRevisions", "{\"serviceRevisionArns\": [\""
                + detail.get("targetServiceRevision").get("arn").asText() + "\"]}").get("serviceRevisions").get(0);
        assertThat(revision.get("taskDefinition").asText()).endsWith("web:2");
    }

    @Test
    void theCircuitBreakerRollsBackAFailingRevision() {
        createService("""
                , "launchType": "FARGATE", "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true}}""");
        secondsUntilStable(60);
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512").replace("nginx:1.27", "example/does-not-exist:1"));
        sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", \"taskDefinition\": \"web:2\"}");
        String failedId = service().get("deployments").get(0).get("id").asText();
        for (int second = 0; second < 300 && !service().get("taskDefinition").asText().endsWith("web:1"); second++) {
            sandbox.advance(1);
        }
        JsonNode rolling = service();
        assertThat(rolling.get("taskDefinition").asText()).endsWith("web:1");
        JsonNode failed = null;
        for (JsonNode deployment : rolling.get("deployments")) {
            if (deployment.get("id").asText().equals(failedId)) {
                failed = deployment;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.get("rolloutState").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failedTasks").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(messages()).anyMatch(m -> m.startsWith("(service web) rolling back to deployment ecs-svc/"));
        assertThat(messages()).anyMatch(m -> m.equals("(service web) (deployment " + failedId
                + ") deployment failed: tasks failed to start."));
        secondsUntilStable(300);
        JsonNode done = service();
        assertThat(done.get("deployments").get(0).get("taskDefinition").asText()).endsWith("web:1");
        assertThat(done.get("runningCount").asInt()).isEqualTo(3);
    }

    @Test
    void withoutACircuitBreakerFailingTasksAreThrottled() {
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512").replace("nginx:1.27", "nginx:does-not-exist"));
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "broken", "taskDefinition": "web:2", "desiredCount": 1,
                 "launchType": "FARGATE", "networkConfiguration": %s}""".formatted(network));
        sandbox.advance(1800);
        JsonNode broken = sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"broken\"]}")
                .get("services").get(0);
        List<String> messages = new ArrayList<>();
        broken.get("events").forEach(e -> messages.add(e.get("message").asText()));
        assertThat(messages).contains("(service broken) is unable to consistently start tasks successfully. "
                + "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
        int failed = broken.get("deployments").get(0).get("failedTasks").asInt();
        // Unthrottled, a task failing every ~15 s would have failed over a hundred times in 30 minutes.
        assertThat(failed).isBetween(4, 12);
        assertThat(broken.get("deployments").get(0).get("rolloutState").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void aCapacityProviderStrategySplitsBaseThenWeight() {
        createService("""
                , "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "base": 2, "weight": 1},
                  {"capacityProvider": "FARGATE_SPOT", "weight": 3}]""");
        sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", \"desiredCount\": 6}");
        secondsUntilStable(60);
        JsonNode arns = sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"serviceName\": \"web\"}").get("taskArns");
        JsonNode tasks = sandbox.ecs("DescribeTasks", "{\"cluster\": \"lab\", \"tasks\": " + arns + "}").get("tasks");
        long onDemand = 0;
        long spot = 0;
        for (JsonNode task : tasks) {
            if (task.get("capacityProviderName").asText().equals("FARGATE")) {
                onDemand++;
            } else if (task.get("capacityProviderName").asText().equals("FARGATE_SPOT")) {
                spot++;
            }
        }
        assertThat(onDemand).isEqualTo(3);
        assertThat(spot).isEqualTo(3);

        JsonNode interrupted = sandbox.ecs("InterruptSpotTasks", "{\"cluster\": \"lab\"}");
        assertThat(interrupted.get("taskArns")).hasSize(3);
        JsonNode stopped = sandbox.ecs("DescribeTasks", "{\"cluster\": \"lab\", \"tasks\": [\""
                + interrupted.get("taskArns").get(0).asText() + "\"]}").get("tasks").get(0);
        assertThat(stopped.get("stopCode").asText()).isEqualTo("SpotInterruption");
        secondsUntilStable(120);
    }

    @Test
    void switchingToACapacityProviderStrategyNeedsANewDeployment() {
        createService(", \"launchType\": \"FARGATE\"");
        secondsUntilStable(60);
        String strategy = "[{\"capacityProvider\": \"FARGATE_SPOT\", \"weight\": 1}]";
        assertAwsError(() -> sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", "
                + "\"capacityProviderStrategy\": " + strategy + "}"), "InvalidParameterException",
                "When switching from launch type to capacity provider strategy on an existing service, or making a change "
                        + "to a capacity provider strategy on a service that is already using one, you must force a new deployment.");
        JsonNode updated = sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", "
                + "\"capacityProviderStrategy\": " + strategy + ", \"forceNewDeployment\": true}").get("service");
        assertThat(updated.has("launchType")).isFalse();
        secondsUntilStable(120);
        JsonNode arns = sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"serviceName\": \"web\"}").get("taskArns");
        sandbox.ecs("DescribeTasks", "{\"cluster\": \"lab\", \"tasks\": " + arns + "}").get("tasks")
                .forEach(t -> assertThat(t.get("capacityProviderName").asText()).isEqualTo("FARGATE_SPOT"));
    }

    @Test
    void deleteRefusesAScaledServiceUnlessForced() {
        createService(", \"launchType\": \"FARGATE\"");
        assertAwsError(() -> sandbox.ecs("DeleteService", "{\"cluster\": \"lab\", \"service\": \"web\"}"),
                "InvalidParameterException", "The service cannot be stopped while it is scaled above 0.");
        assertAwsError(() -> sandbox.ecs("DeleteCluster", "{\"cluster\": \"lab\"}"),
                "ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
        JsonNode draining = sandbox.ecs("DeleteService", "{\"cluster\": \"lab\", \"service\": \"web\", \"force\": true}")
                .get("service");
        assertThat(draining.get("status").asText()).isEqualTo("DRAINING");
        sandbox.advance(60);
        assertThat(service().get("status").asText()).isEqualTo("INACTIVE");
        assertThat(sandbox.ecs("ListServices", "{\"cluster\": \"lab\"}").get("serviceArns")).isEmpty();
        assertAwsError(() -> sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", \"desiredCount\": 1}"),
                "ServiceNotActiveException", "Service was not ACTIVE.");
        JsonNode missing = sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"nope\"]}");
        assertThat(missing.get("failures").get(0).get("reason").asText()).isEqualTo("MISSING");
    }

    @Test
    void aCodeDeployServiceRefusesATaskDefinitionChange() {
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "bg", "taskDefinition": "web:1", "desiredCount": 1, "launchType": "FARGATE",
                 "deploymentController": {"type": "CODE_DEPLOY"}, "networkConfiguration": %s}""".formatted(network));
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512"));
        assertAwsError(() -> sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"bg\", \"taskDefinition\": \"web:2\"}"),
                "InvalidParameterException",
                "Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.");
        createService(", \"launchType\": \"FARGATE\"");
        assertAwsError(() -> createService(", \"launchType\": \"FARGATE\""), "InvalidParameterException",
                "Creation of service was not idempotent.");
    }
}
