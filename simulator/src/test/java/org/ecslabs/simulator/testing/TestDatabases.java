package org.ecslabs.simulator.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;

/**
 * Where a test's database lives: a private in-memory H2 database by default, or a fresh database
 * in a throw-away PostgreSQL cluster when the tests run with {@code -Decslabs.test.db=postgres}
 * (the build's second, PostgreSQL pass). Every test that needs a database takes its URL from here
 * instead of writing {@code jdbc:h2:mem:...} itself, so that one switch moves them all.
 * Thread-safe: the folder-to-database map is concurrent.
 */
public final class TestDatabases {
    public static final String PROPERTY = "ecslabs.test.db";
    private static final Map<Path, String> DURABLE = new ConcurrentHashMap<>();

    private TestDatabases() {
    }

    /** True when this run's databases are PostgreSQL. */
    public static boolean postgres() {
        String kind = System.getProperty(PROPERTY, "h2");
        return switch (kind) {
            case "h2", "" -> false;
            case "postgres", "postgresql" -> true;
            default -> throw new IllegalArgumentException(PROPERTY + " must be h2 or postgres, was '" + kind + "'");
        };
    }

    /** A JDBC URL of a new, empty database that stays open until the test run ends. */
    public static String freshUrl() {
        return postgres() ? PostgresCluster.shared().createDatabase() : "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** A new, empty database as a DataSource that opens a connection per call (no pool to close). */
    public static DataSource freshDataSource() {
        return new UrlDataSource(freshUrl());
    }

    /**
     * A simulator on a new, empty database: the simulator's own in-memory H2 database (gone with
     * the simulator), or a PostgreSQL database.
     */
    public static SimulatorConfig simulator() {
        return postgres() ? SimulatorConfig.withJdbcUrl(freshUrl()) : SimulatorConfig.inMemory();
    }

    /**
     * A database that outlives the connections and the simulator that made it, for restart tests:
     * the standalone server's H2 file in {@code dataDir}, or a PostgreSQL database of that folder.
     */
    public static String durableUrl(Path dataDir) {
        return durableUrl(dataDir, StandaloneServer.jdbcUrl(dataDir));
    }

    /**
     * {@code h2Url} (a file database in {@code dataDir}) on H2; on PostgreSQL one database per
     * folder, the same on every call, so that a restarted app or simulator finds what it stored.
     */
    public static String durableUrl(Path dataDir, String h2Url) {
        if (!postgres()) {
            return h2Url;
        }
        return DURABLE.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> PostgresCluster.shared().createDatabase());
    }
}
