package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.app.quiz.QuizTestApp.questionId;
import static org.ecslabs.app.quiz.QuizTestApp.values;
import static org.ecslabs.app.quiz.QuizTestApp.wrong;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.lesson.Lesson;
import org.ecslabs.simulator.testing.HandClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quiz index, practice, review, the home page's review count and the stats API, over HTTP. */
class QuizPagesTest {
    @TempDir
    Path dataDir;
    private final HandClock clock = new HandClock(Instant.parse("2026-11-21T10:00:00Z"));
    private AppContext context;
    private QuestionBank bank;

    @BeforeEach
    void open() {
        context = QuizTestApp.context(dataDir, clock);
        bank = context.quizzes();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private void test(TestBody body) {
        JavalinTest.test(App.create(context), (server, client) -> body.run(new QuizTestApp.FormClient(client.getOrigin())));
    }

    private interface TestBody {
        void run(QuizTestApp.FormClient browser) throws Exception;
    }

    private static Map<String, List<String>> answer(String questionId, List<String> options, String scopeName, String scope) {
        return scopeName == null ? Map.of("question", List.of(questionId), "option", options)
                : Map.of("question", List.of(questionId), "option", options, scopeName, List.of(scope));
    }

    @Test
    void theIndexListsTopicsDomainsExamsAndTheReviewQueue() {
        test(browser -> {
            HttpResponse<String> page = browser.get("/quizzes");

            assertThat(page.statusCode()).isEqualTo(200);
            String html = page.body();
            assertThat(html).contains("Task definitions").contains("href=\"/quizzes/practice?topic=task-definitions\"")
                    .contains(">Practice</a>");
            assertThat(html).contains(bank.byTopic("task-definitions").size() + " questions");
            // Topics follow the course: the first lesson's topic comes before the last one's.
            assertThat(html.indexOf("?topic=what-is-ecs\"")).isPositive().isLessThan(html.indexOf("?topic=limits\""));
            for (ExamDomain domain : ExamDomain.values()) {
                assertThat(html).contains("href=\"/quizzes/practice?domain=" + domain.id() + "\"")
                        .contains(bank.byDomain(domain).size() + " questions · " + domain.weight() + "% of the exam");
            }
            assertThat(html).contains("href=\"/exams/associate-full\"").contains("href=\"/exams/quick-check\"")
                    .contains("65 questions · 130 minutes");
            assertThat(html).contains("Due for review today: <strong>0</strong>").contains("No finished exams yet.");
            assertThat(browser.get("/").body()).contains("0 questions due for review today");
        });
    }

    @Test
    void aRightAnswerShowsEveryOptionsExplanationAndTheLessonAndLabThatTeachIt() {
        test(browser -> {
            HttpResponse<String> page = browser.get("/quizzes/practice?topic=task-definitions");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Check answer").contains("type=\"radio\" name=\"option\"");
            String id = questionId(page.body());
            Question question = bank.byId(id).orElseThrow();
            assertThat(question.topic()).isEqualTo("task-definitions");
            // The learner sees no explanation before answering.
            assertThat(page.body()).doesNotContain("class=\"explanation\"");

            HttpResponse<String> feedback = browser.post("/quizzes/practice",
                    answer(id, values(question.correctIndexes()), "topic", "task-definitions"));

            assertThat(feedback.statusCode()).isEqualTo(200);
            String html = feedback.body();
            assertThat(html).contains("✓ Right.");
            RenderedQuestion rendered = new QuizViews(context.markdown(), context.lessons(), context.labs()).render(question);
            for (RenderedQuestion.Option option : rendered.options()) {
                assertThat(html).contains(option.explanationHtml());
            }
            assertThat(html.split("class=\"option-mark\">Correct<", -1)).hasSize(question.correctIndexes().size() + 1);
            assertThat(html.split("class=\"option-mark\">Incorrect<", -1))
                    .hasSize(question.options().size() - question.correctIndexes().size() + 1);
            assertThat(html).contains("href=\"/lessons/task-definitions\"");
            if (question.lab().equals(QuizTestApp.KNOWN_LAB)) {
                assertThat(html).contains("href=\"/labs/" + QuizTestApp.KNOWN_LAB + "\"");
            }
            assertThat(html).contains("href=\"/quizzes/practice?topic=task-definitions\" id=\"next-question\"");

            // "Next question" moves on to a question not answered yet.
            String next = questionId(browser.get("/quizzes/practice?topic=task-definitions").body());
            assertThat(next).isNotEqualTo(id);
            assertThat(bank.byId(next).orElseThrow().topic()).isEqualTo("task-definitions");
        });
    }

    @Test
    void aLabLinkShowsOnlyForALabThatExists() {
        Question withLab = bank.all().stream().filter(q -> q.lab().equals(QuizTestApp.KNOWN_LAB)).findFirst().orElseThrow();
        Question otherLab = bank.all().stream().filter(q -> !q.lab().isBlank() && !q.lab().equals(QuizTestApp.KNOWN_LAB))
                .findFirst().orElseThrow();
        test(browser -> {
            browser.get("/quizzes/practice?topic=" + withLab.topic() + "&q=" + withLab.id());
            String html = browser.post("/quizzes/practice", answer(withLab.id(), values(withLab.correctIndexes()), "topic",
                    withLab.topic())).body();
            assertThat(html).contains("href=\"/labs/" + QuizTestApp.KNOWN_LAB + "\">Logging and secrets lab</a>");

            String other = browser.post("/quizzes/practice", answer(otherLab.id(), values(otherLab.correctIndexes()), "topic",
                    otherLab.topic())).body();
            assertThat(other).doesNotContain("href=\"/labs/");
        });
    }

    @Test
    void aWrongAnswerIsMarkedComesBackForReviewTomorrowAndShowsAsAWeakArea() {
        Question question = bank.byTopic("security").get(0);
        test(browser -> {
            browser.get("/quizzes/practice?topic=security&q=" + question.id());
            String html = browser.post("/quizzes/practice", answer(question.id(), values(wrong(question)), "topic", "security"))
                    .body();

            assertThat(html).contains("✗ Not quite.").contains("class=\"option-chosen\">Your answer<");
            assertThat(html).contains("href=\"/lessons/" + question.lesson() + "\"");
            assertThat(browser.get("/quizzes").body()).contains("Due for review today: <strong>0</strong>");

            String index = browser.get("/quizzes").body();
            assertThat(index).contains("id=\"weak-areas\"").contains("0% right over 1 answer");
            for (Lesson lesson : context.lessons().all().stream()
                    .filter(lesson -> lesson.domains().contains(question.domain())).limit(1).toList()) {
                assertThat(index).contains("href=\"/lessons/" + lesson.slug() + "\"");
            }

            // Labs are recommended only when they exist: here only the one the test registers.
            List<String> domainLabs = bank.byDomain(question.domain()).stream().map(Question::lab)
                    .filter(lab -> !lab.isBlank()).distinct().toList();
            for (String lab : domainLabs) {
                if (lab.equals(QuizTestApp.KNOWN_LAB)) {
                    assertThat(index).contains("href=\"/labs/" + lab + "\"");
                } else {
                    assertThat(index).doesNotContain("href=\"/labs/" + lab + "\"");
                }
            }

            clock.advance(Duration.ofDays(1));
            assertThat(browser.get("/quizzes").body()).contains("Due for review today: <strong>1</strong>")
                    .contains("href=\"/quizzes/review\"");
            assertThat(browser.get("/").body()).contains("1 question due for review today");

            HttpResponse<String> review = browser.get("/quizzes/review");
            assertThat(review.statusCode()).isEqualTo(200);
            assertThat(questionId(review.body())).isEqualTo(question.id());
            assertThat(review.body()).contains("1 question due for review today");

            String reviewed = browser.post("/quizzes/review", answer(question.id(), values(question.correctIndexes()), null, null))
                    .body();
            assertThat(reviewed).contains("✓ Right.").contains("That was the last question due today.");
            assertThat(browser.get("/quizzes/review").body()).contains("Nothing is due for review today.");
            assertThat(browser.get("/quizzes").body()).contains("Due for review today: <strong>0</strong>");
        });
    }

    @Test
    void practiceByDomainAndItsErrors() {
        test(browser -> {
            HttpResponse<String> page = browser.get("/quizzes/practice?domain=cost");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(bank.byId(questionId(page.body())).orElseThrow().domain()).isEqualTo(ExamDomain.COST);

            String id = questionId(page.body());
            HttpResponse<String> nothingChosen = browser.post("/quizzes/practice", answer(id, List.of(), "domain", "cost"));
            assertThat(nothingChosen.statusCode()).isEqualTo(400);
            assertThat(nothingChosen.body()).contains("Choose an answer first.").contains("data-question=\"" + id + "\"");

            // A question with more than one right answer asks with checkboxes and scores only the exact set.
            Question multiple = bank.all().stream().filter(Question::multipleAnswer).findFirst().orElseThrow();
            String multiplePage = browser.get("/quizzes/practice?topic=" + multiple.topic() + "&q=" + multiple.id()).body();
            assertThat(multiplePage).contains("type=\"checkbox\" name=\"option\"").contains("Choose all that apply.")
                    .doesNotContain("type=\"radio\"");
            int oneRight = multiple.correctIndexes().iterator().next();
            assertThat(browser.post("/quizzes/practice", answer(multiple.id(), List.of(String.valueOf(oneRight)), "topic",
                    multiple.topic())).body()).contains("✗ Not quite.").contains("The right answers are marked below.");
            assertThat(browser.post("/quizzes/practice", answer(multiple.id(), values(multiple.correctIndexes()), "topic",
                    multiple.topic())).body()).contains("✓ Right.");

            assertThat(browser.get("/quizzes/practice?topic=no-such-topic").statusCode()).isEqualTo(404);
            assertThat(browser.get("/quizzes/practice").statusCode()).isEqualTo(400);
        });
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        Question question = bank.all().get(0);
        test(browser -> {
            browser.get("/quizzes/practice?topic=" + question.topic());
            HttpResponse<String> refused = browser.postRaw("/quizzes/practice",
                    answer(question.id(), values(question.correctIndexes()), "topic", question.topic()), false);

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).doesNotContain("✓ Right.");
            assertThat(new QuizStore(context.database().dataSource()).responses("local")).isEmpty();
        });
    }

    @Test
    void theStatsApiCountsTheBank() {
        test(browser -> {
            HttpResponse<String> response = browser.get("/api/quizzes/stats");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            Map<?, ?> stats = new ObjectMapper().readValue(response.body(), Map.class);
            assertThat(stats.get("total")).isEqualTo(bank.all().size()).isEqualTo(303);
            // The README's example shows these counts: keep them in step.
            assertThat(stats.get("practice")).isEqualTo(170);
            assertThat(stats.get("examOnly")).isEqualTo(133);
            assertThat(stats.get("byDomain")).isEqualTo(bank.stats().get("byDomain"));
            assertThat(stats.get("byTopic")).isEqualTo(bank.stats().get("byTopic"));
            Map<?, ?> byDomain = (Map<?, ?>) stats.get("byDomain");
            assertThat(List.copyOf(byDomain.keySet())).isEqualTo(List.of("secure", "resilient", "performant", "cost"));
        });
    }
}
