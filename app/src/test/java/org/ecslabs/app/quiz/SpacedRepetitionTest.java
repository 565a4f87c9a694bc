package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SpacedRepetitionTest {
    private static final LocalDate DAY_ONE = LocalDate.of(2026, 11, 21);

    @Test
    void aMissedQuestionComesBackTomorrowNotToday() {
        SpacedRepetition.Card card = SpacedRepetition.review(SpacedRepetition.Card.fresh(DAY_ONE), SpacedRepetition.GRADE_WRONG, DAY_ONE);
        assertThat(card.due()).isEqualTo(DAY_ONE.plusDays(1));
        assertThat(card.isDue(DAY_ONE)).isFalse();
        assertThat(card.isDue(DAY_ONE.plusDays(1))).isTrue();
        assertThat(card.ease()).isLessThan(SpacedRepetition.INITIAL_EASE);
    }

    @Test
    void rightAnswersSpreadTheReviewsOut() {
        SpacedRepetition.Card card = SpacedRepetition.Card.fresh(DAY_ONE);
        card = SpacedRepetition.review(card, 4, DAY_ONE);
        assertThat(card.intervalDays()).isEqualTo(1);
        card = SpacedRepetition.review(card, 4, card.due());
        assertThat(card.intervalDays()).isEqualTo(6);
        LocalDate third = card.due();
        card = SpacedRepetition.review(card, 4, third);
        assertThat(card.intervalDays()).isEqualTo(15);
        assertThat(card.due()).isEqualTo(third.plusDays(15));
    }

    @Test
    void aLapseStartsOverAndEaseNeverFallsBelowTheFloor() {
        SpacedRepetition.Card card = new SpacedRepetition.Card(5, 40, 1.35, DAY_ONE);
        card = SpacedRepetition.review(card, 0, DAY_ONE);
        assertThat(card.repetitions()).isZero();
        assertThat(card.intervalDays()).isEqualTo(1);
        assertThat(card.ease()).isEqualTo(1.3);
    }
}
