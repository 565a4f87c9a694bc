package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.offset;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.assertAwsError;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.fargate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskLifecycleTest {
    private final EcsSandbox sandbox = new EcsSandbox();
    private String subnets;

    @BeforeEach
    void setUp() {
        sandbox.ecs("CreateCluster", "{\"clusterName\": \"lab\"}");
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512"));
        JsonNode found = sandbox.ec2("DescribeSubnets", """
                {"Filter": [{"Name": "default-for-az", "Value": ["true"]}]}""").get("subnetSet");
        subnets = "[\"" + found.get(0).get("subnetId").asText() + "\", \"" + found.get(1).get("subnetId").asText() + "\"]";
    }

    private JsonNode runFargate(int count) {
        return sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "web", "launchType": "FARGATE", "count": %d,
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": %s}}}""".formatted(count, subnets));
    }

    private JsonNode describe(String taskArn) {
        return sandbox.ecs("DescribeTasks", "{\"cluster\": \"lab\", \"tasks\": [\"" + taskArn + "\"]}").get("tasks").get(0);
    }

    @Test
    void aFargateTaskGoesFromProvisioningToRunningOnTheClock() {
        JsonNode task = runFargate(1).get("tasks").get(0);
        String arn = task.get("taskArn").asText();
        assertThat(arn).matches("arn:aws:ecs:us-east-1:000000000000:task/lab/[0-9a-f]{32}");
        assertThat(task.get("lastStatus").asText()).isEqualTo("PROVISIONING");
        assertThat(task.get("desiredStatus").asText()).isEqualTo("RUNNING");
        assertThat(task.get("platformVersion").asText()).isEqualTo("1.4.0");
        assertThat(task.get("launchType").asText()).isEqualTo("FARGATE");
        assertThat(task.get("cpu").asText()).isEqualTo("256");
        assertThat(task.get("availabilityZone").asText()).isEqualTo("us-east-1a");
        JsonNode eni = task.get("attachments").get(0);
        assertThat(eni.get("type").asText()).isEqualTo("ElasticNetworkInterface");
        assertThat(eni.get("details").toString()).contains("subnetId", "networkInterfaceId", "macAddress",
                "privateIPv4Address", "privateDnsName", "172.31.0.4", "ip-172-31-0-4.ec2.internal");

        sandbox.advance(5);
        JsonNode pending = describe(arn);
        assertThat(pending.get("lastStatus").asText()).isEqualTo("PENDING");
        assertThat(pending.get("pullStartedAt").asDouble()).isEqualTo(sandbox.nowSeconds());
        assertThat(pending.get("connectivity").asText()).isEqualTo("CONNECTED");
        sandbox.advance(10);
        assertThat(describe(arn).get("lastStatus").asText()).isEqualTo("ACTIVATING");
        sandbox.advance(2);
        JsonNode running = describe(arn);
        assertThat(running.get("lastStatus").asText()).isEqualTo("RUNNING");
        assertThat(running.get("startedAt").asDouble()).isEqualTo(sandbox.nowSeconds());
        assertThat(running.get("containers").get(0).get("lastStatus").asText()).isEqualTo("RUNNING");

        JsonNode cluster = sandbox.ecs("DescribeClusters", "{\"clusters\": [\"lab\"]}").get("clusters").get(0);
        assertThat(cluster.get("runningTasksCount").asInt()).isEqualTo(1);

        JsonNode stopping = sandbox.ecs("StopTask", "{\"cluster\": \"lab\", \"task\": \"" + arn + "\", \"reason\": \"done with it\"}")
                .get("task");
        assertThat(stopping.get("desiredStatus").asText()).isEqualTo("STOPPED");
        assertThat(stopping.get("lastStatus").asText()).isEqualTo("DEACTIVATING");
        assertThat(stopping.get("stopCode").asText()).isEqualTo("UserInitiated");
        assertThat(stopping.get("stoppedReason").asText()).isEqualTo("done with it");
        sandbox.advance(20);
        JsonNode deprovisioning = describe(arn);
        assertThat(deprovisioning.get("lastStatus").asText()).isEqualTo("DEPROVISIONING");
        assertThat(deprovisioning.has("executionStoppedAt")).isTrue();
        sandbox.advance(10);
        JsonNode stopped = describe(arn);
        assertThat(stopped.get("lastStatus").asText()).isEqualTo("STOPPED");
        assertThat(stopped.get("containers").get(0).get("exitCode").asInt()).isZero();
        assertThat(stopped.get("stoppedAt").asDouble()).isEqualTo(sandbox.nowSeconds());
    }

    @Test
    void networkConfigurationIsCheckedAgainstTheVpc() {
        assertAwsError(() -> sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "web", "launchType": "FARGATE"}"""),
                "InvalidParameterException", "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        assertThat(catchThrowable(() -> sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "web", "launchType": "FARGATE",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-12345"]}}}""")))
                .hasMessageStartingWith("Error retrieving subnet information for [subnet-12345]: The subnet ID 'subnet-12345' does not exist");
        assertAwsError(() -> sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "web", "launchType": "FARGATE",
                 "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}],
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": %s}}}""".formatted(subnets)),
                "InvalidParameterException",
                "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.");
        assertAwsError(() -> sandbox.ecs("RunTask", "{\"cluster\": \"nope\", \"taskDefinition\": \"web\"}"),
                "ClusterNotFoundException", "Cluster not found.");
    }

    @Test
    void listDescribeAndMissingTasks() {
        JsonNode tasks = runFargate(3).get("tasks");
        assertThat(tasks).hasSize(3);
        // Tasks spread over the given subnets.
        assertThat(tasks.get(1).get("availabilityZone").asText()).isEqualTo("us-east-1b");
        sandbox.advance(30);
        assertThat(sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"family\": \"web\"}").get("taskArns")).hasSize(3);
        sandbox.ecs("StopTask", "{\"cluster\": \"lab\", \"task\": \"" + tasks.get(0).get("taskArn").asText() + "\"}");
        assertThat(sandbox.ecs("ListTasks", "{\"cluster\": \"lab\"}").get("taskArns")).hasSize(2);
        assertThat(sandbox.ecs("ListTasks", "{\"cluster\": \"lab\", \"desiredStatus\": \"STOPPED\"}").get("taskArns")).hasSize(1);
        JsonNode described = sandbox.ecs("DescribeTasks", "{\"cluster\": \"lab\", \"tasks\": [\"0123456789abcdef0123456789abcdef\"]}");
        assertThat(described.get("failures").get(0).get("reason").asText()).isEqualTo("MISSING");
        assertThat(described.get("failures").get(0).get("arn").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:task/lab/0123456789abcdef0123456789abcdef");
    }

    @Test
    void theFailureRuleAndTheFailTaskControl() {
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512").replace("nginx:1.27", "nginx:does-not-exist"));
        JsonNode bad = runFargate(1).get("tasks").get(0);
        sandbox.advance(15);
        JsonNode failed = describe(bad.get("taskArn").asText());
        assertThat(failed.get("desiredStatus").asText()).isEqualTo("STOPPED");
        assertThat(failed.get("stopCode").asText()).isEqualTo("TaskFailedToStart");
        assertThat(failed.get("stoppedReason").asText()).startsWith("CannotPullContainerError");

        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512"));
        JsonNode good = runFargate(1).get("tasks").get(0);
        sandbox.advance(17);
        sandbox.ecs("FailTask", "{\"cluster\": \"lab\", \"task\": \"" + good.get("taskArn").asText() + "\"}");
        JsonNode exited = describe(good.get("taskArn").asText());
        assertThat(exited.get("stopCode").asText()).isEqualTo("EssentialContainerExited");
        assertThat(exited.get("stoppedReason").asText()).isEqualTo("Essential container in task exited");
        assertThat(exited.get("containers").get(0).get("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void executeCommandNeedsItEnabledOnTheTask() {
        String plain = runFargate(1).get("tasks").get(0).get("taskArn").asText();
        String exec = sandbox.ecs("RunTask", """
                {"cluster": "lab", "taskDefinition": "web", "launchType": "FARGATE", "enableExecuteCommand": true,
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": %s}}}""".formatted(subnets))
                .get("tasks").get(0).get("taskArn").asText();
        sandbox.advance(17);
        assertAwsError(() -> sandbox.ecs("ExecuteCommand", """
                {"cluster": "lab", "task": "%s", "command": "/bin/sh", "interactive": true}""".formatted(plain)),
                "TargetNotConnectedException", "The execute command failed because execute command was not enabled when "
                        + "the task was run or the execute command agent isn’t running. Wait and try again or run a new "
                        + "task with execute command enabled and try again.");
        JsonNode session = sandbox.ecs("ExecuteCommand", """
                {"cluster": "lab", "task": "%s", "command": "/bin/sh", "interactive": true}""".formatted(exec));
        assertThat(session.get("containerName").asText()).isEqualTo("web");
        assertThat(session.get("session").get("streamUrl").asText()).startsWith("wss://ssmmessages.us-east-1.amazonaws.com/");
    }

    @Test
    void stoppedTasksAreForgottenAfterAnHour() {
        String arn = runFargate(1).get("tasks").get(0).get("taskArn").asText();
        sandbox.ecs("StopTask", "{\"cluster\": \"lab\", \"task\": \"" + arn + "\"}");
        sandbox.advance(60);
        assertThat(describe(arn).get("lastStatus").asText()).isEqualTo("STOPPED");
        sandbox.advance(3600);
        JsonNode gone = sandbox.ecs("DescribeTasks", "{\"cluster\": \"lab\", \"tasks\": [\"" + arn + "\"]}");
        assertThat(gone.get("failures").get(0).get("reason").asText()).isEqualTo("MISSING");
    }

    @Test
    void aShortFargateTaskIsBilledOneMinute() {
        String arn = runFargate(1).get("tasks").get(0).get("taskArn").asText();
        sandbox.advance(20);
        sandbox.ecs("StopTask", "{\"cluster\": \"lab\", \"task\": \"" + arn + "\"}");
        sandbox.advance(40);
        JsonNode total = sandbox.ecs("GetCostReport", "{}").get("total");
        // 0.25 vCPU for one minute, though it ran (pull to stop) about 35 seconds.
        assertThat(total.get("vcpuHours").asDouble()).isCloseTo(0.25 / 60, offset(1e-6));
    }

    @Test
    void fargateCostAccruesWhileTasksRun() {
        runFargate(2);
        sandbox.advance(3605);
        JsonNode report = sandbox.ecs("GetCostReport", "{}");
        // Two 0.25 vCPU / 0.5 GB tasks, billed from the image pull: about 0.5 vCPU-hours and 1 GB-hour.
        double vcpuHours = report.get("total").get("vcpuHours").asDouble();
        assertThat(vcpuHours).isBetween(0.49, 0.51);
        assertThat(report.get("total").get("costUsd").asDouble())
                .isBetween(0.49 * 0.04048 + 0.98 * 0.004445, 0.51 * 0.04048 + 1.02 * 0.004445);
        assertThat(report.get("clusters").get(0).get("clusterName").asText()).isEqualTo("lab");
    }
}
