package org.ecslabs.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.ecslabs.app.App;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.aws.CredentialVault;
import org.ecslabs.app.web.Learner;
import org.ecslabs.simulator.engine.Account;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The console on the learner's chosen back end and in a lab's context. "Their AWS account" is a
 * separate account of the app's own simulator, reached through the real-account code path with the
 * test-only {@link Backend#REAL_ENDPOINT_OVERRIDE}.
 */
class ConsoleBackendTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @TempDir
    Path otherData;

    @AfterEach
    void clearOverride() {
        System.clearProperty(Backend.REAL_ENDPOINT_OVERRIDE);
    }

    /** The repository's content (with labs/), seen from the app module or the root. */
    private static Path content() {
        for (Path candidate : List.of(Path.of(".."), Path.of("."))) {
            if (Files.isDirectory(candidate.resolve("labs"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no labs/ folder next to the app module");
    }

    private AppContext context() {
        return AppContext.open(new AppConfig(0, data, TestDatabases.freshUrl(),
                content(), false));
    }

    /** Stores the account's keys as the learner's chosen back end, as /labs/backend does. */
    private static void chooseAccount(AppContext context, Path dataDir, Account account) {
        new CredentialVault(context.database().dataSource(), dataDir, Clock.systemUTC()).save(Learner.LOCAL.id(),
                new CredentialVault.Credentials("us-east-1", account.accessKeyId(), account.secretAccessKey(), null), true);
    }

    private static AwsClients clients(int port, String keyId, String secret) {
        return new AwsClients(Backend.endpoint(URI.create("http://localhost:" + port + "/aws"), "us-east-1", keyId, secret));
    }

    private static List<String> clusters(int port, String keyId, String secret) {
        try (AwsClients aws = clients(port, keyId, secret)) {
            return aws.ecs().listClusters().clusterArns();
        }
    }

    @Test
    void onTheLearnersAwsAccountCommandsLandThereAndTheSimulatorsControlsAreRefused() throws Exception {
        try (AppContext context = context()) {
            Account sandbox = context.simulator().accounts().create("sandbox");
            String secret = sandbox.secretAccessKey();
            JavalinTest.test(App.create(context), (server, client) -> {
                ConsoleClient console = new ConsoleClient(server.port());
                console.ok("ecslabs clock pause");
                console.ok("WHERE=simulator");
                System.setProperty(Backend.REAL_ENDPOINT_OVERRIDE, client.getOrigin() + "/aws");
                chooseAccount(context, data, sandbox);

                String page = console.get("/console").body();
                assertThat(page).contains("Commands run in your AWS account", "real resources, real charges",
                                "ending in " + sandbox.accessKeyId().substring(sandbox.accessKeyId().length() - 4), "us-east-1",
                                "href=\"/labs/backend\"", "data-poll-seconds=\"10\"")
                        .doesNotContain(secret).doesNotContain(sandbox.accessKeyId())
                        .doesNotContain("data-clock-command").doesNotContain("data-console-example=\"ecslabs help\"");

                JsonNode created = console.run("aws ecs create-cluster --cluster-name real-demo");
                assertThat(created.get("exitCode").asInt()).isZero();
                assertThat(clusters(server.port(), sandbox.accessKeyId(), secret))
                        .containsExactly("arn:aws:ecs:us-east-1:" + sandbox.accountId() + ":cluster/real-demo");
                assertThat(clusters(server.port(), "test", "test")).isEmpty();

                for (String command : List.of("ecslabs clock advance --seconds 30", "ecslabs help",
                        "NOW=$(ecslabs clock show --query now --output text)")) {
                    JsonNode refused = console.run(command);
                    assertThat(refused.get("exitCode").asInt()).as(command).isEqualTo(252);
                    assertThat(refused.get("output").asText()).as(command)
                            .startsWith("ecslabs: error: ").contains("do not run on your AWS account", "/labs/backend");
                }

                // The live view reads the account through the AWS APIs, without the simulator's clock.
                JsonNode state = console.state(null);
                assertThat(state.get("error").isNull()).as(state.toString()).isTrue();
                assertThat(state.get("clock").isNull()).isTrue();
                assertThat(state.get("clusters").findValuesAsText("name")).containsExactly("real-demo");

                // Each back end has its own shell variables.
                assertThat(console.run("echo $WHERE").get("output").asText()).contains("$WHERE is not set");
                console.ok("WHERE=aws");
                new CredentialVault(context.database().dataSource(), data, Clock.systemUTC())
                        .useRealAccount(Learner.LOCAL.id(), false);
                assertThat(console.ok("echo $WHERE")).isEqualTo("simulator\n");
                assertThat(console.get("/console").body()).doesNotContain("Commands run in your AWS account")
                        .contains("data-clock-command", "data-poll-seconds=\"2\"");
            });
        }
    }

    @Test
    void aCommandInALabsContextTagsWhatItCreatesForThatCommandOnly() throws Exception {
        try (AppContext context = context()) {
            Account sandbox = context.simulator().accounts().create("sandbox");
            JavalinTest.test(App.create(context), (server, client) -> {
                System.setProperty(Backend.REAL_ENDPOINT_OVERRIDE, client.getOrigin() + "/aws");
                chooseAccount(context, data, sandbox);
                ConsoleClient console = new ConsoleClient(server.port());

                String page = console.get("/console?lab=first-fargate-task").body();
                assertThat(page).contains("Working on lab", "Your first Fargate task", "href=\"/labs/first-fargate-task\"",
                        "ecslabs:lab=first-fargate-task", "data-console-lab=\"first-fargate-task\"");
                assertThat(console.get("/console").body()).doesNotContain("Working on lab").doesNotContain("data-console-lab");
                assertThat(console.get("/console?lab=no-such-lab").statusCode()).isEqualTo(404);

                HttpResponse<String> tagged = console.runInLab("aws ecs create-cluster --cluster-name fargate-lab",
                        "first-fargate-task");
                assertThat(tagged.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(tagged.body()).get("exitCode").asInt()).isZero();
                console.ok("aws ecs create-cluster --cluster-name untagged");
                try (AwsClients aws = clients(server.port(), sandbox.accessKeyId(), sandbox.secretAccessKey())) {
                    EcsClient ecs = aws.ecs();
                    String prefix = "arn:aws:ecs:us-east-1:" + sandbox.accountId() + ":cluster/";
                    assertThat(ecs.listTagsForResource(request -> request.resourceArn(prefix + "fargate-lab")).tags())
                            .contains(Tag.builder().key("ecslabs:lab").value("first-fargate-task").build());
                    assertThat(ecs.listTagsForResource(request -> request.resourceArn(prefix + "untagged")).tags()).isEmpty();
                }

                HttpResponse<String> unknown = console.runInLab("aws ecs create-cluster --cluster-name other", "no-such-lab");
                assertThat(unknown.statusCode()).isEqualTo(400);
                assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains("There is no lab called 'no-such-lab'");
                assertThat(console.post("application/json", "{\"command\": \"aws ecs list-clusters\", \"lab\": 7}").statusCode())
                        .isEqualTo(400);
                assertThat(console.post("text/plain", "{\"command\": \"aws ecs list-clusters\", \"lab\": \"first-fargate-task\"}")
                        .statusCode()).isEqualTo(415);
                assertThat(clusters(server.port(), sandbox.accessKeyId(), sandbox.secretAccessKey())).hasSize(2);
            });
        }
    }

    @Test
    void storedKeysThatNoLongerDecryptAreAReadableMessageNotAStackTrace() throws Exception {
        try (AppContext context = context()) {
            Account sandbox = context.simulator().accounts().create("sandbox");
            JavalinTest.test(App.create(context), (server, client) -> {
                // Stored under another data folder's key: this app's key cannot open them.
                chooseAccount(context, otherData, sandbox);
                ConsoleClient console = new ConsoleClient(server.port());

                HttpResponse<String> page = console.get("/console");
                assertThat(page.statusCode()).isEqualTo(409);
                assertThat(page.body()).contains("cannot be decrypted", "href=\"/labs/backend\"")
                        .doesNotContain("Exception").doesNotContain(sandbox.secretAccessKey());

                HttpResponse<String> run = console.post("application/json", "{\"command\": \"aws ecs list-clusters\"}");
                assertThat(run.statusCode()).isEqualTo(409);
                assertThat(JSON.readTree(run.body()).get("message").asText()).contains("cannot be decrypted");
                HttpResponse<String> state = console.get("/api/console/state");
                assertThat(state.statusCode()).isEqualTo(409);
                assertThat(JSON.readTree(state.body()).get("message").asText()).contains("cannot be decrypted");
                // The labs API answers the same way, through the app's one error mapper.
                HttpResponse<String> check = console.post("/api/labs/first-fargate-task/check", "application/json", "{}");
                assertThat(check.statusCode()).isEqualTo(409);
                assertThat(JSON.readTree(check.body()).get("message").asText()).contains("cannot be decrypted");
                assertThat(check.body()).doesNotContain("Exception");
            });
        }
    }
}
