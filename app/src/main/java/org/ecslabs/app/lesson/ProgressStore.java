package org.ecslabs.app.lesson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Which lessons each learner completed (table lesson_progress). Thread-safe: each call uses
 * its own pooled connection.
 */
public final class ProgressStore {
    private final DataSource dataSource;
    private final Clock clock;

    public ProgressStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Records the lesson as completed now; completing it again keeps the first date. */
    public void markComplete(String learnerId, String slug) {
        String sql = "MERGE INTO lesson_progress t USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE))) "
                + "s(learner_id, lesson_slug, completed_at) ON t.learner_id = s.learner_id AND t.lesson_slug = s.lesson_slug "
                + "WHEN NOT MATCHED THEN INSERT (learner_id, lesson_slug, completed_at) VALUES (s.learner_id, s.lesson_slug, s.completed_at)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, learnerId);
            statement.setString(2, slug);
            statement.setObject(3, Instant.now(clock).atOffset(ZoneOffset.UTC));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record progress", e);
        }
    }

    /** The learner's completed lessons with when they completed them. */
    public Map<String, Instant> completed(String learnerId) {
        String sql = "SELECT lesson_slug, completed_at FROM lesson_progress WHERE learner_id = ? ORDER BY completed_at";
        Map<String, Instant> completed = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, learnerId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    completed.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read progress", e);
        }
        return completed;
    }
}
