package org.ecslabs.app.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.app.App;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner in real Chromium: opens the lessons, reads one (highlighted code, a drawn Mermaid
 * diagram, no CSP violations), marks it complete, and finds it still complete after a reload and
 * after the app restarts on the same data folder.
 *
 * <p>Screenshots always go to target/screenshots/. With {@code -Decslabs.screenshots=<folder>} they
 * are also written there (the README's docs/screenshots/ is refreshed that way, by hand, so CI never
 * rewrites tracked files); {@code -Decslabs.course=<folder>} shows a real course instead of the fixtures.
 */
class BrowserTest {
    @TempDir
    Path dataDir;

    @Test
    void learnerMarksALessonCompleteAndItIsKeptAcrossReloadAndRestart() throws Exception {
        Path course = System.getProperty("ecslabs.course") != null
                ? Path.of(System.getProperty("ecslabs.course")).toAbsolutePath() : TestApp.fixtureCourse();
        AppConfig config = new AppConfig(0, dataDir, AppConfig.defaultDbUrl(dataDir), course, false);

        try (Playwright playwright = Playwright.create();
             Browser browser = Chromium.launch(playwright)) {
            BrowserContext browserContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
            browserContext.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            Page page = browserContext.newPage();
            List<String> problems = new ArrayList<>();
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) {
                    problems.add(message.text());
                }
            });
            page.onPageError(problems::add);

            String lessonUrl;
            String lessonTitle;
            AppContext context = AppContext.open(config);
            Javalin app = App.create(context).start(0);
            try {
                String base = "http://localhost:" + app.port();
                page.navigate(base + "/lessons");
                assertThat(page.locator("h1")).hasText("Lessons");
                Locator firstLesson = page.locator(".lesson-link").first();
                lessonTitle = firstLesson.textContent().strip();
                int total = page.locator(".lesson-link").count();
                assertThat(page.locator(".progress-count")).containsText("0 of " + total + " completed");

                firstLesson.click();
                assertThat(page.locator("article h1")).hasText(lessonTitle);
                lessonUrl = page.url();
                assertThat(page.locator(".updated")).containsText("Last updated");
                assertThat(page.locator(".references li").first()).isVisible();
                // app.js highlighted the code, added copy buttons and had Mermaid draw the diagram.
                assertThat(page.locator("pre code.hljs").first()).isVisible();
                assertThat(page.locator("pre .copy-button").first()).hasText("Copy");
                if (System.getProperty("ecslabs.course") == null) {
                    assertThat(page.locator("figure.diagram.rendered")).isVisible();
                    assertThat(page.frameLocator("figure.diagram iframe").locator("svg")).isVisible();
                    assertThat(page.frameLocator("figure.diagram iframe").locator("svg")).containsText("Image");
                    page.locator("pre .copy-button").first().click();
                    assertThat(page.locator("pre .copy-button").first()).hasText("Copied");
                    assertThat(page.evaluate("navigator.clipboard.readText()"))
                            .isEqualTo("aws ecs create-cluster --cluster-name demo\n");
                }
                Chromium.screenshot(page, "lesson.png");

                page.getByText("Mark as complete").click();
                assertThat(page.locator(".completed-note")).containsText("You completed this lesson");
                page.reload();
                assertThat(page.locator(".completed-note")).containsText("You completed this lesson");
                page.navigate(base + "/lessons");
                assertThat(page.locator(".progress-count")).containsText("1 of " + total + " completed");
                assertThat(page.locator(".lesson-item.done .lesson-link")).hasText(lessonTitle);
                Chromium.screenshot(page, "lessons.png");
            } finally {
                app.stop();
                context.close();
            }

            AppContext restarted = AppContext.open(config);
            Javalin again = App.create(restarted).start(0);
            try {
                String path = lessonUrl.substring(lessonUrl.indexOf("/lessons/"));
                page.navigate("http://localhost:" + again.port() + path);
                assertThat(page.locator(".completed-note")).containsText("You completed this lesson");
            } finally {
                again.stop();
                restarted.close();
            }
            assertThat(problems).as("errors in the browser console (CSP violations, script errors)").isEmpty();
        }
    }
}
