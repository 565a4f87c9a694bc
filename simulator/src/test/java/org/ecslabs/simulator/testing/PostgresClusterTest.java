package org.ecslabs.simulator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The throw-away cluster the PostgreSQL test pass runs on: real, private, password-protected. */
class PostgresClusterTest {

    @Test
    void eachDatabaseIsFreshAndSeparate() throws SQLException {
        String first = PostgresCluster.shared().createDatabase();
        String second = PostgresCluster.shared().createDatabase();
        assertThat(first).startsWith("jdbc:postgresql://127.0.0.1:").isNotEqualTo(second);

        try (Connection connection = DriverManager.getConnection(first); Statement statement = connection.createStatement()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            statement.execute("CREATE TABLE note (body TEXT NOT NULL)");
            statement.execute("INSERT INTO note VALUES ('only in the first')");
        }
        try (Connection connection = DriverManager.getConnection(second); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT body FROM note")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not exist");
            statement.execute("CREATE TABLE note (body TEXT NOT NULL)");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM note")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    @Test
    void aConnectionWithoutThePasswordIsRefused() {
        String url = PostgresCluster.shared().createDatabase();
        String withoutPassword = url.substring(0, url.indexOf("&password="));
        assertThatThrownBy(() -> DriverManager.getConnection(withoutPassword).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
    }
}
