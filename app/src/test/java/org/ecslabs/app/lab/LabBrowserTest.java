package org.ecslabs.app.lab;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.javalin.Javalin;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ecslabs.app.App;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.cli.CommandRunner;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.app.web.Chromium;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner in real Chromium on a lab page: hints one at a time, a failing check, then a passing one,
 * then "Clean up for me" and the check fails again.
 */
class LabBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dataDir;

    @Test
    void learnerOpensHintsAndChecksAStepBeforeAndAfterDoingIt() throws java.io.IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("Chromium is required for the browser test but " + CHROMIUM + " is missing");
        }
        AppConfig config = new AppConfig(0, dataDir, TestDatabases.freshUrl(),
                LabFiles.folder().getParent(), false);
        try (AppContext context = AppContext.open(config);
             Playwright playwright = Playwright.create();
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM).setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")))) {
            Javalin app = App.create(context).start(0);
            try {
                Page page = browser.newPage();
                List<String> problems = new ArrayList<>();
                page.onConsoleMessage(message -> {
                    if (message.type().equals("error")) {
                        problems.add(message.text());
                    }
                });
                page.onPageError(problems::add);
                page.navigate("http://localhost:" + app.port() + "/labs");
                page.getByText("Your first Fargate task").click();
                assertThat(page.locator("h1")).hasText("Your first Fargate task");

                Locator step1 = page.locator("#step-1");
                Locator hints = step1.locator("details.lab-hint");
                assertThat(hints.nth(0)).isVisible();
                Locator step2Hints = page.locator("#step-2 details.lab-hint");
                assertThat(step2Hints.nth(1)).isHidden();
                step2Hints.nth(0).locator("summary").click();
                assertThat(step2Hints.nth(1)).isVisible();

                step1.getByText("Check step 1").click();
                Locator check = step1.locator("[data-check=cluster-active]");
                // The first check builds the app's SDK clients: give it time on a busy machine.
                page.waitForCondition(() -> !check.getAttribute("class").equals("check")
                        || !check.locator(".check-message").textContent().isEmpty(),
                        new Page.WaitForConditionOptions().setTimeout(60_000));
                assertThat(check).hasClass(Pattern.compile("failed"));
                assertThat(check.locator(".check-message")).containsText("There is no active cluster called fargate-lab yet.");

                try (AwsClients clients = new AwsClients(Backend.endpoint(
                        URI.create("http://localhost:" + app.port() + "/aws"), "us-east-1", "test", "test"))) {
                    new CommandRunner(new OperationInvoker(clients), LabTags::tag).run("aws ecs create-cluster --cluster-name fargate-lab");
                }
                step1.getByText("Check step 1").click();
                assertThat(check).hasClass(Pattern.compile("passed"), new LocatorAssertions.HasClassOptions().setTimeout(60_000));
                assertThat(check.locator(".check-status")).hasText("✓");

                // "Clean up for me" removes what the lab made; the step's check fails again.
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Clean up for me")).click();
                Locator state = page.locator(".cleanup-state");
                assertThat(state).containsText("nothing of this lab is left", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
                assertThat(page.locator(".cleanup-log")).containsText("aws ecs delete-cluster --cluster fargate-lab");
                page.locator(".cleanup-log").scrollIntoViewIfNeeded();
                Chromium.screenshot(page, "lab-cleanup.png");
                step1.getByText("Check step 1").click();
                assertThat(check).hasClass(Pattern.compile("failed"), new LocatorAssertions.HasClassOptions().setTimeout(60_000));
                assertThat(problems).isEmpty();
            } finally {
                app.stop();
            }
        }
    }
}
