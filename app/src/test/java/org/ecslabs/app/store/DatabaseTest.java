package org.ecslabs.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.ecslabs.simulator.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void aFreshDatabaseGetsEveryMigration() throws SQLException {
        try (Database database = Database.open(TestDatabases.freshUrl())) {
            assertThat(tables(database.dataSource())).contains("learner", "lesson_progress", "quiz_response", "exam_session",
                    "exam_answer", "review_card", "lab_check_run", "lab_backend");
            try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                // Identity columns number the rows without the insert naming an id.
                statement.executeUpdate("INSERT INTO lab_check_run (learner, lab_id, passed, total, checks_json, checked_at)"
                        + " VALUES ('ana', 'first-fargate-task', 1, 2, '[]', CURRENT_TIMESTAMP)");
                try (ResultSet rows = statement.executeQuery("SELECT id FROM lab_check_run")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong(1)).isPositive();
                }
            }
        }
    }

    @Test
    void anH2DatabaseMadeByTheH2OnlyScriptsStillOpensWithItsRows() throws SQLException {
        String url = migratedByTheH2OnlyScripts("INSERT INTO review_card VALUES ('local', 'q1', 1, 6, 2.5, DATE '2026-12-01')");

        try (Database database = Database.open(url);
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT interval_days FROM review_card WHERE question_id = 'q1'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(6);
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT \"checksum\" FROM \"flyway_schema_history\" WHERE \"version\" = '4'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(PortableRewrite.CHECKSUMS[2][2]);
            }
        }
    }

    @Test
    void aChangedMigrationThatIsNotTheKnownRewriteStillStopsTheStart() throws SQLException {
        String url = migratedByTheH2OnlyScripts("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '3'");

        assertThatThrownBy(() -> Database.open(url).close()).isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void aPasswordInTheUrlIsMaskedInMessages() {
        assertThat(Database.redacted("jdbc:postgresql://db:5432/ecslabs?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/ecslabs?user=app&password=***&ssl=true");
        assertThat(Database.redacted("jdbc:h2:file:/data/ecs;USER=sa;PASSWORD=s3cret")).doesNotContain("s3cret");
    }

    /** An in-memory H2 database as an install made before the rewrite left it, then {@code sql} run on it. */
    private static String migratedByTheH2OnlyScripts(String sql) throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, null, null).locations("classpath:store/h2-before-portable").load().migrate();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
        return url;
    }

    private static List<String> tables(DataSource dataSource) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
