package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.simulator.testing.HandClock;
import org.ecslabs.simulator.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exams, practice and review over a real H2 database with the real migrations, on a clock the test moves. */
class QuizServicesTest {
    private final HandClock clock = new HandClock(Instant.parse("2026-11-21T10:00:00Z"));
    private QuestionBank bank;
    private QuizStore store;
    private ExamService exams;
    private PracticeService practice;

    @BeforeEach
    void setUp() {
        DataSource dataSource = TestDatabases.freshDataSource();
        Flyway.configure().dataSource(dataSource).load().migrate();
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            questions.add(question("sec-" + i, ExamDomain.SECURE));
            questions.add(question("cost-" + i, ExamDomain.COST));
        }
        String shortExam = "---\ntitle: Short\nquestions: 4\nminutes: 10\npassingScore: 720\ndomains: {secure: 50, cost: 50}\n---\nA drill.\n";
        bank = QuestionBank.load(List.of(), List.of(new QuestionBank.SourceFile("quizzes/exams/short.md", shortExam))).with(questions);
        store = new QuizStore(dataSource);
        exams = new ExamService(bank, store, clock, new Random(3));
        practice = new PracticeService(bank, store, clock);
    }

    private static Question question(String id, ExamDomain domain) {
        return new Question(id, "topic", "lesson", "", domain, "easy", "Stem of " + id,
                List.of(new Question.Option("right", true, "because"), new Question.Option("wrong", false, "because not")), "f:1");
    }

    @Test
    void anExamRunsAnswersPersistAndTheResultHasADomainBreakdown() {
        ExamSession session = exams.start("ann", "short");
        assertThat(session.questionIds()).hasSize(4).doesNotHaveDuplicates();
        assertThat(session.secondsLeft(clock.instant())).isEqualTo(600);

        List<String> ids = session.questionIds();
        exams.answer(session.id(), "ann", ids.get(0), Set.of(0), false);
        exams.answer(session.id(), "ann", ids.get(1), Set.of(1), true);
        exams.answer(session.id(), "ann", ids.get(2), Set.of(0), false);
        clock.advance(Duration.ofMinutes(3));

        ExamSession resumed = exams.session(session.id(), "ann");
        assertThat(resumed.answeredCount()).isEqualTo(3);
        assertThat(resumed.flagged()).containsExactly(ids.get(1));
        assertThat(resumed.secondsLeft(clock.instant())).isEqualTo(420);
        assertThat(resumed.optionOrders()).isEqualTo(session.optionOrders());

        ExamService.Report report = exams.submit(session.id(), "ann");
        assertThat(report.result().correct()).isEqualTo(2);
        assertThat(report.result().scaledScore()).isEqualTo(550);
        assertThat(report.result().passed()).isFalse();
        assertThat(report.result().byDomain().values()).extracting(Scoring.DomainScore::total).containsOnly(2);
        assertThat(report.items()).hasSize(4);
        assertThat(report.items().get(1).flagged()).isTrue();
        assertThat(report.items().get(3).selected()).isEmpty();
    }

    @Test
    void afterTheTimeIsUpTheExamSubmitsItselfAndRefusesAnswers() {
        ExamSession session = exams.start("ann", "short");
        exams.answer(session.id(), "ann", session.questionIds().get(0), Set.of(0), false);
        clock.advance(Duration.ofMinutes(11));

        ExamSession over = exams.session(session.id(), "ann");
        assertThat(over.submitted()).isTrue();
        assertThat(over.submittedAt()).isEqualTo(session.deadline());
        assertThatThrownBy(() -> exams.answer(session.id(), "ann", session.questionIds().get(1), Set.of(0), false))
                .isInstanceOf(QuizException.class).hasMessageContaining("over");
        assertThat(exams.report(session.id(), "ann").result().correct()).isEqualTo(1);
    }

    @Test
    void anotherLearnerCannotSeeOrAnswerAnExam() {
        ExamSession session = exams.start("ann", "short");
        assertThatThrownBy(() -> exams.session(session.id(), "bob"))
                .isInstanceOf(QuizException.class)
                .satisfies(e -> assertThat(((QuizException) e).kind()).isEqualTo(QuizException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> exams.answer(session.id(), "ann", "not-in-exam", Set.of(0), false))
                .hasMessageContaining("not part of this exam");
    }

    @Test
    void missedExamQuestionsAreDueTomorrowAndLeaveTheQueueWhenAnsweredRight() {
        ExamSession session = exams.start("ann", "short");
        for (String id : session.questionIds()) {
            exams.answer(session.id(), "ann", id, Set.of(1), false);
        }
        exams.submit(session.id(), "ann");

        assertThat(practice.due("ann")).isEmpty();
        clock.advance(Duration.ofDays(1));
        List<Question> due = practice.due("ann");
        assertThat(due).extracting(Question::id).containsExactlyInAnyOrderElementsOf(session.questionIds());

        PracticeService.Feedback feedback = practice.answer("ann", due.get(0).id(), Set.of(0), "review");
        assertThat(feedback.correct()).isTrue();
        assertThat(practice.due("ann")).hasSize(3);
        assertThat(practice.due("bob")).isEmpty();
    }

    @Test
    void practiceGivesFeedbackAndWeakAreasRankDomainsByScore() {
        assertThat(practice.answer("ann", "sec-0", Set.of(1), "practice").correct()).isFalse();
        assertThat(practice.answer("ann", "sec-1", Set.of(0), "practice").correct()).isTrue();
        assertThat(practice.answer("ann", "cost-0", Set.of(0), "practice").correct()).isTrue();

        List<PracticeService.DomainStanding> standings = practice.standings("ann");
        assertThat(standings).extracting(PracticeService.DomainStanding::domain).containsExactly(ExamDomain.SECURE, ExamDomain.COST);
        assertThat(standings.get(0).percent()).isEqualTo(50);
        assertThat(store.responses("ann")).hasSize(3);
        assertThatThrownBy(() -> practice.answer("ann", "sec-0", Set.of(), "practice")).hasMessage("Choose an answer first.");
        assertThatThrownBy(() -> practice.answer("ann", "sec-0", Set.of(7), "practice")).hasMessageContaining("does not have");
    }
}
