package org.ecslabs.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.ecslabs.simulator.testing.HandClock;
import org.ecslabs.simulator.testing.TestDatabases;
import org.ecslabs.simulator.testservice.TestClusterService;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/** A running clock moves state forward without any call, and what the ticks change is stored. */
class BackgroundTickerTest {

    @Test
    void runningClocksTickAndPersistWithoutCalls() throws Exception {
        String url = TestDatabases.freshUrl();
        HandClock wall = new HandClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (SimulatorFixture simulator = new SimulatorFixture(SimulatorConfig.withJdbcUrl(url)
                .withWallClock(wall).withTickEvery(Duration.ofMillis(20)));
             EcsClient ecs = simulator.ecs("test", "test");
             Connection db = DriverManager.getConnection(url)) {
            ecs.createCluster(r -> r.clusterName("background"));
            assertThat(storedState(db)).contains("\"status\":\"PROVISIONING\"");

            wall.advance(Duration.ofSeconds(3));
            // No call from here on: only the ticker can make the stored cluster ACTIVE.
            String state = storedState(db);
            for (int attempt = 0; attempt < 500 && !state.contains("\"status\":\"ACTIVE\""); attempt++) {
                Thread.sleep(20);
                state = storedState(db);
            }
            assertThat(state).contains("\"status\":\"ACTIVE\"");
        }
    }

    private static String storedState(Connection db) throws Exception {
        try (Statement select = db.createStatement();
             ResultSet rows = select.executeQuery("SELECT body FROM sim_entry WHERE state_type = '"
                     + TestClusterService.State.class.getName() + "'")) {
            return rows.next() ? rows.getString(1) : "";
        }
    }

}
