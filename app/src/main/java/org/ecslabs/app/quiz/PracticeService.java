package org.ecslabs.app.quiz;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.app.content.ExamDomain;

/**
 * Practice and review: instant feedback with every option's explanation, the answer recorded,
 * the review schedule updated; what is due today; and the domains where a learner is weakest.
 */
public final class PracticeService {
    private final QuestionBank bank;
    private final QuizStore store;
    private final Clock clock;

    public PracticeService(QuestionBank bank, QuizStore store, Clock clock) {
        this.bank = bank;
        this.store = store;
        this.clock = clock;
    }

    /** What the learner sees after answering. */
    public record Feedback(Question question, Set<Integer> selected, boolean correct) {
    }

    /** How the learner does in one domain, over all recorded answers. */
    public record DomainStanding(ExamDomain domain, int answered, int correct) {
        public int percent() {
            return answered == 0 ? 0 : (int) Math.round(100.0 * correct / answered);
        }
    }

    /** @param mode "practice" or "review" */
    public Feedback answer(String learnerId, String questionId, Set<Integer> selected, String mode) {
        Question question = bank.questionFor(mode, questionId)
                .orElseThrow(() -> new QuizException(QuizException.Kind.NOT_FOUND, "No question called '" + questionId + "'."));
        if (selected.isEmpty()) {
            throw new QuizException(QuizException.Kind.BAD_INPUT, "Choose an answer first.");
        }
        if (selected.stream().anyMatch(i -> i < 0 || i >= question.options().size())) {
            throw new QuizException(QuizException.Kind.BAD_INPUT, "An answer names an option the question does not have.");
        }
        boolean right = question.isCorrect(selected);
        store.recordResponse(learnerId, questionId, mode, selected, right, clock.instant());
        ReviewSchedule.afterAnswer(store, learnerId, questionId, right, today());
        return new Feedback(question, selected, right);
    }

    /** The questions due for review today, most overdue first. */
    public List<Question> due(String learnerId) {
        return store.dueQuestions(learnerId, today()).stream()
                .flatMap(id -> bank.byId(id).stream())
                .toList();
    }

    /**
     * Every domain the learner has answered in, weakest first (ties: fewer answers first), so the
     * page can recommend the lessons and labs of the first ones.
     */
    public List<DomainStanding> standings(String learnerId) {
        Map<ExamDomain, int[]> tally = new EnumMap<>(ExamDomain.class);
        for (QuizStore.Response response : store.responses(learnerId)) {
            bank.byId(response.questionId()).ifPresent(question -> {
                int[] counts = tally.computeIfAbsent(question.domain(), d -> new int[2]);
                counts[0]++;
                if (response.correct()) {
                    counts[1]++;
                }
            });
        }
        List<DomainStanding> standings = new ArrayList<>();
        tally.forEach((domain, counts) -> standings.add(new DomainStanding(domain, counts[0], counts[1])));
        standings.sort(Comparator.comparingInt(DomainStanding::percent).thenComparingInt(DomainStanding::answered));
        return standings;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
