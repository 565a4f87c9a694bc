package org.ecslabs.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Migrations V2 to V4 were first written in H2's dialect (AUTO_INCREMENT, CLOB, DOUBLE,
 * VARBINARY) and later rewritten in SQL that PostgreSQL accepts too (identity columns, TEXT,
 * DOUBLE PRECISION, BYTEA). On H2 the old and the new scripts make tables that read and write
 * the same, but databases migrated before the rewrite carry the old scripts' checksums, which
 * Flyway's validation refuses. This moves exactly those recorded checksums to the new scripts'
 * ones, and touches nothing else: any other mismatch still stops the start.
 */
final class PortableRewrite {
    /** version, checksum of the H2-only script, checksum of the portable script. */
    static final int[][] CHECKSUMS = {
        {2, 1979913088, -782537681},
        {3, 877707295, 188265987},
        {4, -770092893, -795551952},
    };

    private PortableRewrite() {
    }

    static void updateChecksums(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (!historyExists(connection)) {
                return;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE \"flyway_schema_history\" SET \"checksum\" = ? WHERE \"version\" = ? AND \"checksum\" = ?")) {
                for (int[] row : CHECKSUMS) {
                    update.setInt(1, row[2]);
                    update.setString(2, Integer.toString(row[0]));
                    update.setInt(3, row[1]);
                    update.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database's migration history: " + e.getMessage(), e);
        }
    }

    private static boolean historyExists(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), "flyway_schema_history", null)) {
            return tables.next();
        }
    }
}
