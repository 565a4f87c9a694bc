package org.ecslabs.simulator.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.ecslabs.simulator.testing.HandClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * Simulated time never holds an account for good: with many tasks at the top speed and an hour of
 * wall time to make up (a million simulated seconds), GetClock and SetClockSpeed still answer, and
 * after the clock is paused the account answers every call again.
 */
class ClockLockTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void controlCallsAnswerWhileAnAccountCannotKeepUpAndPausingGivesTheAccountBack() throws Exception {
        HandClock wall = new HandClock(Instant.parse("2026-06-01T09:00:00Z"));
        try (SimulatorFixture simulator = new SimulatorFixture(SimulatorConfig.inMemory().withWallClock(wall).withTickEvery(null));
             EcsClient ecs = RealClients.ecs(simulator.endpoint(), "test", "test");
             Ec2Client ec2 = RealClients.ec2(simulator.endpoint(), "test", "test")) {
            String subnet = ec2.describeSubnets().subnets().get(0).subnetId();
            ecs.createCluster(r -> r.clusterName("busy"));
            ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").essential(true).build()));
            for (int i = 0; i < 4; i++) {
                String name = "web-" + i;
                ecs.createService(r -> r.cluster("busy").serviceName(name).taskDefinition("web").desiredCount(200)
                        .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet))));
            }
            JsonNode before = control(simulator, "SetClockSpeed", "{\"factor\": 1000}");
            wall.advance(Duration.ofHours(1));

            JsonNode clock = control(simulator, "GetClock", "{}");
            double owed = before.path("now").asDouble() + 3_600_000;
            assertThat(clock.path("now").asDouble()).as("the call answered before all of the hour was simulated")
                    .isLessThan(owed);

            JsonNode paused = control(simulator, "SetClockSpeed", "{\"factor\": 0}");
            assertThat(paused.path("paused").asBoolean()).isTrue();
            double pausedAt = paused.path("now").asDouble();
            // Pausing gives up the time that was not simulated: the next calls owe nothing.
            wall.advance(Duration.ofHours(1));
            assertThat(control(simulator, "GetClock", "{}").path("now").asDouble()).isEqualTo(pausedAt);
            assertThat(ecs.describeServices(r -> r.cluster("busy").services("web-0")).services().get(0).desiredCount())
                    .isEqualTo(200);
        }
    }

    private static JsonNode control(SimulatorFixture simulator, String operation, String json) throws IOException {
        SignedHttp.Response response = simulator.control("test", "test", operation, json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
