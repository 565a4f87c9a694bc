package org.ecslabs.app.quiz;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.simulator.testing.HandClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person takes the 10-question quick check in real Chromium: answers some questions, flags one,
 * reloads mid-exam, finishes, reads the result, and the next day finds the missed questions in
 * the review queue. The app's clock is the test's, so "tomorrow" comes without waiting.
 */
class QuickCheckExamBrowserTest {
    @TempDir
    Path dataDir;
    private final HandClock clock = new HandClock(Instant.parse("2026-11-21T10:00:00Z"));
    private AppContext context;
    private Javalin app;
    private Playwright playwright;
    private Browser browser;
    private Page page;
    private String origin;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void start() {
        context = QuizTestApp.context(dataDir, clock);
        app = App.create(context).start(0);
        origin = "http://localhost:" + app.port();
        // The system Chromium: no browser download; --no-sandbox because tests may run as root.
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu")));
        page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                problems.add(message.text());
            }
        });
        page.onPageError(problems::add);
    }

    /** For a person to look at: target/screenshots/, never compared. */
    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", name)).setFullPage(true));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        app.stop();
        context.close();
    }

    private Question current() {
        String id = page.locator("article.question-card").getAttribute("data-question");
        return context.quizzes().byId(id).orElseThrow();
    }

    private void choose(int optionIndex) {
        page.locator("input[name=option][value='" + optionIndex + "']").check();
    }

    @Test
    void takeTheQuickCheckReloadMidExamFinishAndReviewTheMissedQuestionsTomorrow() {
        page.navigate(origin + "/quizzes");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName(context.quizzes().exams().get("quick-check").title())).click();
        page.getByText("Start exam").click();
        page.waitForURL(Pattern.compile(".*/exams/session/[0-9a-f-]+/q/1$"));
        String sessionUrl = page.url().replaceAll("/q/1$", "");
        assertThat(page.locator("h1")).hasText("Question 1 of 10");
        assertThat(page.locator("#exam-timer")).hasText(Pattern.compile("^1[45]:\\d\\d$"));

        List<String> right = new ArrayList<>();
        Question first = current();
        choose(first.correctIndexes().iterator().next());
        if (first.multipleAnswer()) {
            first.correctIndexes().forEach(this::choose);
        }
        right.add(first.id());
        page.getByText("Next →").click();
        assertThat(page.locator("h1")).hasText("Question 2 of 10");

        Question second = current();
        int wrongOption = QuizTestApp.wrong(second).iterator().next();
        choose(wrongOption);
        page.getByLabel("Flag for review").check();
        page.getByText("Next →").click();
        assertThat(page.locator("h1")).hasText("Question 3 of 10");

        Question third = current();
        third.correctIndexes().forEach(this::choose);
        right.add(third.id());
        // Enter saves and moves on, as "Next" does.
        page.locator("input[name=option]:checked").first().press("Enter");
        assertThat(page.locator("h1")).hasText("Question 4 of 10");
        page.locator("button.nav-item", new Page.LocatorOptions().setHasText(Pattern.compile("^2$"))).click();
        assertThat(page.locator("h1")).hasText("Question 2 of 10");

        // Three minutes later the learner reloads: the answer, the flag and the time left are kept.
        clock.advance(Duration.ofMinutes(3));
        page.reload();
        assertThat(page.locator("input[name=option][value='" + wrongOption + "']")).isChecked();
        assertThat(page.locator("input[name=option]:checked")).hasCount(1);
        assertThat(page.getByLabel("Flag for review")).isChecked();
        assertThat(page.locator("#exam-timer")).hasAttribute("data-seconds-left", "720");
        assertThat(page.locator("#exam-timer")).hasText(Pattern.compile("^1[12]:\\d\\d$"));
        assertThat(page.locator("button.nav-item.answered")).hasCount(3);
        assertThat(page.locator("button.nav-item.flagged")).hasCount(1);
        assertThat(page.locator(".exam-nav-title")).hasText("3 of 10 answered · 1 flagged");
        screenshot(page, "exam-question.png");
        try (Page phone = browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844))) {
            phone.navigate(page.url());
            assertThat(phone.getByLabel("Flag for review")).isChecked();
            screenshot(phone, "exam-question-phone.png");
        }
        page.navigate(sessionUrl + "/q/1");
        assertThat(page.locator("input[name=option]:checked")).hasCount(first.correctIndexes().size());
        page.navigate(sessionUrl + "/q/5");

        // A change is saved at once, before any navigation: a reload right after it keeps it.
        Question fifth = current();
        for (int option : fifth.correctIndexes()) {
            page.waitForResponse(response -> response.request().method().equals("POST"), () -> choose(option));
        }
        page.reload();
        for (int option : fifth.correctIndexes()) {
            assertThat(page.locator("input[name=option][value='" + option + "']")).isChecked();
        }
        assertThat(page.locator(".exam-nav-title")).hasText("4 of 10 answered · 1 flagged");
        right.add(fifth.id());

        page.getByText("Finish exam").click();
        assertThat(page.locator("h1")).hasText("Finish the exam?");
        assertThat(page.locator(".unanswered-count")).hasText("6");
        assertThat(page.locator(".flagged-count")).hasText("1");
        page.getByText("Submit exam").click();

        page.waitForURL(Pattern.compile(".*/result$"));
        assertThat(page.locator(".correct-count")).hasText("3 of 10");
        assertThat(page.locator(".scaled-score")).hasText("370");
        assertThat(page.locator(".pass-fail")).hasText("Fail");
        Locator domains = page.locator("#domains .domain-row");
        assertThat(domains).hasCount(4);
        assertThat(domains.first().locator("progress")).isVisible();
        assertThat(page.locator("#domains")).containsText("Design Secure Architectures");
        assertThat(page.locator(".review-item")).hasCount(10);
        assertThat(page.locator(".review-item.right")).hasCount(3);
        assertThat(page.locator(".flag-tag")).hasCount(1);
        assertThat(page.locator(".review-item[data-question='" + second.id() + "'] .option.chosen .option-mark"))
                .hasText("Incorrect");
        assertThat(page.locator(".review-item[data-question='" + second.id() + "'] .explanation"))
                .hasCount(second.options().size());
        screenshot(page, "exam-result.png");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "exam-result-top.png")));

        // Nothing is due on the day of the exam; the next day the seven missed questions are.
        page.navigate(origin + "/quizzes");
        assertThat(page.locator(".due-count strong")).hasText("0");
        assertThat(page.locator("#results")).containsText("370 · Fail");
        clock.advance(Duration.ofDays(1));
        page.reload();
        assertThat(page.locator(".due-count strong")).hasText("7");
        page.getByText("Review 7 questions").click();
        Question due = current();
        assertThat(right).doesNotContain(due.id());
        due.correctIndexes().forEach(this::choose);
        page.getByText("Check answer").click();
        assertThat(page.locator(".verdict")).containsText("Right.");
        screenshot(page, "review-feedback.png");
        assertThat(page.locator(".quiz-status")).hasText("6 more due today");
        page.getByText("Next question").click();
        assertThat(current().id()).isNotEqualTo(due.id());
        page.navigate(origin + "/quizzes");
        screenshot(page, "quizzes.png");
        try (Page phone = browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844))) {
            phone.navigate(origin + "/quizzes");
            screenshot(phone, "quizzes-phone.png");
        }
        assertThat(problems).as("errors in the browser console (CSP violations, script errors)").isEmpty();
    }
    @Test
    void whenTheCountdownReachesZeroThePageSubmitsTheExam() {
        page.navigate(origin + "/exams/quick-check");
        page.getByText("Start exam").click();
        page.waitForURL(Pattern.compile(".*/q/1$"));
        Question first = current();
        first.correctIndexes().forEach(this::choose);
        page.getByText("Next →").click();
        assertThat(page.locator("h1")).hasText("Question 2 of 10");

        // Half a second before the deadline the server says 0 seconds left: the script submits at
        // once, before the server would (the test's clock does not move on its own).
        clock.advance(Duration.ofMinutes(15).minusMillis(500));
        page.reload();
        page.waitForURL(Pattern.compile(".*/result$"));
        assertThat(page.locator(".correct-count")).hasText("1 of 10");
        assertThat(page.locator(".score-card")).not().containsText("the time ran out");
    }
}
