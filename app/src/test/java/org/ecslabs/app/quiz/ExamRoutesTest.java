package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.app.quiz.QuizTestApp.questionId;
import static org.ecslabs.app.quiz.QuizTestApp.values;
import static org.ecslabs.app.quiz.QuizTestApp.wrong;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.app.App;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.simulator.testing.HandClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timed exams over HTTP: blueprint, start, answer, navigate, flag, finish, result, time-out, ownership, restart. */
class ExamRoutesTest {
    private static final Pattern SESSION_URL = Pattern.compile("^/exams/session/([0-9a-f-]{36})/q/1$");
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

    private interface TestBody {
        void run(String origin) throws Exception;
    }

    private void test(TestBody body) {
        JavalinTest.test(App.create(context), (server, client) -> body.run(client.getOrigin()));
    }

    /** Starts the quick-check exam and returns the session id. */
    private static String start(QuizTestApp.FormClient browser) {
        browser.get("/exams/quick-check");
        HttpResponse<String> started = browser.post("/exams/quick-check/start", Map.of());
        assertThat(started.statusCode()).isEqualTo(303);
        Matcher matcher = SESSION_URL.matcher(started.headers().firstValue("Location").orElseThrow());
        assertThat(matcher.matches()).as(started.headers().firstValue("Location").orElseThrow()).isTrue();
        return matcher.group(1);
    }

    private static Map<String, List<String>> form(List<String> options, boolean flagged, String go) {
        return flagged ? Map.of("option", options, "flagged", List.of("on"), "go", List.of(go))
                : Map.of("option", options, "go", List.of(go));
    }

    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The option values of the page's inputs, in page order. */
    private static List<Integer> optionValues(String html) {
        Matcher matcher = Pattern.compile("name=\"option\" value=\"(\\d+)\"").matcher(html);
        List<Integer> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(Integer.parseInt(matcher.group(1)));
        }
        return values;
    }

    @Test
    void theExamListAndABlueprintDescribeTheExam() {
        test(origin -> {
            QuizTestApp.FormClient browser = new QuizTestApp.FormClient(origin);
            String list = browser.get("/exams").body();
            assertThat(list).contains("href=\"/exams/associate-full\"").contains("href=\"/exams/quick-check\"");

            HttpResponse<String> page = browser.get("/exams/quick-check");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(bank.exams().get("quick-check").title())
                    .contains("<dt>Questions</dt><dd>10</dd>").contains("<dd>15 minutes</dd>").contains("<dd>700 of 1000</dd>")
                    .contains("Design Secure Architectures</td>").contains("<td>30%</td>")
                    .contains("action=\"/exams/quick-check/start\"").contains("Start exam");
            assertThat(browser.get("/exams/no-such-exam").statusCode()).isEqualTo(404);
        });
    }

    @Test
    void anExamIsTakenAnsweredFlaggedNavigatedFinishedAndReviewed() {
        test(origin -> {
            QuizTestApp.FormClient browser = new QuizTestApp.FormClient(origin);
            String session = start(browser);
            String base = "/exams/session/" + session;
            ExamSession stored = new QuizStore(context.database().dataSource()).session(session).orElseThrow();
            assertThat(stored.questionIds()).hasSize(10);

            HttpResponse<String> first = browser.get(base + "/q/1");
            assertThat(first.statusCode()).isEqualTo(200);
            String q1 = questionId(first.body());
            assertThat(q1).isEqualTo(stored.questionIds().get(0));
            assertThat(first.body()).contains("Question 1 of 10").contains("data-seconds-left=\"900\"")
                    .contains("Flag for review").contains("Finish exam").doesNotContain("class=\"explanation\"");
            // The options appear in the session's own shuffled order.
            assertThat(optionValues(first.body())).isEqualTo(stored.optionOrders().get(q1));

            Question question1 = bank.byId(q1).orElseThrow();
            assertThat(location(browser.post(base + "/q/1", form(values(question1.correctIndexes()), false, "next"))))
                    .isEqualTo(base + "/q/2");
            Question question2 = bank.byId(stored.questionIds().get(1)).orElseThrow();
            assertThat(location(browser.post(base + "/q/2", form(values(wrong(question2)), true, "5"))))
                    .isEqualTo(base + "/q/5");
            assertThat(location(browser.post(base + "/q/5", form(List.of(), false, "prev")))).isEqualTo(base + "/q/4");

            clock.advance(Duration.ofMinutes(5));
            String back = browser.get(base + "/q/1").body();
            int chosen = question1.correctIndexes().iterator().next();
            assertThat(back).contains("value=\"" + chosen + "\" checked").contains("data-seconds-left=\"600\"")
                    .contains("2 of 10 answered · 1 flagged");
            assertThat(back).contains("nav-item answered  current\"").contains("nav-item answered flagged \"");
            String second = browser.get(base + "/q/2").body();
            assertThat(second).contains("name=\"flagged\" value=\"on\" checked");

            assertThat(location(browser.post(base + "/q/2", form(values(wrong(question2)), true, "finish"))))
                    .isEqualTo(base + "/finish");
            String finish = browser.get(base + "/finish").body();
            assertThat(finish).contains("<strong class=\"unanswered-count\">8</strong> unanswered of 10")
                    .contains("<strong class=\"flagged-count\">1</strong> flagged");

            assertThat(location(browser.post(base + "/submit", Map.of()))).isEqualTo(base + "/result");
            HttpResponse<String> result = browser.get(base + "/result");
            assertThat(result.statusCode()).isEqualTo(200);
            String html = result.body();
            assertThat(html).contains("<span class=\"scaled-score\">190</span>").contains("<strong class=\"pass-fail\">Fail</strong>")
                    .contains("1 of 10</span> questions right").contains("passing score 700");
            assertThat(html).contains("id=\"domains\"").contains("<progress class=\"progress\" max=\"100\"");
            assertThat(html.split("class=\"question-card review-item", -1)).hasSize(11);
            assertThat(html.split("⚑ Flagged", -1)).hasSize(2);
            assertThat(html).contains("✗ Not answered").contains("✓ Right");
            QuizViews views = new QuizViews(context.markdown(), context.lessons(), context.labs());
            for (String id : stored.questionIds()) {
                Question question = bank.byId(id).orElseThrow();
                for (RenderedQuestion.Option option : views.render(question).options()) {
                    assertThat(html).contains(option.explanationHtml());
                }
                assertThat(html).contains("href=\"/lessons/" + question.lesson() + "\"");
            }

            // The exam is over: answers no longer change, questions lead to the result.
            assertThat(location(browser.post(base + "/q/3", form(List.of("0"), false, "next")))).isEqualTo(base + "/result");
            assertThat(location(browser.get(base + "/q/3"))).isEqualTo(base + "/result");
            String index = browser.get("/quizzes").body();
            assertThat(index).contains("href=\"" + base + "/result\"").contains("190 · Fail");
        });
    }

    @Test
    void whenTheTimeIsUpTheNextRequestSubmitsTheExam() {
        test(origin -> {
            QuizTestApp.FormClient browser = new QuizTestApp.FormClient(origin);
            String session = start(browser);
            String base = "/exams/session/" + session;
            browser.get(base + "/q/1");
            Question first = bank.byId(questionId(browser.get(base + "/q/1").body())).orElseThrow();
            browser.post(base + "/q/1", form(values(first.correctIndexes()), false, "next"));

            clock.advance(Duration.ofMinutes(15));
            assertThat(location(browser.get(base + "/q/2"))).isEqualTo(base + "/result");
            String result = browser.get(base + "/result").body();
            assertThat(result).contains("1 of 10</span> questions right").contains("the time ran out");
        });
    }

    @Test
    void theTimerSubmitAtZeroSavesTheAnswerOnScreenAndScores() {
        test(origin -> {
            QuizTestApp.FormClient browser = new QuizTestApp.FormClient(origin);
            String base = "/exams/session/" + start(browser);
            Question first = bank.byId(questionId(browser.get(base + "/q/1").body())).orElseThrow();
            clock.advance(Duration.ofMinutes(14));

            assertThat(location(browser.post(base + "/q/1", form(values(first.correctIndexes()), false, "submit"))))
                    .isEqualTo(base + "/result");
            assertThat(browser.get(base + "/result").body()).contains("1 of 10</span> questions right");
        });
    }

    @Test
    void anotherLearnersSessionAndAnUnknownSessionAreNotFound() {
        test(origin -> {
            QuizTestApp.FormClient ann = new QuizTestApp.FormClient(origin, "ann");
            String base = "/exams/session/" + start(ann);
            assertThat(ann.get(base + "/q/1").statusCode()).isEqualTo(200);

            QuizTestApp.FormClient bob = new QuizTestApp.FormClient(origin, "bob");
            bob.get("/exams/quick-check");
            assertThat(bob.get(base + "/q/1").statusCode()).isEqualTo(404);
            assertThat(bob.get(base + "/result").statusCode()).isEqualTo(404);
            assertThat(bob.post(base + "/q/1", form(List.of("0"), false, "next")).statusCode()).isEqualTo(404);
            assertThat(bob.post(base + "/submit", Map.of()).statusCode()).isEqualTo(404);
            assertThat(ann.get(base + "/result").statusCode()).as("bob could not submit ann's exam").isEqualTo(303);

            assertThat(ann.get("/exams/session/00000000-0000-0000-0000-000000000000/q/1").statusCode()).isEqualTo(404);
            assertThat(ann.get(base + "/q/11").statusCode()).isEqualTo(404);
            assertThat(ann.get(base + "/q/0").statusCode()).isEqualTo(404);
        });
    }

    @Test
    void aStartWithoutTheCsrfTokenIsRefused() {
        test(origin -> {
            QuizTestApp.FormClient browser = new QuizTestApp.FormClient(origin);
            browser.get("/exams/quick-check");
            assertThat(browser.postRaw("/exams/quick-check/start", Map.of(), false).statusCode()).isEqualTo(403);
            assertThat(new QuizStore(context.database().dataSource()).sessions("local")).isEmpty();
        });
    }

    @Test
    void aRestartedServerResumesTheExamWithItsAnswersFlagsAndTimeLeft() {
        AppConfig config = new AppConfig(0, dataDir, AppConfig.defaultDbUrl(dataDir), QuizTestApp.course(), false);
        context.close();
        String[] base = new String[1];
        String[] answered = new String[1];
        context = QuizTestApp.context(config, clock);
        runOnce(App.create(context), origin -> {
            QuizTestApp.FormClient browser = new QuizTestApp.FormClient(origin);
            base[0] = "/exams/session/" + start(browser);
            Question first = bank.byId(questionId(browser.get(base[0] + "/q/1").body())).orElseThrow();
            answered[0] = String.valueOf(first.correctIndexes().iterator().next());
            browser.post(base[0] + "/q/1", form(values(first.correctIndexes()), true, "next"));
        });
        context.close();

        clock.advance(Duration.ofMinutes(2));
        context = QuizTestApp.context(config, clock);
        runOnce(App.create(context), origin -> {
            String page = new QuizTestApp.FormClient(origin).get(base[0] + "/q/1").body();
            assertThat(page).contains("value=\"" + answered[0] + "\" checked").contains("name=\"flagged\" value=\"on\" checked")
                    .contains("data-seconds-left=\"780\"");
        });
    }

    private static void runOnce(Javalin app, TestBody body) {
        JavalinTest.test(app, (server, client) -> body.run(client.getOrigin()));
    }
}
