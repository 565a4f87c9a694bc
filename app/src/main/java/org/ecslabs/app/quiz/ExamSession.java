package org.ecslabs.app.quiz;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One timed exam as stored: the drawn questions in order, each question's shuffled option order,
 * the fixed deadline, the answers and flags so far, and the result once submitted.
 */
public record ExamSession(String id, String learnerId, String blueprintId, List<String> questionIds,
                          Map<String, List<Integer>> optionOrders, Instant startedAt, Instant deadline,
                          Instant submittedAt, Map<String, Set<Integer>> answers, Set<String> flagged) {

    public boolean submitted() {
        return submittedAt != null;
    }

    public boolean expired(Instant now) {
        return !now.isBefore(deadline);
    }

    public long secondsLeft(Instant now) {
        return Math.max(0, Duration.between(now, deadline).getSeconds());
    }

    public int answeredCount() {
        return (int) questionIds.stream().filter(id -> !answers.getOrDefault(id, Set.of()).isEmpty()).count();
    }
}
