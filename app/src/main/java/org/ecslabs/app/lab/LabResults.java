package org.ecslabs.app.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Learners' lab check runs, in the table of {@code V3__labs.sql}.
 * Thread-safe: every call takes its own connection from the pool.
 */
public final class LabResults {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<CheckResult>> CHECKS = new TypeReference<>() {
    };

    /** A stored run: which step (empty for the whole lab), when, and its result. */
    public record StoredRun(Optional<Integer> step, Instant checkedAt, LabRun run) {
    }

    private final DataSource dataSource;

    public LabResults(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Keeps one run; {@code step} is empty for a whole-lab check. */
    public void record(String learner, Optional<Integer> step, LabRun run, Instant checkedAt) {
        String sql = "INSERT INTO lab_check_run (learner, lab_id, step_number, passed, total, checks_json, checked_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, learner);
            insert.setString(2, run.lab());
            if (step.isPresent()) {
                insert.setInt(3, step.get());
            } else {
                insert.setNull(3, Types.INTEGER);
            }
            insert.setInt(4, run.passed());
            insert.setInt(5, run.total());
            insert.setString(6, JSON.writeValueAsString(run.checks()));
            insert.setObject(7, OffsetDateTime.ofInstant(checkedAt, ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not store the lab check run", e);
        }
    }

    /** The learner's latest whole-lab run of each lab, by lab id. */
    public Map<String, StoredRun> latestByLab(String learner) {
        String sql = "SELECT lab_id, step_number, passed, total, checks_json, checked_at FROM lab_check_run r"
                + " WHERE learner = ? AND step_number IS NULL AND id = (SELECT MAX(id) FROM lab_check_run l"
                + " WHERE l.learner = r.learner AND l.lab_id = r.lab_id AND l.step_number IS NULL) ORDER BY lab_id";
        Map<String, StoredRun> latest = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, learner);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    StoredRun run = read(rows);
                    latest.put(run.run().lab(), run);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read lab check runs", e);
        }
        return latest;
    }

    /** The learner's latest run of one step of a lab. */
    public Optional<StoredRun> latestStep(String learner, String labId, int step) {
        String sql = "SELECT lab_id, step_number, passed, total, checks_json, checked_at FROM lab_check_run"
                + " WHERE learner = ? AND lab_id = ? AND step_number = ? ORDER BY id DESC LIMIT 1";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, learner);
            query.setString(2, labId);
            query.setInt(3, step);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read lab check runs", e);
        }
    }

    /** The learner's runs, whole-lab and per step, newest first, at most {@code limit}. */
    public List<StoredRun> history(String learner, int limit) {
        String sql = "SELECT lab_id, step_number, passed, total, checks_json, checked_at FROM lab_check_run"
                + " WHERE learner = ? ORDER BY id DESC LIMIT ?";
        List<StoredRun> runs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, learner);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runs.add(read(rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read lab check runs", e);
        }
        return runs;
    }

    private static StoredRun read(ResultSet rows) throws SQLException {
        int step = rows.getInt("step_number");
        Optional<Integer> stepNumber = rows.wasNull() ? Optional.empty() : Optional.of(step);
        List<CheckResult> checks;
        try {
            checks = JSON.readValue(rows.getString("checks_json"), CHECKS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored lab check run is not valid JSON", e);
        }
        LabRun run = new LabRun(rows.getString("lab_id"), rows.getInt("passed"), rows.getInt("total"), checks);
        Instant checkedAt = rows.getObject("checked_at", OffsetDateTime.class).toInstant();
        return new StoredRun(stepNumber, checkedAt, run);
    }
}
