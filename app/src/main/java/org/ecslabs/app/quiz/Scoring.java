package org.ecslabs.app.quiz;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.app.content.ExamDomain;

/**
 * Scores a finished exam: right only when exactly the correct options are chosen, a scaled score
 * from 100 to 1000, pass or fail, and the breakdown by domain.
 *
 * AWS does not publish its scaling (it equates forms of different difficulty); a linear map of the
 * share of right answers onto 100..1000 is the honest approximation for practice.
 */
public final class Scoring {
    private Scoring() {
    }

    /** How a learner did in one domain. */
    public record DomainScore(ExamDomain domain, int correct, int total) {
        public int percent() {
            return total == 0 ? 0 : (int) Math.round(100.0 * correct / total);
        }
    }

    public record Result(int correct, int total, int scaledScore, boolean passed, Map<ExamDomain, DomainScore> byDomain) {
    }

    public static int scaled(int correct, int total) {
        if (total == 0) {
            return ExamBlueprint.MIN_SCORE;
        }
        int range = ExamBlueprint.MAX_SCORE - ExamBlueprint.MIN_SCORE;
        return ExamBlueprint.MIN_SCORE + (int) Math.round((double) range * correct / total);
    }

    /**
     * @param answers question id to the selected option indexes (in the question's own order);
     *                an unanswered question counts as wrong
     */
    public static Result score(List<Question> questions, Map<String, Set<Integer>> answers, int passingScore) {
        Map<ExamDomain, int[]> tally = new EnumMap<>(ExamDomain.class);
        int correct = 0;
        for (Question question : questions) {
            boolean right = question.isCorrect(answers.getOrDefault(question.id(), Set.of()));
            int[] counts = tally.computeIfAbsent(question.domain(), d -> new int[2]);
            counts[1]++;
            if (right) {
                counts[0]++;
                correct++;
            }
        }
        Map<ExamDomain, DomainScore> byDomain = new EnumMap<>(ExamDomain.class);
        tally.forEach((domain, counts) -> byDomain.put(domain, new DomainScore(domain, counts[0], counts[1])));
        int scaled = scaled(correct, questions.size());
        return new Result(correct, questions.size(), scaled, scaled >= passingScore, byDomain);
    }
}
