package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.ecslabs.app.content.ContentSource;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.markdown.MarkdownFileException;
import org.ecslabs.simulator.testing.HandClock;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exam-only pool (quizzes/exam-pool/): practice never shows it, exams draw from it first and
 * a second attempt meets questions the first did not, over a course folder on disk and a real H2 database.
 */
class ExamPoolTest {
    private static final String EXAM = "---\ntitle: Drill\nquestions: 4\nminutes: 10\npassingScore: 700\n"
            + "domains: {secure: 50, cost: 50}\n---\nA drill of four.\n";

    @TempDir
    Path course;
    private QuestionBank bank;
    private QuizStore store;
    private ExamService exams;
    private PracticeService practice;
    private final HandClock clock = new HandClock(Instant.parse("2026-11-21T10:00:00Z"));

    /** A bank file of one topic with questions "<prefix>-secure-<n>" and "<prefix>-cost-<n>". */
    private static String bankFile(String prefix, int perDomain) {
        StringBuilder text = new StringBuilder("---\ntopic: clusters\ntitle: Clusters\nlesson: clusters\n---\n");
        for (String domain : List.of("secure", "cost")) {
            for (int i = 0; i < perDomain; i++) {
                text.append("\n## ").append(prefix).append('-').append(domain).append('-').append(i).append('\n')
                        .append("domain: ").append(domain).append("\ndifficulty: easy\n\nA question?\n\n")
                        .append("- [x] Right.\n  Explanation: Because.\n- [ ] Wrong.\n  Explanation: Because not.\n");
            }
        }
        return text.toString();
    }

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(course.resolve("quizzes/exam-pool"));
        Files.createDirectories(course.resolve("quizzes/exams"));
        Files.writeString(course.resolve("quizzes/clusters.md"), bankFile("p", 2));
        Files.writeString(course.resolve("quizzes/exam-pool/clusters.md"), bankFile("x", 4));
        Files.writeString(course.resolve("quizzes/exams/drill.md"), EXAM);
        bank = QuestionBank.load(ContentSource.directory(course));

        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        store = new QuizStore(dataSource);
        exams = new ExamService(bank, store, clock, new Random(7));
        practice = new PracticeService(bank, store, clock);
    }

    @Test
    void practiceNeverShowsAnExamOnlyQuestion() {
        assertThat(bank.byTopic("clusters")).extracting(Question::id).containsExactly("p-secure-0", "p-secure-1", "p-cost-0", "p-cost-1");
        assertThat(bank.byDomain(ExamDomain.SECURE)).extracting(Question::id).containsExactly("p-secure-0", "p-secure-1");
        assertThat(bank.examCandidates(ExamDomain.SECURE)).hasSize(6);
        assertThat(bank.practiceQuestion("x-secure-0")).isEmpty();
        assertThat(bank.byId("x-secure-0")).isPresent();
        assertThatThrownBy(() -> practice.answer("ann", "x-secure-0", Set.of(0), "practice"))
                .isInstanceOf(QuizException.class).hasMessageContaining("x-secure-0");
    }

    @Test
    void twoAttemptsMeetDisjointExamOnlyQuestionsAndTheThirdFallsBackToPractice() {
        Set<String> seen = new HashSet<>();
        for (int attempt = 1; attempt <= 2; attempt++) {
            ExamSession session = exams.start("ann", "drill");
            assertThat(session.questionIds()).as("attempt " + attempt).hasSize(4).allMatch(bank::isExamOnly);
            assertThat(session.questionIds()).as("attempt " + attempt + " repeats nothing").noneMatch(seen::contains);
            assertThat(session.questionIds()).filteredOn(id -> id.contains("secure")).hasSize(2);
            seen.addAll(session.questionIds());
            exams.submit(session.id(), "ann");
        }

        ExamSession third = exams.start("ann", "drill");
        assertThat(third.questionIds()).containsExactlyInAnyOrder("p-secure-0", "p-secure-1", "p-cost-0", "p-cost-1");

        ExamSession someoneElse = exams.start("bob", "drill");
        assertThat(someoneElse.questionIds()).allMatch(bank::isExamOnly);
    }

    @Test
    void anExamOnlyQuestionMissedInAnExamComesBackInReviewButNeverInPractice() {
        ExamSession first = exams.start("ann", "drill");
        exams.submit(first.id(), "ann");

        clock.advance(java.time.Duration.ofDays(1));
        assertThat(practice.due("ann")).extracting(Question::id).containsExactlyInAnyOrderElementsOf(first.questionIds());
        String missed = first.questionIds().get(0);
        assertThat(practice.answer("ann", missed, Set.of(0), "review").correct()).isTrue();
        assertThatThrownBy(() -> practice.answer("ann", missed, Set.of(0), "practice")).isInstanceOf(QuizException.class);
    }

    @Test
    void theStatsCountBothPoolsAndSayHowTheyDivide() {
        Map<String, Object> stats = bank.stats();
        assertThat(stats).containsEntry("total", 12).containsEntry("practice", 4).containsEntry("examOnly", 8);
        assertThat(stats.get("byDomain")).isEqualTo(Map.of("secure", 6, "resilient", 0, "performant", 0, "cost", 6));
        assertThat(stats.get("byTopic")).isEqualTo(Map.of("clusters", 12));
    }

    @Test
    void anIdUsedInBothPoolsIsRefusedWithWhereItWasFirstUsed() throws IOException {
        Files.writeString(course.resolve("quizzes/exam-pool/clusters.md"), bankFile("p", 1));
        assertThatThrownBy(() -> QuestionBank.load(ContentSource.directory(course)))
                .isInstanceOf(MarkdownFileException.class)
                .hasMessageContaining("quizzes/exam-pool/clusters.md")
                .hasMessageContaining("already used at quizzes/clusters.md");
    }
}
