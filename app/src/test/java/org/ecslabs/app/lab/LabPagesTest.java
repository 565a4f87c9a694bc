package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.ecslabs.app.App;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.cli.CommandRunner;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole app with the repository's labs: pages, and the labs API checking the app's own /aws endpoint. */
class LabPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private AppContext context() {
        Path repository = LabFiles.folder().getParent();
        return AppContext.open(new AppConfig(0, data, TestDatabases.freshUrl(),
                repository, false));
    }

    @Test
    void theIndexAndALabPageShowTheLabsStepsHintsAndChecks() {
        try (AppContext context = context()) {
            JavalinTest.test(App.create(context), (server, client) -> {
                String index = client.get("/labs").body().string();
                assertThat(index).contains("Your first Fargate task", "A service that heals itself", "href=\"/labs/ec2-placement\"");

                String page = client.get("/labs/first-fargate-task").body().string();
                assertThat(page).contains("<h1>Your first Fargate task</h1>", "Step 1: Create a cluster",
                        "Hint 1", "Show the solution", "The cluster fargate-lab exists and is active",
                        "data-check-url=\"/api/labs/first-fargate-task/steps/1/check\"",
                        "href=\"/lessons/task-definitions\"");

                assertThat(client.get("/labs/no-such-lab").code()).isEqualTo(404);
            });
        }
    }

    @Test
    void checksRunAgainstTheAppsOwnSimulatorAsTheLearnersCliSeesIt() {
        try (AppContext context = context()) {
            JavalinTest.test(App.create(context), (server, client) -> {
                JsonNode fresh = JSON.readTree(client.post("/api/labs/first-fargate-task/check", Map.of()).body().string());
                assertThat(fresh.get("total").asInt()).isEqualTo(5);
                assertThat(fresh.get("passed").asInt()).isZero();

                // What a learner does in a terminal: the lab's solution, through the app's /aws endpoint.
                Lab lab = LabParser.load(LabFiles.folder().resolve("first-fargate-task.md"));
                Backend cli = Backend.endpoint(URI.create("http://localhost:" + server.port() + "/aws"), "us-east-1",
                        "test", "test");
                try (AwsClients clients = new AwsClients(cli)) {
                    CommandRunner terminal = new CommandRunner(new OperationInvoker(clients), LabTags::tag);
                    lab.steps().forEach(step -> step.solutionCommands().forEach(command -> {
                        try {
                            terminal.run(command.text());
                        } catch (RuntimeException e) {
                            throw new AssertionError(command.text() + ": " + e.getMessage(), e);
                        }
                    }));
                }

                JsonNode done = JSON.readTree(client.post("/api/labs/first-fargate-task/check", Map.of()).body().string());
                assertThat(done.get("passed").asInt()).as(done.toPrettyString()).isEqualTo(5);
                assertThat(client.get("/labs").body().string()).contains("5/5 checks passed");
            });
        }
    }
}
