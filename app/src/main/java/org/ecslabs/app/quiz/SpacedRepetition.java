package org.ecslabs.app.quiz;

import java.time.LocalDate;

/**
 * The SM-2 algorithm (Wozniak, 1990) for when a missed question comes back: each review grades
 * recall from 0 to 5; a lapse starts the card over with a one-day interval, a success grows the
 * interval by the card's ease factor, which itself adapts to how hard the card has been.
 */
public final class SpacedRepetition {
    /** The grade for a right answer and for a wrong one, as the app records them. */
    public static final int GRADE_RIGHT = 4;
    public static final int GRADE_WRONG = 1;
    public static final double INITIAL_EASE = 2.5;
    private static final double MIN_EASE = 1.3;

    private SpacedRepetition() {
    }

    /** One question's schedule for one learner. */
    public record Card(int repetitions, int intervalDays, double ease, LocalDate due) {
        public static Card fresh(LocalDate today) {
            return new Card(0, 0, INITIAL_EASE, today);
        }

        public boolean isDue(LocalDate today) {
            return !due.isAfter(today);
        }
    }

    /** The card after a review graded {@code grade} (0 to 5) on {@code today}. */
    public static Card review(Card card, int grade, LocalDate today) {
        if (grade < 0 || grade > 5) {
            throw new IllegalArgumentException("grade must be 0 to 5, was " + grade);
        }
        double ease = Math.max(MIN_EASE, card.ease() + 0.1 - (5 - grade) * (0.08 + (5 - grade) * 0.02));
        if (grade < 3) {
            return new Card(0, 1, ease, today.plusDays(1));
        }
        int interval = switch (card.repetitions()) {
            case 0 -> 1;
            case 1 -> 6;
            default -> (int) Math.round(card.intervalDays() * ease);
        };
        return new Card(card.repetitions() + 1, interval, ease, today.plusDays(interval));
    }
}
