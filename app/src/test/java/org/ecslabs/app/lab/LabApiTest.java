package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.ecslabs.app.aws.AwsClientsPool;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.cli.CommandRunner;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.app.web.ErrorHandling;
import org.ecslabs.app.web.JsonOnly;
import org.ecslabs.app.web.Templates;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.ecslabs.simulator.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labs API over HTTP, with checks running against the real simulator and results in H2. */
class LabApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAB = """
            ---
            id: api-lab
            title: An API lab
            summary: Makes a cluster.
            level: beginner
            minutes: 5
            domains: [cost]
            updated: 2026-11-21
            references:
              - title: Clusters
                url: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clusters.html
            ---

            Intro.

            ## Make a cluster

            !!! hint
                Use create-cluster.

            !!! solution
                ```bash
                aws ecs create-cluster --cluster-name api-lab
                ```

            ```check
            id: cluster-exists
            title: The cluster exists
            call: ecs:DescribeClusters
            input: {clusters: [api-lab]}
            expect: "clusters[0].status == 'ACTIVE'"
            fail: There is no cluster api-lab.
            ```

            ```check
            id: cluster-named
            title: The cluster is named api-lab
            call: ecs:DescribeClusters
            input: {clusters: [api-lab]}
            expect: "clusters[0].clusterName == 'api-lab'"
            fail: There is no cluster api-lab.
            ```
            """;

    @TempDir
    Path labs;
    private StandaloneServer simulator;
    private AwsClientsPool pool;
    private Javalin app;

    @BeforeEach
    void start() throws IOException {
        Files.writeString(labs.resolve("api-lab.md"), LAB);
        simulator = StandaloneServer.start(0,
                Simulator.create(SimulatorConfig.inMemory().withInitialSpeed(0).withTickEvery(null)),
                new PrintStream(OutputStream.nullOutputStream()));
        DataSource dataSource = TestDatabases.freshDataSource();
        Flyway.configure().dataSource(dataSource).load().migrate();
        pool = new AwsClientsPool();
        Backend backend = Backend.endpoint(URI.create("http://localhost:" + simulator.port()), "us-east-1", "test", "test");
        LabApi api = new LabApi(LabCatalog.fromFolder(labs), pool, new LabResults(dataSource), ctx -> backend,
                ctx -> "solo", Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC),
                new LabCleanups(Clock.systemUTC(), LabCleanups.Rounds.DEFAULT));
        app = Javalin.create(config -> {
            config.routes.before(JsonOnly::check);
            api.routes(config.routes);
            new ErrorHandling(Templates.precompiled()).register(config.routes);
        });
    }

    @AfterEach
    void stop() {
        pool.close();
        simulator.close();
    }

    @Test
    void listsAndShowsLabs() {
        JavalinTest.test(app, (server, client) -> {
            JsonNode list = JSON.readTree(client.get("/api/labs").body().string());
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("id").asText()).isEqualTo("api-lab");
            assertThat(list.get(0).get("checks").asInt()).isEqualTo(2);

            JsonNode lab = JSON.readTree(client.get("/api/labs/api-lab").body().string());
            assertThat(lab.get("title").asText()).isEqualTo("An API lab");
            assertThat(lab.at("/steps/0/hints/0").asText()).isEqualTo("Use create-cluster.");
            assertThat(lab.at("/steps/0/checks/1/id").asText()).isEqualTo("cluster-named");
        });
    }

    @Test
    void runsTheChecksOnTheCallersBackEndAndRemembersTheRun() {
        JavalinTest.test(app, (server, client) -> {
            var response = client.post("/api/labs/api-lab/check", Map.of());
            assertThat(response.code()).isEqualTo(200);
            JsonNode run = JSON.readTree(response.body().string());
            assertThat(run.get("lab").asText()).isEqualTo("api-lab");
            assertThat(run.get("total").asInt()).isEqualTo(2);
            assertThat(run.get("passed").asInt()).isZero();
            assertThat(run.at("/checks/0/id").asText()).isEqualTo("cluster-exists");
            assertThat(run.at("/checks/0/passed").asBoolean()).isFalse();
            assertThat(run.at("/checks/0/message").asText()).startsWith("There is no cluster api-lab. (");

            JsonNode step = JSON.readTree(client.post("/api/labs/api-lab/steps/1/check", Map.of()).body().string());
            assertThat(step.get("total").asInt()).isEqualTo(2);

            JsonNode list = JSON.readTree(client.get("/api/labs").body().string());
            assertThat(list.at("/0/lastRun/total").asInt()).isEqualTo(2);
            assertThat(list.at("/0/lastRun/checkedAt").asText()).isEqualTo("2026-11-21T12:00:00Z");
        });
    }

    @Test
    void cleanUpStartsFromJsonOnlyAndIsFollowedToTheEnd() throws Exception {
        Backend backend = Backend.endpoint(URI.create("http://localhost:" + simulator.port()), "us-east-1", "test", "test");
        CommandRunner runner = new CommandRunner(new OperationInvoker(pool.clients(backend)), LabTags::tag);
        runner.lab("api-lab");
        runner.run("aws ecs create-cluster --cluster-name api-lab");
        runner.lab(null);
        runner.run("aws ecs create-cluster --cluster-name mine");
        JavalinTest.test(app, (server, client) -> {
            assertThat(JSON.readTree(client.get("/api/labs/api-lab/clean-up").body().string()).get("state").asText())
                    .isEqualTo("none");
            // Another site's form cannot start a clean-up: it cannot send JSON without asking first.
            var form = client.post("/api/labs/api-lab/clean-up");
            assertThat(form.code()).isEqualTo(415);
            assertThat(client.post("/api/labs/no-such-lab/clean-up", Map.of()).code()).isEqualTo(404);

            var started = client.post("/api/labs/api-lab/clean-up", Map.of());
            assertThat(started.code()).isEqualTo(202);
            JsonNode status = JSON.readTree(started.body().string());
            for (int poll = 0; poll < 600 && !status.get("state").asText().equals("finished"); poll++) {
                Thread.sleep(100);
                status = JSON.readTree(client.get("/api/labs/api-lab/clean-up").body().string());
            }
            assertThat(status.get("state").asText()).isEqualTo("finished");
            assertThat(status.get("deleted").asInt()).isEqualTo(1);
            assertThat(status.get("leftovers")).isEmpty();
            assertThat(status.get("log").toString()).contains("✓ deleted ecs cluster api-lab");
        });
        assertThat(runner.run("aws ecs list-clusters --query clusterArns --output text").strip())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/mine");
    }

    @Test
    void checksTakeJsonOnlySoThatAnotherSitesFormOrTextPostCannotRunThem() {
        JavalinTest.test(app, (server, client) -> {
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + server.port() + "/api/labs/api-lab/check"))
                        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(type).isEqualTo(415);
                assertThat(JSON.readTree(response.body()).get("message").asText()).contains("application/json");
            }
            // Nothing ran: no run was stored for the caller.
            assertThat(JSON.readTree(client.get("/api/labs/api-lab").body().string()).get("lastRun").isNull()).isTrue();
        });
    }

    @Test
    void unknownLabsAndStepsAreJson404s() {
        JavalinTest.test(app, (server, client) -> {
            var lab = client.post("/api/labs/no-such-lab/check", Map.of());
            assertThat(lab.code()).isEqualTo(404);
            assertThat(JSON.readTree(lab.body().string()).get("message").asText()).isEqualTo("no lab with the id 'no-such-lab'");
            var show = client.get("/api/labs/no-such-lab");
            assertThat(show.code()).isEqualTo(404);
            assertThat(show.headers().get("Content-Type").get(0)).startsWith("application/json");
            var step = client.post("/api/labs/api-lab/steps/7/check", Map.of());
            assertThat(step.code()).isEqualTo(404);
            assertThat(JSON.readTree(step.body().string()).get("message").asText())
                    .isEqualTo("lab api-lab has no step '7' (steps 1 to 1)");
        });
    }
}
