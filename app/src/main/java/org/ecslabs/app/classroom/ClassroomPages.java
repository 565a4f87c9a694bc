package org.ecslabs.app.classroom;

import java.util.List;
import org.ecslabs.app.lab.LabResults;
import org.ecslabs.app.quiz.QuizStore;
import org.ecslabs.app.web.Frame;

/** The page models of the classroom's pages (one record per page, as the templates take). */
public final class ClassroomPages {

    private ClassroomPages() {
    }

    /** Sign-in; {@code next} is where to go afterwards (a local path), {@code error} the one generic message or null. */
    public record SignInPage(Frame frame, String csrfToken, String next, String username, String error) {
    }

    /** Joining a class with its code. */
    public record JoinPage(Frame frame, String csrfToken, String code, String name, String username, String error) {
    }

    /** The first admin, from the one-time set-up link. */
    public record SetupPage(Frame frame, String csrfToken, String token, String error) {
    }

    /** The signed-in person's account: who they are, their classes, their password. */
    public record AccountPage(Frame frame, String csrfToken, User user, List<Classes.ClassInfo> classes, String message,
                              String error) {
    }

    /** A class as its instructor's list shows it. */
    public record ClassLink(Classes.ClassInfo info, String joinUrl, int students) {
    }

    /** The classes an instructor teaches (or a student is in), and the form to create one. */
    public record ClassesPage(Frame frame, String csrfToken, User user, List<ClassLink> classes, String error) {
    }

    /**
     * One class: join code and link, its roster, and the dashboard: the students shown ({@code lines}, filtered by
     * {@code query} and sorted), the column headers that sort, and the checks failing most.
     */
    public record ClassPage(Frame frame, String csrfToken, ClassLink link, List<Classes.Member> members, String message,
                            String query, List<Dashboard.Column> columns, List<Dashboard.Line> lines,
                            List<ClassActivity.FailingCheck> failing) {
    }

    /** One student of a class for its instructor: grades row, lab check history, finished exams. */
    public record StudentPage(Frame frame, Classes.ClassInfo info, User student, ClassReport.Row row,
                              List<LabResults.StoredRun> runs, List<QuizStore.ExamResult> exams) {
    }

    /** The admin's list of instructors and the form to add one. */
    public record InstructorsPage(Frame frame, String csrfToken, List<User> instructors, String message, String error) {
    }
}
