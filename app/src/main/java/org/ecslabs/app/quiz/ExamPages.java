package org.ecslabs.app.quiz;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.web.Frame;

/** The page models of the exam pages, one record per template. */
public final class ExamPages {
    private ExamPages() {
    }

    /** /exams. */
    public record ListPage(Frame frame, List<ExamSummary> exams) {
    }

    /** A domain's share of an exam. */
    public record Weight(ExamDomain domain, int percent, int questions) {
    }

    /**
     * /exams/{id}: the blueprint and the "Start exam" form.
     *
     * @param resumeUrl the learner's running session of this exam, or null
     */
    public record BlueprintPage(Frame frame, ExamBlueprint blueprint, String descriptionHtml, List<Weight> weights,
                                String resumeUrl, String csrfToken) {
    }

    /** One button of the question navigator. */
    public record NavItem(int number, boolean answered, boolean flagged, boolean current) {
        public String label() {
            return "Question " + number + (answered ? ", answered" : ", not answered") + (flagged ? ", flagged" : "")
                    + (current ? " (this question)" : "");
        }
    }

    /**
     * /exams/session/{id}/q/{n}.
     *
     * @param options     the options in this session's shuffled order
     * @param secondsLeft computed by the server; the page's script only counts it down
     */
    public record QuestionPage(Frame frame, String sessionId, String examTitle, int number, int total,
                               RenderedQuestion question, List<RenderedQuestion.Option> options, Set<Integer> selected,
                               boolean flagged, long secondsLeft, List<NavItem> navigator, int answered, int flaggedCount,
                               String csrfToken) {
        public boolean chose(int index) {
            return selected.contains(index);
        }

        public String timeLeft() {
            return ExamPages.clock(secondsLeft);
        }

        public String action() {
            return "/exams/session/" + sessionId + "/q/" + number;
        }
    }

    /** /exams/session/{id}/finish: the confirmation before submitting. */
    public record FinishPage(Frame frame, String sessionId, String examTitle, int total, List<NavItem> unanswered,
                             List<NavItem> flagged, long secondsLeft, String csrfToken) {
        public String timeLeft() {
            return ExamPages.clock(secondsLeft);
        }
    }

    /** A domain's result, for the bars. */
    public record DomainResult(ExamDomain domain, int correct, int total, int percent) {
    }

    /** One question of the review after the exam. */
    public record ReviewItem(int number, RenderedQuestion question, List<RenderedQuestion.Option> options,
                             Set<Integer> selected, boolean correct, boolean flagged, List<QuizViews.Link> teaching) {
        public boolean chose(int index) {
            return selected.contains(index);
        }

        public boolean unanswered() {
            return selected.isEmpty();
        }
    }

    /** /exams/session/{id}/result. */
    public record ResultPage(Frame frame, ExamBlueprint blueprint, Scoring.Result result, Instant submittedAt,
                             boolean timedOut, List<DomainResult> domains, List<ReviewItem> items) {
    }

    /** Seconds as h:mm:ss or m:ss. */
    static String clock(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, rest) : String.format("%d:%02d", minutes, rest);
    }
}
