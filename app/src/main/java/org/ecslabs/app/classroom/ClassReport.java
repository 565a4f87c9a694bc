package org.ecslabs.app.classroom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.lab.LabResults;
import org.ecslabs.app.lesson.ProgressStore;
import org.ecslabs.app.quiz.Question;
import org.ecslabs.app.quiz.QuestionBank;
import org.ecslabs.app.quiz.QuizStore;

/**
 * A class's grades, one row per student, from what each learner's own records say: lessons marked
 * complete, the latest whole-lab check run of each lab, the best exam scaled score and the share of
 * quiz answers right per exam domain. The same rows feed the JSON report and the CSV.
 */
public final class ClassReport {

    /**
     * One student's row.
     *
     * @param checksTotal   the checks in the latest whole-lab runs {@code checksPassed} counts from
     * @param bestExamScore the best scaled score (100-1000) of a finished exam, or null
     * @param domains       exam domain id to the percentage of quiz answers right, for domains answered
     * @param lastActive    ISO-8601, or null
     */
    public record Row(String username, String name, int lessonsCompleted, int labsCompleted, int checksPassed,
                      int checksTotal, Integer bestExamScore, Map<String, Integer> domains, String lastActive) {
    }

    private final ProgressStore progress;
    private final LabResults labs;
    private final QuizStore quizzes;
    private final QuestionBank bank;

    ClassReport(ProgressStore progress, LabResults labs, QuizStore quizzes, QuestionBank bank) {
        this.progress = progress;
        this.labs = labs;
        this.quizzes = quizzes;
        this.bank = bank;
    }

    List<Row> rows(List<Classes.Member> members) {
        return members.stream().filter(member -> member.user().role() == Role.STUDENT).map(member -> row(member.user()))
                .toList();
    }

    Row row(User student) {
        String learner = student.learnerId();
        Map<String, LabResults.StoredRun> latest = labs.latestByLab(learner);
        int labsCompleted = (int) latest.values().stream().filter(run -> run.run().complete()).count();
        int checksPassed = latest.values().stream().mapToInt(run -> run.run().passed()).sum();
        int checksTotal = latest.values().stream().mapToInt(run -> run.run().total()).sum();
        OptionalInt best = quizzes.results(learner, Integer.MAX_VALUE).stream()
                .mapToInt(QuizStore.ExamResult::scaledScore).max();
        Instant lastActive = student.lastActive();
        return new Row(student.username(), student.name(), progress.completed(learner).size(), labsCompleted,
                checksPassed, checksTotal, best.isPresent() ? best.getAsInt() : null, domains(learner),
                lastActive == null ? null : lastActive.toString());
    }

    private Map<String, Integer> domains(String learner) {
        Map<ExamDomain, int[]> counts = new LinkedHashMap<>();
        for (QuizStore.Response response : quizzes.responses(learner)) {
            Optional<ExamDomain> domain = bank.byId(response.questionId()).map(Question::domain);
            domain.ifPresent(found -> {
                int[] count = counts.computeIfAbsent(found, key -> new int[2]);
                count[0] += response.correct() ? 1 : 0;
                count[1]++;
            });
        }
        Map<String, Integer> percent = new LinkedHashMap<>();
        for (ExamDomain domain : ExamDomain.values()) {
            int[] count = counts.get(domain);
            if (count != null) {
                percent.put(domain.id(), Math.round(100f * count[0] / count[1]));
            }
        }
        return percent;
    }

    /** The rows as CSV (RFC 4180) with a header row; cells a spreadsheet would run as a formula are defused. */
    static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("username", "name", "lessonsCompleted", "labsCompleted",
                "checksPassed", "bestExamScore"));
        for (ExamDomain domain : ExamDomain.values()) {
            header.add("domain:" + domain.id());
        }
        header.add("lastActive");
        line(out, header);
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.username(), row.name(),
                    String.valueOf(row.lessonsCompleted()), String.valueOf(row.labsCompleted()),
                    String.valueOf(row.checksPassed()), row.bestExamScore() == null ? "" : row.bestExamScore().toString()));
            for (ExamDomain domain : ExamDomain.values()) {
                Integer value = row.domains().get(domain.id());
                cells.add(value == null ? "" : value.toString());
            }
            cells.add(row.lastActive() == null ? "" : row.lastActive());
            line(out, cells);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** Quotes every cell; text starting with = + - @ (or a tab or CR) gets a leading ' so it stays text (OWASP CSV injection). */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
