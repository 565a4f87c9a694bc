package org.ecslabs.simulator.testing;

import java.util.UUID;

/**
 * Where a test's database lives: a private in-memory H2 database by default, or a fresh database
 * in a throw-away PostgreSQL cluster when the tests run with {@code -Decslabs.test.db=postgres}
 * (the build's second, PostgreSQL pass). Every test that needs a database takes its URL from here
 * instead of writing {@code jdbc:h2:mem:...} itself, so that one switch moves them all.
 */
public final class TestDatabases {
    public static final String PROPERTY = "ecslabs.test.db";

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
}
