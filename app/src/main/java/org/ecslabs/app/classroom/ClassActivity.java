package org.ecslabs.app.classroom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecslabs.app.lab.CheckResult;
import org.ecslabs.app.lab.LabResults;
import org.ecslabs.app.quiz.QuizStore;

/**
 * What the instructor's dashboard shows beside the grades: each student's stored lab check runs
 * (whole lab and per step, with the messages they saw), their finished exams, and which checks
 * fail for the most students of a class.
 */
public final class ClassActivity {
    /** How many runs a student's drill-down and the class's failing checks read per student. */
    static final int HISTORY = 200;

    /** A check and how many students' latest run of it failed, of how many who ran it. */
    public record FailingCheck(String lab, String checkId, String title, int failing, int tried) {
    }

    /** Where a student last checked: lab id and step (empty for the whole lab). */
    public record LastCheck(String lab, Optional<Integer> step, boolean passed) {
    }

    private final LabResults labs;
    private final QuizStore quizzes;

    ClassActivity(LabResults labs, QuizStore quizzes) {
        this.labs = labs;
        this.quizzes = quizzes;
    }

    List<LabResults.StoredRun> checkHistory(User student) {
        return labs.history(student.learnerId(), HISTORY);
    }

    List<QuizStore.ExamResult> exams(User student) {
        return quizzes.results(student.learnerId(), HISTORY);
    }

    Optional<LastCheck> lastCheck(User student) {
        return labs.history(student.learnerId(), 1).stream().findFirst()
                .map(run -> new LastCheck(run.run().lab(), run.step(), run.run().passed() == run.run().total()));
    }

    /** The checks failing for the most students now (each student's latest outcome of each check), most first. */
    List<FailingCheck> failingChecks(List<User> students, int limit) {
        Map<String, int[]> counts = new HashMap<>();
        Map<String, FailingCheck> names = new LinkedHashMap<>();
        for (User student : students) {
            Map<String, Boolean> latest = new HashMap<>();
            for (LabResults.StoredRun run : checkHistory(student)) {
                for (CheckResult check : run.run().checks()) {
                    String key = run.run().lab() + "\n" + check.id();
                    // History is newest first: the first outcome seen is the latest.
                    latest.putIfAbsent(key, check.passed());
                    names.putIfAbsent(key, new FailingCheck(run.run().lab(), check.id(), check.title(), 0, 0));
                }
            }
            latest.forEach((key, passed) -> {
                int[] count = counts.computeIfAbsent(key, ignored -> new int[2]);
                count[0] += passed ? 0 : 1;
                count[1]++;
            });
        }
        List<FailingCheck> failing = new ArrayList<>();
        counts.forEach((key, count) -> {
            if (count[0] > 0) {
                FailingCheck name = names.get(key);
                failing.add(new FailingCheck(name.lab(), name.checkId(), name.title(), count[0], count[1]));
            }
        });
        failing.sort(Comparator.comparingInt(FailingCheck::failing).reversed()
                .thenComparing(FailingCheck::lab).thenComparing(FailingCheck::checkId));
        return failing.size() > limit ? failing.subList(0, limit) : failing;
    }
}
