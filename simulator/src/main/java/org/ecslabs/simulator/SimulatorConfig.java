package org.ecslabs.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.ecslabs.simulator.engine.Mode;

/**
 * How to build a {@link Simulator}. Start from {@link #withDataSource}, {@link #withJdbcUrl} or
 * {@link #inMemory}, then adjust with the {@code with...} methods.
 *
 * @param dataSource   the database (the app's pool), or null when {@code jdbcUrl} is set
 * @param jdbcUrl      a JDBC URL the simulator opens one connection to, or null
 * @param mode         solo (key {@code test} accepted) or classroom (generated keys only)
 * @param wallClock    the wall clock simulated time follows; a fixed or hand-moved clock in tests
 * @param initialSpeed the clock speed of an account on first use: 1 is real time, 0 paused
 * @param tickEvery    how often the background ticker moves running clocks; null for no ticker
 */
public record SimulatorConfig(DataSource dataSource, String jdbcUrl, Mode mode, Clock wallClock,
                              double initialSpeed, Duration tickEvery) {

    public static final Duration DEFAULT_TICK = Duration.ofMillis(250);

    public SimulatorConfig {
        if ((dataSource == null) == (jdbcUrl == null)) {
            throw new IllegalArgumentException("The simulator needs exactly one of a DataSource and a JDBC URL");
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(wallClock, "wallClock");
        if (!(initialSpeed >= 0 && initialSpeed <= 1000)) {
            throw new IllegalArgumentException("initialSpeed must be between 0 and 1000, was " + initialSpeed);
        }
    }

    public static SimulatorConfig withDataSource(DataSource dataSource) {
        return new SimulatorConfig(Objects.requireNonNull(dataSource, "dataSource"), null, Mode.SOLO,
                Clock.systemUTC(), 1, DEFAULT_TICK);
    }

    public static SimulatorConfig withJdbcUrl(String jdbcUrl) {
        return new SimulatorConfig(null, Objects.requireNonNull(jdbcUrl, "jdbcUrl"), Mode.SOLO,
                Clock.systemUTC(), 1, DEFAULT_TICK);
    }

    /** A fresh in-memory H2 database that lives as long as the simulator. */
    public static SimulatorConfig inMemory() {
        return withJdbcUrl("jdbc:h2:mem:sim-" + UUID.randomUUID());
    }

    /** A JDBC URL fit for a message or a log: a password in it is masked. */
    public static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public SimulatorConfig withMode(Mode mode) {
        return new SimulatorConfig(dataSource, jdbcUrl, mode, wallClock, initialSpeed, tickEvery);
    }

    public SimulatorConfig withWallClock(Clock wallClock) {
        return new SimulatorConfig(dataSource, jdbcUrl, mode, wallClock, initialSpeed, tickEvery);
    }

    public SimulatorConfig withInitialSpeed(double initialSpeed) {
        return new SimulatorConfig(dataSource, jdbcUrl, mode, wallClock, initialSpeed, tickEvery);
    }

    /** Null turns the background ticker off: clocks then move only on calls. */
    public SimulatorConfig withTickEvery(Duration tickEvery) {
        return new SimulatorConfig(dataSource, jdbcUrl, mode, wallClock, initialSpeed, tickEvery);
    }
}
