package org.ecslabs.simulator.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.ecslabs.simulator.testing.HandClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The same scenario twice from the same instant: once watched every 30 simulated seconds, once
 * stored, the simulator stopped, and started again after the whole gap. Both end in the same state,
 * field by field (ids are random, so they are compared by shape, not by value).
 */
class CatchUpAfterAGapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-05-04T08:00:00Z");
    private static final int GAP_SECONDS = 45 * 60;

    @TempDir
    Path data;

    @Test
    void aLongGapCaughtUpAtOnceEndsWhereTickingThroughEnds() {
        HandClock wallA = new HandClock(START);
        Map<String, Object> watched;
        try (SimulatorFixture simulator = new SimulatorFixture(config(data.resolve("a"), wallA));
             EcsClient ecs = RealClients.ecs(simulator.endpoint(), "test", "test");
             Ec2Client ec2 = RealClients.ec2(simulator.endpoint(), "test", "test")) {
            scenario(ecs, ec2);
            for (int second = 0; second < GAP_SECONDS; second += 30) {
                wallA.advance(Duration.ofSeconds(30));
                ecs.describeServices(r -> r.cluster("gap").services("web", "broken"));
            }
            watched = snapshot(ecs, simulator.endpoint());
        }

        HandClock wallB = new HandClock(START);
        try (SimulatorFixture simulator = new SimulatorFixture(config(data.resolve("b"), wallB));
             EcsClient ecs = RealClients.ecs(simulator.endpoint(), "test", "test");
             Ec2Client ec2 = RealClients.ec2(simulator.endpoint(), "test", "test")) {
            scenario(ecs, ec2);
        }
        wallB.advance(Duration.ofSeconds(GAP_SECONDS));
        try (SimulatorFixture simulator = new SimulatorFixture(config(data.resolve("b"), wallB));
             EcsClient ecs = RealClients.ecs(simulator.endpoint(), "test", "test")) {
            Map<String, Object> caughtUp = snapshot(ecs, simulator.endpoint());
            assertThat(caughtUp).isEqualTo(watched);
        }
    }

    private static SimulatorConfig config(Path dir, Clock wall) {
        return SimulatorConfig.withJdbcUrl(StandaloneServer.jdbcUrl(dir)).withWallClock(wall).withTickEvery(null);
    }

    /** A healthy Fargate service and one whose image cannot be pulled (back-off, events, stopped tasks). */
    private static void scenario(EcsClient ecs, Ec2Client ec2) {
        String subnet = ec2.describeSubnets().subnets().get(0).subnetId();
        NetworkConfiguration network = NetworkConfiguration.builder()
                .awsvpcConfiguration(a -> a.subnets(subnet)).build();
        ecs.createCluster(r -> r.clusterName("gap"));
        for (String family : List.of("web", "broken")) {
            String image = family.equals("web") ? "nginx:1.27" : "registry.example/does-not-exist:1";
            ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder().name(family).image(image).essential(true).build()));
            ecs.createService(r -> r.cluster("gap").serviceName(family).taskDefinition(family).desiredCount(3)
                    .launchType(LaunchType.FARGATE).networkConfiguration(network));
        }
    }

    private static Map<String, Object> snapshot(EcsClient ecs, URI endpoint) {
        Map<String, Object> state = new TreeMap<>();
        // A call catches up for a bounded time (the lock is never held long); calls go on until the gap is lived.
        double expected = START.getEpochSecond() + GAP_SECONDS;
        JsonNode clock = null;
        for (int call = 0; call < 600 && (clock == null || clock.path("now").asDouble() < expected); call++) {
            clock = read(SignedHttp.json(endpoint, "test", "test", "us-east-1", "ecs", "EcsLabsSimulator.GetClock", "{}"));
        }
        state.put("clock", clock.path("now").asDouble());
        for (Service service : ecs.describeServices(r -> r.cluster("gap").services("web", "broken")).services()) {
            List<Object> deployments = new ArrayList<>();
            for (Deployment d : service.deployments()) {
                deployments.add(List.of(d.status(), String.valueOf(d.rolloutStateAsString()), d.runningCount(),
                        d.pendingCount(), d.failedTasks(), String.valueOf(d.updatedAt())));
            }
            state.put(service.serviceName(), List.of(service.status(), service.desiredCount(), service.runningCount(),
                    service.pendingCount(), deployments,
                    service.events().stream().map(e -> e.createdAt() + " " + masked(e.message())).toList()));
        }
        for (DesiredStatus desired : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            List<String> arns = ecs.listTasks(r -> r.cluster("gap").desiredStatus(desired)).taskArns();
            List<String> tasks = new ArrayList<>();
            if (!arns.isEmpty()) {
                for (Task task : ecs.describeTasks(r -> r.cluster("gap").tasks(arns)).tasks()) {
                    tasks.add(task.group() + " " + task.lastStatus() + " " + task.createdAt() + " " + task.startedAt()
                            + " " + task.stoppedAt() + " " + task.stopCodeAsString() + " " + task.healthStatusAsString());
                }
            }
            tasks.sort(null);
            state.put("tasks " + desired, tasks);
        }
        JsonNode cost = read(SignedHttp.json(endpoint, "test", "test", "us-east-1", "ecs", "EcsLabsSimulator.GetCostReport", "{}"));
        state.put("cost", cost.path("total").toString());
        return state;
    }

    private static String masked(String message) {
        return message.replaceAll("[0-9a-f]{32}", "<task>").replaceAll("ecs-svc/[0-9]+", "ecs-svc/<id>");
    }

    private static JsonNode read(SignedHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
