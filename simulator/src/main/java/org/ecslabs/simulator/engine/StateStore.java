package org.ecslabs.simulator.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ecslabs.simulator.SimulatorConfig;

/**
 * The simulator's durable state over JDBC, in tables prefixed {@code sim_} that it creates when
 * absent: credentials, each account's clock, and each state object as JSON per account, region
 * and state type. On H2 it sets WRITE_DELAY to 0, so that a commit is in the file before the
 * response leaves (this applies to the whole database). Thread-safe: a DataSource hands each caller its own connection; a store opened
 * on a JDBC URL serializes its callers on its one connection.
 */
public final class StateStore implements AutoCloseable {
    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS sim_credentials (
            access_key_id VARCHAR(128) PRIMARY KEY,
            secret_access_key VARCHAR(128) NOT NULL,
            account_id VARCHAR(12) NOT NULL,
            label VARCHAR(255),
            created_at_millis BIGINT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS sim_account (
            account_id VARCHAR(12) PRIMARY KEY,
            sim_anchor_nanos BIGINT NOT NULL,
            wall_anchor_nanos BIGINT NOT NULL,
            speed DOUBLE PRECISION NOT NULL,
            ticked_to_nanos BIGINT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS sim_state (
            account_id VARCHAR(12) NOT NULL,
            region VARCHAR(64) NOT NULL,
            state_type VARCHAR(255) NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY (account_id, region, state_type))
        """
    };

    private final DataSource dataSource;
    private final Connection shared;

    /** An account's clock as stored. */
    record ClockRow(Instant anchor, Instant wallAnchor, double speed, Instant tickedTo) {
    }

    /** One state object as stored. */
    record StateRow(String region, String stateType, String json) {
    }

    private StateStore(DataSource dataSource, Connection shared) {
        this.dataSource = dataSource;
        this.shared = shared;
        createSchema();
    }

    /** A store on the app's pool: one connection per operation. */
    public static StateStore open(DataSource dataSource) {
        return new StateStore(dataSource, null);
    }

    /**
     * A store on its own connection, held open for the store's life (which also keeps an
     * in-memory H2 database alive).
     */
    public static StateStore open(String jdbcUrl) {
        try {
            return new StateStore(null, DriverManager.getConnection(jdbcUrl));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the simulator database "
                    + SimulatorConfig.redacted(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        try {
            if (shared != null) {
                synchronized (shared) {
                    return work.run(shared);
                }
            }
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Simulator database error: " + e.getMessage(), e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        return withConnection(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    private void createSchema() {
        withConnection(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
                if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
                    // H2 flushes commits to its file up to WRITE_DELAY ms later (500 by default):
                    // a kill -9 in that window would lose calls already acknowledged.
                    statement.execute("SET WRITE_DELAY 0");
                }
            }
            return null;
        });
    }

    List<Account> loadCredentials() {
        return withConnection(connection -> {
            List<Account> accounts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT access_key_id, secret_access_key,"
                    + " account_id, label, created_at_millis FROM sim_credentials ORDER BY created_at_millis, account_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    accounts.add(new Account(rows.getString(3), rows.getString(4), rows.getString(1),
                            rows.getString(2), Instant.ofEpochMilli(rows.getLong(5))));
                }
            }
            return accounts;
        });
    }

    void saveCredentials(Account account) {
        withConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sim_credentials (access_key_id,"
                    + " secret_access_key, account_id, label, created_at_millis) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, account.accessKeyId());
                insert.setString(2, account.secretAccessKey());
                insert.setString(3, account.accountId());
                insert.setString(4, account.label());
                insert.setLong(5, account.createdAt().toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
    }

    Optional<ClockRow> loadClock(String accountId) {
        return withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT sim_anchor_nanos, wall_anchor_nanos,"
                    + " speed, ticked_to_nanos FROM sim_account WHERE account_id = ?")) {
                select.setString(1, accountId);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ClockRow(instant(rows.getLong(1)), instant(rows.getLong(2)),
                            rows.getDouble(3), instant(rows.getLong(4))));
                }
            }
        });
    }

    List<StateRow> loadStates(String accountId) {
        return withConnection(connection -> {
            List<StateRow> states = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT region, state_type, body FROM sim_state WHERE account_id = ? ORDER BY region, state_type")) {
                select.setString(1, accountId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        states.add(new StateRow(rows.getString(1), rows.getString(2), rows.getString(3)));
                    }
                }
            }
            return states;
        });
    }

    /** Writes an account's clock and its changed state objects in one transaction. */
    void write(String accountId, ClockRow clock, List<StateRow> states) {
        inTransaction(connection -> {
            // Standard MERGE, for H2 and PostgreSQL 15+; the casts type the parameters for PostgreSQL.
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO sim_account t USING (VALUES"
                    + " (CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION), CAST(? AS BIGINT)))"
                    + " AS s (account_id, sim_anchor_nanos, wall_anchor_nanos, speed, ticked_to_nanos) ON t.account_id = s.account_id"
                    + " WHEN MATCHED THEN UPDATE SET sim_anchor_nanos = s.sim_anchor_nanos, wall_anchor_nanos = s.wall_anchor_nanos,"
                    + " speed = s.speed, ticked_to_nanos = s.ticked_to_nanos"
                    + " WHEN NOT MATCHED THEN INSERT (account_id, sim_anchor_nanos, wall_anchor_nanos, speed, ticked_to_nanos)"
                    + " VALUES (s.account_id, s.sim_anchor_nanos, s.wall_anchor_nanos, s.speed, s.ticked_to_nanos)")) {
                merge.setString(1, accountId);
                merge.setLong(2, nanos(clock.anchor()));
                merge.setLong(3, nanos(clock.wallAnchor()));
                merge.setDouble(4, clock.speed());
                merge.setLong(5, nanos(clock.tickedTo()));
                merge.executeUpdate();
            }
            if (!states.isEmpty()) {
                try (PreparedStatement merge = connection.prepareStatement("MERGE INTO sim_state t USING (VALUES"
                        + " (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TEXT)))"
                        + " AS s (account_id, region, state_type, body)"
                        + " ON t.account_id = s.account_id AND t.region = s.region AND t.state_type = s.state_type"
                        + " WHEN MATCHED THEN UPDATE SET body = s.body"
                        + " WHEN NOT MATCHED THEN INSERT (account_id, region, state_type, body)"
                        + " VALUES (s.account_id, s.region, s.state_type, s.body)")) {
                    for (StateRow state : states) {
                        merge.setString(1, accountId);
                        merge.setString(2, state.region());
                        merge.setString(3, state.stateType());
                        merge.setString(4, state.json());
                        merge.addBatch();
                    }
                    merge.executeBatch();
                }
            }
            return null;
        });
    }

    /** Forgets every state object of an account, in every region; keeps its clock and credentials. */
    void deleteStates(String accountId) {
        inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sim_state WHERE account_id = ?")) {
                delete.setString(1, accountId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    @Override
    public void close() {
        if (shared != null) {
            synchronized (shared) {
                try {
                    shared.close();
                } catch (SQLException e) {
                    // Closing at shutdown: nothing left to save.
                }
            }
        }
    }
}
