package org.ecslabs.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/** What a call acknowledged survives a kill -9 of the standalone server. */
class RestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Process server;

    @TempDir
    Path data;
    private String dbUrl;

    @AfterEach
    void killServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void stateAndClockSurviveAHardKill() throws Exception {
        int port = freePort();
        URI endpoint = URI.create("http://localhost:" + port);
        dbUrl = TestDatabases.durableUrl(data);
        server = startServer(port);
        double clockBeforeKill;
        try (EcsClient ecs = SimulatorFixture.ecs(endpoint, "test", "test")) {
            ok(SignedHttp.json(endpoint, "test", "test", "us-east-1", "ecs", "EcsLabsSimulator.SetClockSpeed", "{\"factor\":0}"));
            ecs.createCluster(r -> r.clusterName("survivor"));
            ok(SignedHttp.json(endpoint, "test", "test", "us-east-1", "ecs", "EcsLabsSimulator.AdvanceClock", "{\"seconds\":5}"));
            assertThat(ecs.describeClusters(r -> r.clusters("survivor")).clusters().get(0).status()).isEqualTo("ACTIVE");
            clockBeforeKill = ok(SignedHttp.json(endpoint, "test", "test", "us-east-1", "ecs",
                    "EcsLabsSimulator.GetClock", "{}")).path("now").asDouble();
        }

        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

        server = startServer(port);
        try (EcsClient ecs = SimulatorFixture.ecs(endpoint, "test", "test")) {
            assertThat(ecs.listClusters().clusterArns()).containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/survivor");
            assertThat(ecs.describeClusters(r -> r.clusters("survivor")).clusters().get(0).status()).isEqualTo("ACTIVE");
            JsonNode clock = ok(SignedHttp.json(endpoint, "test", "test", "us-east-1", "ecs", "EcsLabsSimulator.GetClock", "{}"));
            assertThat(clock.path("paused").asBoolean()).isTrue();
            assertThat(clock.path("now").asDouble()).isEqualTo(clockBeforeKill);
        }
    }

    @Test
    void badArgumentsExitWithCodeTwoAndSayWhy() throws Exception {
        for (List<String> args : List.of(List.of("--port", "eighty"), List.of("--verbose"), List.of("--data"),
                List.of("--db-url", "postgres://localhost/sim"))) {
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", classPath(),
                    StandaloneServer.class.getName()));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("ecs-simulator: ").contains("usage: java -jar ecs-simulator.jar");
        }
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Process startServer(int port) throws IOException, InterruptedException {
        File log = data.resolve("server-" + System.nanoTime() + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-cp", classPath(), StandaloneServer.class.getName(),
                "--port", String.valueOf(port), "--data", data.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log);
        // Through the environment, as a database password should travel; on H2 the same file as --data.
        builder.environment().put("ECSLABS_SIM_DB_URL", dbUrl);
        Process process = builder.start();
        // Wait until it answers; the limit only guards against a server that never comes up.
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited: " + Files.readString(log.toPath()));
            }
            try {
                SignedHttp.json(URI.create("http://localhost:" + port), "test", "test", "us-east-1", "ecs",
                        "EcsLabsSimulator.GetAccount", "{}");
                return process;
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("The server did not come up: " + Files.readString(log.toPath()));
    }

    private static JsonNode ok(SignedHttp.Response response) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
