package org.ecslabs.app.quiz;

import java.time.LocalDate;
import java.util.Optional;

/** Keeps each learner's review cards: a miss schedules the question, a later right answer spaces it out. */
final class ReviewSchedule {
    private ReviewSchedule() {
    }

    static void afterAnswer(QuizStore store, String learnerId, String questionId, boolean right, LocalDate today) {
        Optional<SpacedRepetition.Card> card = store.card(learnerId, questionId);
        if (right && card.isEmpty()) {
            return;
        }
        SpacedRepetition.Card current = card.orElse(SpacedRepetition.Card.fresh(today));
        int grade = right ? SpacedRepetition.GRADE_RIGHT : SpacedRepetition.GRADE_WRONG;
        store.saveCard(learnerId, questionId, SpacedRepetition.review(current, grade, today));
    }
}
