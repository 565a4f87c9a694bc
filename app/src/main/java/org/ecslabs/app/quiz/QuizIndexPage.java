package org.ecslabs.app.quiz;

import java.time.LocalDate;
import java.util.List;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.web.Frame;

/**
 * The model of /quizzes: what to practise, the exams, the review queue, past results and the
 * learner's weak areas.
 *
 * @param weakAreas the weakest domains first; empty until the learner has answered something
 */
public record QuizIndexPage(Frame frame, int total, List<TopicRow> topics, List<DomainRow> domains,
                            List<ExamSummary> exams, int dueCount, List<RunningExam> running, List<ResultRow> results,
                            List<WeakArea> weakAreas) {

    public record TopicRow(String id, String title, int count) {
    }

    public record DomainRow(ExamDomain domain, int count) {
    }

    /** An exam that is still running, to resume. */
    public record RunningExam(String examTitle, int answered, int total, long minutesLeft, String url) {
    }

    /** A finished exam. */
    public record ResultRow(String examTitle, LocalDate date, int scaledScore, boolean passed, int correct, int total,
                            String url) {
    }

    /** A domain where the learner scores low, with what to study. */
    public record WeakArea(ExamDomain domain, int percent, int answered, List<QuizViews.Link> lessons,
                           List<QuizViews.Link> labs) {
    }
}
