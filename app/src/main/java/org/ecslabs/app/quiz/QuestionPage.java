package org.ecslabs.app.quiz;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.app.web.Frame;

/**
 * The model of a practice or review question: the question to answer, or after an answer the
 * same question with feedback on every option.
 *
 * @param mode       "practice" or "review"
 * @param heading    what is being practised ("Task definitions", "Review")
 * @param status     a line such as "Question 3 of 12 in this topic"
 * @param question   null when there is nothing to ask (an empty review queue)
 * @param feedback   null until the learner has answered
 * @param hidden     form fields that keep the practice scope (topic or domain)
 * @param action     where the answer form posts
 * @param nextUrl    the next question
 * @param error      a message for the learner (no option chosen), or null
 * @param emptyNote  shown when {@code question} is null
 */
public record QuestionPage(Frame frame, String mode, String heading, String status, RenderedQuestion question,
                           Feedback feedback, List<QuizViews.Link> teaching, Map<String, String> hidden, String action,
                           String nextUrl, String error, String emptyNote, String csrfToken) {

    /** What the learner chose and whether it was right. */
    public record Feedback(Set<Integer> selected, boolean correct) {
    }

    public boolean answered() {
        return feedback != null;
    }

    public boolean chose(int index) {
        return feedback != null && feedback.selected().contains(index);
    }
}
