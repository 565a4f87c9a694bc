package org.ecslabs.app.quiz;

import org.ecslabs.app.content.ExamDomain;

/**
 * What plain-text banks (GIFT, Aiken) do not say about their questions and our format needs:
 * the topic, the lesson, the exam domain, the difficulty, and a prefix for generated ids.
 */
public record ImportDefaults(String idPrefix, String topic, String lesson, ExamDomain domain, String difficulty) {
    /** Said where an imported bank gives no feedback for an option. */
    static final String NO_FEEDBACK_RIGHT = "This is a correct answer (the imported bank gives no explanation).";
    static final String NO_FEEDBACK_WRONG = "This is not a correct answer (the imported bank gives no explanation).";

    String id(int number) {
        return idPrefix + "-" + number;
    }
}
