package org.ecslabs.simulator.engine;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ecslabs.simulator.SimulatorConfig;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The simulator's durable state over JDBC, in tables prefixed {@code sim_} that Flyway migrates
 * from {@code db/simulator} (history table {@code sim_schema_history}): credentials, each account's
 * clock, and each state object as rows, one per resource-map entry plus one for the rest
 * (see docs/simulator-engine.md). A write is one transaction; on H2 (WRITE_DELAY 0) it is
 * followed by a CHECKPOINT, so that the commit is in the database file before the response
 * leaves, whichever connection committed first. Thread-safe: each operation takes its own pooled connection.
 */
public final class StateStore implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StateStore.class);

    private final DataSource dataSource;
    /** The pool this store opened itself (standalone server), closed with it; null on the app's pool. */
    private final JdbcConnectionPool ownPool;
    /** Holds an in-memory H2 database open for the store's life. */
    private final Connection keeper;
    private final boolean h2;
    private volatile boolean checkpoint;
    private final boolean legacyTable;

    /** An account's clock as stored. */
    record ClockRow(Instant anchor, Instant wallAnchor, double speed, Instant tickedTo) {
    }

    /** One stored row of a state object. */
    record EntryRow(String region, String stateType, String field, String key, long seq, String json) {
    }

    /** A whole state object as stored before entries had rows of their own. */
    record LegacyRow(String region, String stateType, String json) {
    }

    enum Kind { INSERT, UPDATE, DELETE, DROP_LEGACY }

    /** One row to write or delete. */
    record Change(Kind kind, String region, String stateType, String field, String key, long seq, String json) {
        static Change insert(String region, String type, String field, String key, long seq, String json) {
            return new Change(Kind.INSERT, region, type, field, key, seq, json);
        }

        static Change update(String region, String type, String field, String key, long seq, String json) {
            return new Change(Kind.UPDATE, region, type, field, key, seq, json);
        }

        static Change delete(String region, String type, String field, String key) {
            return new Change(Kind.DELETE, region, type, field, key, 0, null);
        }

        static Change dropLegacy(String region, String type) {
            return new Change(Kind.DROP_LEGACY, region, type, null, null, 0, null);
        }
    }

    /** What one account writes: its clock (inserted the first time) and its changed rows. */
    record AccountWrite(String accountId, ClockRow clock, boolean clockIsNew, List<Change> changes) {
    }

    private StateStore(DataSource dataSource, JdbcConnectionPool ownPool, Connection keeper) {
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.keeper = keeper;
        this.h2 = withConnection(c -> "H2".equals(c.getMetaData().getDatabaseProductName()));
        this.checkpoint = h2;
        migrate();
        this.legacyTable = withConnection(StateStore::hasLegacyTable);
        if (h2) {
            withConnection(connection -> {
                try (Statement statement = connection.createStatement()) {
                    // With a write delay H2 stores from a background thread and hands the file write
                    // to another executor: a CHECKPOINT can then return before the bytes are written.
                    // At 0 every store runs in the committing thread (and for the whole database).
                    statement.execute("SET WRITE_DELAY 0");
                }
                return null;
            });
        }
    }

    /** A store on the app's pool. */
    public static StateStore open(DataSource dataSource) {
        return new StateStore(dataSource, null, null);
    }

    /** A store on a pool of its own (the standalone server and tests). */
    public static StateStore open(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return new StateStore(new UrlDataSource(jdbcUrl), null, null);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(jdbcUrl, "", "");
        pool.setMaxConnections(32);
        Connection keeper = null;
        try {
            keeper = jdbcUrl.startsWith("jdbc:h2:mem:") ? pool.getConnection() : null;
            return new StateStore(pool, pool, keeper);
        } catch (SQLException | RuntimeException e) {
            pool.dispose();
            throw new IllegalStateException("Cannot open the simulator database " + SimulatorConfig.redacted(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/simulator")
                .table("sim_schema_history")
                // The app's own tables (and, from older versions, sim_ tables) may already be there.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(Map.of("textType", h2 ? "CHARACTER VARYING" : "TEXT"))
                .load()
                .migrate();
    }

    private static boolean hasLegacyTable(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : new String[] {"SIM_STATE", "sim_state"}) {
            try (ResultSet tables = meta.getTables(null, null, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
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
            flushToFile(connection);
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

    List<EntryRow> loadEntries(String accountId) {
        return withConnection(connection -> {
            List<EntryRow> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT region, state_type, field, entry_key,"
                    + " seq, body FROM sim_entry WHERE account_id = ?")) {
                select.setString(1, accountId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new EntryRow(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getLong(5), rows.getString(6)));
                    }
                }
            }
            return entries;
        });
    }

    /** Whole-state rows an older version wrote; converted to entries on the account's next write. */
    List<LegacyRow> loadLegacy(String accountId) {
        if (!legacyTable) {
            return List.of();
        }
        return withConnection(connection -> {
            List<LegacyRow> states = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT region, state_type, body FROM sim_state WHERE account_id = ?")) {
                select.setString(1, accountId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        states.add(new LegacyRow(rows.getString(1), rows.getString(2), rows.getString(3)));
                    }
                }
            }
            return states;
        });
    }

    /** Writes the clocks and changed rows of one or more accounts in one transaction. */
    void write(List<AccountWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        withConnection(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                writeRows(connection, writes);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            flushToFile(connection);
            return null;
        });
    }

    private static final String INSERT_CLOCK = "INSERT INTO sim_account (sim_anchor_nanos, wall_anchor_nanos, speed,"
            + " ticked_to_nanos, account_id) VALUES (?, ?, ?, ?, ?)";
    private static final String UPDATE_CLOCK = "UPDATE sim_account SET sim_anchor_nanos = ?, wall_anchor_nanos = ?,"
            + " speed = ?, ticked_to_nanos = ? WHERE account_id = ?";
    private static final String INSERT_ENTRY = "INSERT INTO sim_entry (seq, body, account_id, region, state_type, field,"
            + " entry_key) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_ENTRY = "UPDATE sim_entry SET seq = ?, body = ?"
            + " WHERE account_id = ? AND region = ? AND state_type = ? AND field = ? AND entry_key = ?";
    private static final String DELETE_ENTRY = "DELETE FROM sim_entry"
            + " WHERE account_id = ? AND region = ? AND state_type = ? AND field = ? AND entry_key = ?";
    private static final String DROP_LEGACY = "DELETE FROM sim_state WHERE account_id = ? AND region = ? AND state_type = ?";

    private void writeRows(Connection connection, List<AccountWrite> writes) throws SQLException {
        for (boolean isNew : new boolean[] {true, false}) {
            List<AccountWrite> clocks = writes.stream().filter(w -> w.clockIsNew() == isNew).toList();
            if (clocks.isEmpty()) {
                continue;
            }
            try (PreparedStatement clock = connection.prepareStatement(isNew ? INSERT_CLOCK : UPDATE_CLOCK)) {
                for (AccountWrite write : clocks) {
                    clock.setLong(1, nanos(write.clock().anchor()));
                    clock.setLong(2, nanos(write.clock().wallAnchor()));
                    clock.setDouble(3, write.clock().speed());
                    clock.setLong(4, nanos(write.clock().tickedTo()));
                    clock.setString(5, write.accountId());
                    clock.addBatch();
                }
                clock.executeBatch();
            }
        }
        // Deletes first: nothing else in one write names a deleted row, but this keeps it obvious.
        writeKind(connection, writes, Kind.DELETE, DELETE_ENTRY);
        writeKind(connection, writes, Kind.UPDATE, UPDATE_ENTRY);
        writeKind(connection, writes, Kind.INSERT, INSERT_ENTRY);
        writeKind(connection, writes, Kind.DROP_LEGACY, DROP_LEGACY);
    }

    private static void writeKind(Connection connection, List<AccountWrite> writes, Kind kind, String sql)
            throws SQLException {
        PreparedStatement statement = null;
        try {
            for (AccountWrite write : writes) {
                for (Change change : write.changes()) {
                    if (change.kind() != kind) {
                        continue;
                    }
                    if (statement == null) {
                        statement = connection.prepareStatement(sql);
                    }
                    int at = 1;
                    if (kind == Kind.INSERT || kind == Kind.UPDATE) {
                        statement.setLong(at++, change.seq());
                        statement.setString(at++, change.json());
                    }
                    statement.setString(at++, write.accountId());
                    statement.setString(at++, change.region());
                    statement.setString(at++, change.stateType());
                    if (kind != Kind.DROP_LEGACY) {
                        statement.setString(at++, change.field());
                        statement.setString(at, change.key());
                    }
                    statement.addBatch();
                }
            }
            if (statement != null) {
                statement.executeBatch();
            }
        } finally {
            if (statement != null) {
                statement.close();
            }
        }
    }

    /**
     * H2 commits a transaction to its file with a non-blocking try: when another connection is
     * writing the file at that moment, the commit stays in memory until the next one, and a kill -9
     * in between loses it (issue 16). A CHECKPOINT takes the store lock and writes what is unsaved.
     */
    private void flushToFile(Connection connection) {
        if (!checkpoint) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            checkpoint = false;
            LOG.warn("The simulator cannot CHECKPOINT its H2 database (" + e.getMessage()
                    + "); a commit may reach the file only with the next one");
        }
    }

    /** Forgets every state object of an account, in every region; keeps its clock and credentials. */
    void deleteStates(String accountId) {
        inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sim_entry WHERE account_id = ?")) {
                delete.setString(1, accountId);
                delete.executeUpdate();
            }
            if (legacyTable) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sim_state WHERE account_id = ?")) {
                    delete.setString(1, accountId);
                    delete.executeUpdate();
                }
            }
            return null;
        });
        withConnection(connection -> {
            flushToFile(connection);
            return null;
        });
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Closes the store's own pool, if it opened one; the app closes its pool itself. */
    @Override
    public void close() {
        if (keeper != null) {
            try {
                keeper.close();
            } catch (SQLException e) {
                // Closing at shutdown: nothing left to save.
            }
        }
        if (ownPool != null) {
            ownPool.dispose();
        }
    }

    /** Connections straight from the driver, for a URL that is not H2 (PostgreSQL). */
    private record UrlDataSource(String url) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return java.sql.DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return java.sql.DriverManager.getConnection(url, user, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
