package org.ecslabs.simulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.engine.Account;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.ecslabs.simulator.testing.HandClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;

/** The control API drives simulated time; services change state on ticks of that clock only. */
class ClockControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPausedClockMovesOnlyThroughAdvanceClockAndTicksDriveTheState() throws Exception {
        try (SimulatorFixture simulator = SimulatorFixture.paused();
             EcsClient ecs = simulator.ecs("test", "test")) {
            JsonNode before = ok(simulator.control("test", "test", "GetClock", "{}"));
            assertThat(before.path("paused").asBoolean()).isTrue();
            assertThat(before.path("speed").asDouble()).isZero();

            ecs.createCluster(r -> r.clusterName("clocked"));
            assertThat(describe(ecs, "clocked").status()).isEqualTo("PROVISIONING");
            assertThat(ok(simulator.control("test", "test", "GetClock", "{}")).path("now").asDouble())
                    .isEqualTo(before.path("now").asDouble());

            JsonNode afterOne = ok(simulator.control("test", "test", "AdvanceClock", "{\"seconds\": 1}"));
            assertThat(afterOne.path("now").asDouble()).isEqualTo(before.path("now").asDouble() + 1);
            assertThat(describe(ecs, "clocked").status()).isEqualTo("PROVISIONING");

            ok(simulator.control("test", "test", "AdvanceClock", "{\"seconds\": 1}"));
            assertThat(describe(ecs, "clocked").status()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void advancingTicksEverySimulatedSecond() throws Exception {
        try (SimulatorFixture simulator = SimulatorFixture.paused();
             EcsClient ecs = simulator.ecs("test", "test")) {
            ecs.createCluster(r -> r.clusterName("counting"));
            int ticksBefore = describe(ecs, "counting").pendingTasksCount();
            ok(simulator.control("test", "test", "AdvanceClock", "{\"seconds\": 30}"));
            // One tick for each of the 30 simulated seconds.
            assertThat(describe(ecs, "counting").pendingTasksCount() - ticksBefore).isEqualTo(30);
        }
    }

    @Test
    void speedFollowsTheInjectedWallClock() throws Exception {
        HandClock wall = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (SimulatorFixture simulator = new SimulatorFixture(SimulatorConfig.inMemory()
                .withWallClock(wall).withTickEvery(null))) {
            JsonNode start = ok(simulator.control("test", "test", "GetClock", "{}"));
            assertThat(start.path("now").asDouble()).isEqualTo(wall.instant().getEpochSecond());
            assertThat(start.path("speed").asDouble()).isEqualTo(1);

            ok(simulator.control("test", "test", "SetClockSpeed", "{\"factor\": 60}"));
            wall.advance(Duration.ofSeconds(10));
            JsonNode fast = ok(simulator.control("test", "test", "GetClock", "{}"));
            assertThat(fast.path("now").asDouble() - start.path("now").asDouble()).isEqualTo(600);

            ok(simulator.control("test", "test", "SetClockSpeed", "{\"factor\": 0}"));
            wall.advance(Duration.ofSeconds(10));
            JsonNode paused = ok(simulator.control("test", "test", "GetClock", "{}"));
            assertThat(paused.path("now").asDouble()).isEqualTo(fast.path("now").asDouble());
            assertThat(paused.path("paused").asBoolean()).isTrue();
        }
    }

    @Test
    void badControlInputIsAValidationException() {
        try (SimulatorFixture simulator = SimulatorFixture.paused()) {
            SignedHttp.Response tooFast = simulator.control("test", "test", "SetClockSpeed", "{\"factor\": 5000}");
            assertThat(tooFast.status()).isEqualTo(400);
            assertThat(tooFast.body()).contains("\"__type\":\"ValidationException\"")
                    .contains("Member must be between 0 and 1000");
            SignedHttp.Response backwards = simulator.control("test", "test", "AdvanceClock", "{\"seconds\": -5}");
            assertThat(backwards.body()).contains("\"__type\":\"ValidationException\"");
            SignedHttp.Response missing = simulator.control("test", "test", "AdvanceClock", "{}");
            assertThat(missing.body()).contains("\"__type\":\"ValidationException\"").contains("'seconds'");
        }
    }

    @Test
    void serviceControlOperationsResetAndGetAccountActOnTheCaller() throws Exception {
        try (SimulatorFixture simulator = SimulatorFixture.paused();
             EcsClient ecs = simulator.ecs("test", "test")) {
            ecs.createCluster(r -> r.clusterName("doomed"));
            JsonNode failed = ok(simulator.control("test", "test", "FailTestCluster", "{\"cluster\": \"doomed\"}"));
            assertThat(failed.path("cluster").path("status").asText()).isEqualTo("FAILED");
            assertThat(describe(ecs, "doomed").status()).isEqualTo("FAILED");

            JsonNode account = ok(simulator.control("test", "test", "GetAccount", "{}"));
            assertThat(account.path("accountId").asText()).isEqualTo("000000000000");
            assertThat(account.path("region").asText()).isEqualTo("us-east-1");

            double clockBefore = ok(simulator.control("test", "test", "AdvanceClock", "{\"seconds\": 5}")).path("now").asDouble();
            ok(simulator.control("test", "test", "ResetAccount", "{}"));
            assertThat(ecs.listClusters().clusterArns()).isEmpty();
            assertThat(ok(simulator.control("test", "test", "GetClock", "{}")).path("now").asDouble()).isEqualTo(clockBefore);
        }
    }

    @Test
    void eachAccountHasItsOwnClock() throws Exception {
        try (SimulatorFixture simulator = SimulatorFixture.paused()) {
            Account other = simulator.simulator().accounts().create("other");
            double soloBefore = ok(simulator.control("test", "test", "GetClock", "{}")).path("now").asDouble();
            ok(simulator.control(other.accessKeyId(), other.secretAccessKey(), "AdvanceClock", "{\"seconds\": 3600}"));
            assertThat(ok(simulator.control("test", "test", "GetClock", "{}")).path("now").asDouble()).isEqualTo(soloBefore);
        }
    }

    private static Cluster describe(EcsClient ecs, String name) {
        return ecs.describeClusters(r -> r.clusters(name)).clusters().get(0);
    }

    private static JsonNode ok(SignedHttp.Response response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/x-amz-json-1.1");
        return JSON.readTree(response.body());
    }

}
