package org.ecslabs.app.quiz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** All quiz SQL: responses, exam sessions and answers, review cards. Thread-safe: state lives in the database. */
public final class QuizStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource dataSource;

    public QuizStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One recorded answer. */
    public record Response(String questionId, String mode, Set<Integer> selected, boolean correct, Instant answeredAt) {
    }

    public void recordResponse(String learnerId, String questionId, String mode, Set<Integer> selected, boolean correct, Instant at) {
        update("INSERT INTO quiz_response (learner_id, question_id, mode, selected, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?)",
                learnerId, questionId, mode, encode(selected), correct, Timestamp.from(at));
    }

    public List<Response> responses(String learnerId) {
        return query("SELECT question_id, mode, selected, correct, answered_at FROM quiz_response WHERE learner_id = ? ORDER BY id",
                rs -> new Response(rs.getString(1), rs.getString(2), decode(rs.getString(3)), rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant()), learnerId);
    }

    public void createSession(ExamSession session) {
        update("INSERT INTO exam_session (id, learner_id, blueprint_id, question_ids, option_orders, started_at, deadline) VALUES (?, ?, ?, ?, ?, ?, ?)",
                session.id(), session.learnerId(), session.blueprintId(), String.join(",", session.questionIds()),
                toJson(session.optionOrders()), Timestamp.from(session.startedAt()), Timestamp.from(session.deadline()));
    }

    public Optional<ExamSession> session(String id) {
        List<ExamSession> found = query("SELECT id, learner_id, blueprint_id, question_ids, option_orders, started_at, deadline, submitted_at FROM exam_session WHERE id = ?",
                rs -> readSession(rs), id);
        return found.stream().findFirst();
    }

    /** The learner's exams, newest first. */
    public List<ExamSession> sessions(String learnerId) {
        return query("SELECT id, learner_id, blueprint_id, question_ids, option_orders, started_at, deadline, submitted_at FROM exam_session WHERE learner_id = ? ORDER BY started_at DESC",
                rs -> readSession(rs), learnerId);
    }

    /** A finished exam as the quiz index lists it. */
    public record ExamResult(String sessionId, String blueprintId, Instant submittedAt, int correct, int total,
                             int scaledScore, boolean passed) {
    }

    /** The learner's finished exams, newest first, at most {@code limit}. */
    public List<ExamResult> results(String learnerId, int limit) {
        return query("SELECT id, blueprint_id, submitted_at, correct, total, scaled_score, passed FROM exam_session "
                        + "WHERE learner_id = ? AND submitted_at IS NOT NULL ORDER BY submitted_at DESC, id LIMIT ?",
                rs -> new ExamResult(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getBoolean(7)), learnerId, limit);
    }

    public void saveAnswer(String sessionId, String questionId, Set<Integer> selected, boolean flagged) {
        // Standard MERGE (H2 and PostgreSQL 15+); the casts type the parameters for PostgreSQL.
        update("MERGE INTO exam_answer t USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BOOLEAN)))"
                        + " AS s (session_id, question_id, selected, flagged)"
                        + " ON t.session_id = s.session_id AND t.question_id = s.question_id"
                        + " WHEN MATCHED THEN UPDATE SET selected = s.selected, flagged = s.flagged"
                        + " WHEN NOT MATCHED THEN INSERT (session_id, question_id, selected, flagged)"
                        + " VALUES (s.session_id, s.question_id, s.selected, s.flagged)",
                sessionId, questionId, encode(selected), flagged);
    }

    /** Marks the session submitted, once: returns false when it already was (a double submit). */
    public boolean markSubmitted(String sessionId, Instant at, Scoring.Result result) {
        return update("UPDATE exam_session SET submitted_at = ?, correct = ?, total = ?, scaled_score = ?, passed = ? WHERE id = ? AND submitted_at IS NULL",
                Timestamp.from(at), result.correct(), result.total(), result.scaledScore(), result.passed(), sessionId) == 1;
    }

    public Optional<SpacedRepetition.Card> card(String learnerId, String questionId) {
        return query("SELECT repetitions, interval_days, ease, due FROM review_card WHERE learner_id = ? AND question_id = ?",
                rs -> new SpacedRepetition.Card(rs.getInt(1), rs.getInt(2), rs.getDouble(3), rs.getDate(4).toLocalDate()),
                learnerId, questionId).stream().findFirst();
    }

    public void saveCard(String learnerId, String questionId, SpacedRepetition.Card card) {
        update("MERGE INTO review_card t USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS INT), CAST(? AS INT),"
                        + " CAST(? AS DOUBLE PRECISION), CAST(? AS DATE)))"
                        + " AS s (learner_id, question_id, repetitions, interval_days, ease, due)"
                        + " ON t.learner_id = s.learner_id AND t.question_id = s.question_id"
                        + " WHEN MATCHED THEN UPDATE SET repetitions = s.repetitions, interval_days = s.interval_days, ease = s.ease, due = s.due"
                        + " WHEN NOT MATCHED THEN INSERT (learner_id, question_id, repetitions, interval_days, ease, due)"
                        + " VALUES (s.learner_id, s.question_id, s.repetitions, s.interval_days, s.ease, s.due)",
                learnerId, questionId, card.repetitions(), card.intervalDays(), card.ease(), Date.valueOf(card.due()));
    }

    /** The ids of the learner's questions due on or before {@code day}, most overdue first. */
    public List<String> dueQuestions(String learnerId, LocalDate day) {
        return query("SELECT question_id FROM review_card WHERE learner_id = ? AND due <= ? ORDER BY due, question_id",
                rs -> rs.getString(1), learnerId, Date.valueOf(day));
    }

    private ExamSession readSession(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        Map<String, Set<Integer>> answers = new LinkedHashMap<>();
        Set<String> flagged = new HashSet<>();
        for (Object[] row : query("SELECT question_id, selected, flagged FROM exam_answer WHERE session_id = ?",
                r -> new Object[] {r.getString(1), r.getString(2), r.getBoolean(3)}, id)) {
            answers.put((String) row[0], decode((String) row[1]));
            if ((Boolean) row[2]) {
                flagged.add((String) row[0]);
            }
        }
        Timestamp submitted = rs.getTimestamp(8);
        return new ExamSession(id, rs.getString(2), rs.getString(3), Arrays.asList(rs.getString(4).split(",")),
                fromJson(rs.getString(5)), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                submitted == null ? null : submitted.toInstant(), answers, flagged);
    }

    static String encode(Set<Integer> selected) {
        return new TreeSet<>(selected).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static Set<Integer> decode(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String toJson(Map<String, List<Integer>> orders) {
        try {
            return JSON.writeValueAsString(orders);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<Integer>> fromJson(String text) {
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, List<Integer>>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable option order in an exam session", e);
        }
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, RowReader<T> reader, Object... params) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("quiz database query failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("quiz database update failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }
}
