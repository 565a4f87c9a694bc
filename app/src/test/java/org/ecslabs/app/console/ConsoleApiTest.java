package org.ecslabs.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * POST /api/console and GET /api/console/state on the real app: commands run in the learner's own
 * sandbox (this app's /aws endpoint, over HTTP) and their effects are visible through the AWS SDK.
 */
class ConsoleApiTest {
    @TempDir
    Path dataDir;

    private AppContext context;
    private Javalin app;

    @BeforeEach
    void createApp() {
        context = TestApp.context(dataDir);
        app = App.create(context);
    }

    @AfterEach
    void close() {
        context.close();
    }

    private void test(Consumer<ConsoleClient> body) {
        JavalinTest.test(app, (server, client) -> {
            ConsoleClient console = new ConsoleClient(server.port());
            // Time moves only when a test says so.
            console.ok("ecslabs clock pause");
            body.accept(console);
        });
    }

    private static EcsClient ecs(int port) {
        return EcsClient.builder()
                .endpointOverride(URI.create("http://localhost:" + port + "/aws"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void aCommandRunsInTheLearnersSandboxAndTheSdkSeesItsEffect() {
        test(console -> {
            JsonNode result = console.run("aws ecs create-cluster --cluster-name demo");
            assertThat(result.get("exitCode").asInt()).isZero();
            assertThat(result.get("output").asText()).contains("\"clusterName\" : \"demo\"");
            try (EcsClient ecs = ecs(console.port())) {
                assertThat(ecs.listClusters().clusterArns()).containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/demo");
            }
        });
    }

    @Test
    void serviceErrorsReadAsTheCliPrintsThemWithExitCode254() {
        test(console -> {
            JsonNode result = console.run("aws ecs describe-services --cluster nowhere --services web");
            assertThat(result.get("exitCode").asInt()).isEqualTo(254);
            assertThat(result.get("output").asText()).isEqualTo(
                    "\nAn error occurred (ClusterNotFoundException) when calling the DescribeServices operation: Cluster not found.\n");

            JsonNode control = console.run("ecslabs clock advance --seconds -5");
            assertThat(control.get("exitCode").asInt()).isEqualTo(254);
            assertThat(control.get("output").asText())
                    .startsWith("\nAn error occurred (ValidationException) when calling the AdvanceClock operation: 1 validation error");
        });
    }

    @Test
    void commandsItCannotReadAreUsageErrorsWithExitCode252() {
        test(console -> {
            JsonNode option = console.run("aws ecs create-cluster --cluster-nam demo");
            assertThat(option.get("exitCode").asInt()).isEqualTo(252);
            assertThat(option.get("output").asText()).startsWith("aws: error: unknown option --cluster-nam for aws ecs create-cluster")
                    .contains("aws <command> <subcommand> help");
            JsonNode operation = console.run("aws ecs create-clustre --cluster-name demo");
            assertThat(operation.get("exitCode").asInt()).isEqualTo(252);
            assertThat(operation.get("output").asText()).contains("unknown operation 'aws ecs create-clustre'");
            JsonNode variable = console.run("aws ecs describe-clusters --clusters $NOT_SET");
            assertThat(variable.get("exitCode").asInt()).isEqualTo(252);
            assertThat(variable.get("output").asText()).contains("the variable $NOT_SET is not set");
        });
    }

    @Test
    void shellCommandsAndOperatorsAreRefusedAndNothingRuns() {
        test(console -> {
            JsonNode rm = console.run("rm -rf /");
            assertThat(rm.get("exitCode").asInt()).isEqualTo(127);
            assertThat(rm.get("output").asText()).startsWith("rm: command not found. This console runs only 'aws ...' and 'ecslabs ...' commands");
            assertThat(console.run("bash").get("output").asText()).startsWith("bash: command not found.");
            assertThat(console.run("aws ecs list-clusters | sh").get("output").asText()).contains("does not run pipes (|)");
            assertThat(console.run("aws ecs create-cluster --cluster-name a; rm -rf /").get("output").asText())
                    .contains("does not run ';' to chain commands");
            assertThat(console.run("aws ecs create-cluster --cluster-name a && reboot").get("exitCode").asInt()).isEqualTo(252);
            assertThat(console.run("aws ecs create-cluster --cluster-name `whoami`").get("output").asText()).contains("backticks");
            assertThat(console.run("aws ecs list-clusters > /tmp/out").get("output").asText()).contains("redirections");
            assertThat(console.run("aws ecs create-cluster --cluster-name \"$(id -u)\"").get("exitCode").asInt()).isEqualTo(252);
            assertThat(console.run("X=$(cat /etc/passwd)").get("output").asText()).startsWith("cat: command not found.");
            // Inside single quotes these characters are data, as in bash: a JMESPath pipe is fine.
            assertThat(console.ok("aws ecs list-clusters --query 'clusterArns | length(@)'")).isEqualTo("0\n");
            try (EcsClient ecs = ecs(console.port())) {
                assertThat(ecs.listClusters().clusterArns()).isEmpty();
            }
        });
    }

    @Test
    void onlyJsonIsAcceptedSoThatAnotherSiteCannotPostCommands() {
        test(console -> {
            HttpResponse<String> text = console.post("text/plain", "{\"command\": \"aws ecs create-cluster --cluster-name evil\"}");
            assertThat(text.statusCode()).isEqualTo(415);
            assertThat(text.body()).contains("Content-Type: application/json");
            HttpResponse<String> form = console.post("application/x-www-form-urlencoded", "command=aws+ecs+create-cluster+--cluster-name+evil");
            assertThat(form.statusCode()).isEqualTo(415);
            HttpResponse<String> broken = console.post("application/json", "{\"command\": ");
            assertThat(broken.statusCode()).isEqualTo(400);
            try (EcsClient ecs = ecs(console.port())) {
                assertThat(ecs.listClusters().clusterArns()).isEmpty();
            }
        });
    }

    @Test
    void scriptsWithContinuationsAndVariablesWorkAcrossRequests() {
        test(console -> {
            console.ok("""
                    # a lab's solution, pasted as it is written
                    aws ecs create-cluster \\
                        --cluster-name lab
                    CLUSTER=$(aws ecs describe-clusters --clusters lab \\
                        --query 'clusters[0].clusterArn' --output text)
                    """);
            assertThat(console.ok("echo $CLUSTER")).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/lab\n");
            assertThat(console.ok("aws ecs describe-clusters --clusters \"$CLUSTER\" --query 'clusters[0].status' --output text"))
                    .isEqualTo("ACTIVE\n");

            // A script stops at its first failing command, as with set -e.
            JsonNode stopped = console.run("aws ecs create-cluster --cluster-name first\naws ecs nope\naws ecs create-cluster --cluster-name never");
            assertThat(stopped.get("exitCode").asInt()).isEqualTo(252);
            assertThat(stopped.get("output").asText()).contains("\"clusterName\" : \"first\"").contains("unknown operation 'aws ecs nope'");
            assertThat(console.ok("aws ecs list-clusters --query 'length(clusterArns)'")).isEqualTo("2\n");
        });
    }

    @Test
    void theStateShowsTheSandboxClockClustersServicesAndTasks() {
        test(console -> {
            assertThat(console.state(null).get("clusters")).isEmpty();
            console.ok("""
                    aws ecs create-cluster --cluster-name demo
                    aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc \\
                        --cpu 256 --memory 512 --container-definitions '[{"name": "web", "image": "nginx", "essential": true}]'
                    SUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)
                    aws ecs create-service --cluster demo --service-name web --task-definition web --desired-count 2 \\
                        --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET]}"
                    """);
            JsonNode before = console.state(null);
            console.ok("ecslabs clock advance --seconds 120");
            JsonNode state = console.state("demo/web");

            assertThat(state.get("error").isNull()).isTrue();
            assertThat(state.at("/clock/now").asDouble()).isEqualTo(before.at("/clock/now").asDouble() + 120);
            assertThat(state.at("/clock/paused").asBoolean()).isTrue();
            assertThat(state.at("/clusters/0/name").asText()).isEqualTo("demo");
            assertThat(state.at("/clusters/0/runningTasks").asInt()).isEqualTo(2);
            JsonNode service = state.at("/services/0");
            assertThat(service.get("key").asText()).isEqualTo("demo/web");
            assertThat(service.get("desiredCount").asInt()).isEqualTo(2);
            assertThat(service.get("runningCount").asInt()).isEqualTo(2);
            assertThat(service.at("/deployments/0/status").asText()).isEqualTo("PRIMARY");
            assertThat(service.at("/deployments/0/rolloutState").asText()).isEqualTo("COMPLETED");
            assertThat(service.get("events").get(0).get("message").asText()).contains("has reached a steady state");
            assertThat(state.get("tasks")).hasSize(2).allSatisfy(task -> {
                assertThat(task.get("lastStatus").asText()).isEqualTo("RUNNING");
                assertThat(task.get("desiredStatus").asText()).isEqualTo("RUNNING");
                assertThat(task.get("launchType").asText()).isEqualTo("FARGATE");
                assertThat(task.get("group").asText()).isEqualTo("service:web");
            });
            // The chart samples the counts on every poll, in simulated time.
            assertThat(state.at("/chart/service").asText()).isEqualTo("demo/web");
            JsonNode counts = state.at("/chart/counts");
            assertThat(counts.size()).isGreaterThanOrEqualTo(2);
            assertThat(counts.get(counts.size() - 1).get("running").asInt()).isEqualTo(2);
            assertThat(counts.get(0).get("running").asInt()).isZero();
            // A clock advance records the counts just before and just after it, whether or not the page polled.
            console.ok("aws ecs update-service --cluster demo --service web --desired-count 3");
            console.ok("ecslabs clock advance --seconds 30");
            JsonNode after = console.state("demo/web").at("/chart/counts");
            JsonNode beforeJump = after.get(after.size() - 2);
            assertThat(beforeJump.get("desired").asInt()).isEqualTo(3);
            assertThat(beforeJump.get("running").asInt()).isEqualTo(2);
            assertThat(after.get(after.size() - 1).get("t").asDouble() - beforeJump.get("t").asDouble()).isEqualTo(30.0);
            // CPU comes from CloudWatch's AWS/ECS CPUUtilization for the service, in simulated time.
            console.ok("ecslabs load set --cluster demo --service web --cpu 80");
            console.ok("ecslabs clock advance --seconds 300");
            JsonNode chart = console.state("demo/web").get("chart");
            assertThat(chart.get("cpuAvailable").asBoolean()).isTrue();
            JsonNode cpu = chart.get("cpu");
            assertThat(cpu.size()).isGreaterThanOrEqualTo(3);
            assertThat(cpu.get(cpu.size() - 2).get("value").asDouble()).isBetween(70.0, 90.0);
            // Services the simulator may not have yet are reported, not failed.
            assertThat(state.at("/targetGroups/available").isBoolean()).isTrue();

            console.ok("ecslabs instances add --cluster demo --count 1 --instance-type m5.large");
            JsonNode instance = console.state(null).at("/containerInstances/0");
            assertThat(instance.get("registeredCpu").asInt()).isEqualTo(2048);
            assertThat(instance.get("usedCpu").asInt()).isZero();
            assertThat(instance.get("status").asText()).isEqualTo("ACTIVE");
        });
    }

    @Test
    void theConsolePageHasTheCommandBoxClockAndLiveView() {
        test(console -> {
            HttpResponse<String> page = console.get("/console");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("data-console-input", "data-clock-command=\"ecslabs clock advance --seconds 300\"",
                    "id=\"chart\"", "/assets/console.js", "/assets/console-page.js");
            assertThat(console.get("/assets/console.js").statusCode()).isEqualTo(200);
        });
    }
}
