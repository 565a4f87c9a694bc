package org.ecslabs.app.lab;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.javalin.Javalin;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.app.App;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.web.Chromium;
import org.ecslabs.simulator.engine.Account;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner in real Chromium on /labs/backend: a bad region is refused with nothing saved, their AWS
 * account is chosen and tested, and the lab page and the console then say where commands run, until
 * "Remove" brings them back to the simulator. "AWS" is a separate account of the app's own simulator,
 * reached through the real-account code path with the test-only {@link Backend#REAL_ENDPOINT_OVERRIDE}.
 * Saves backend.png and console-real-account.png.
 */
class LabBackendBrowserTest {
    private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

    @TempDir
    Path dataDir;

    @AfterEach
    void clearOverride() {
        System.clearProperty(Backend.REAL_ENDPOINT_OVERRIDE);
    }

    @Test
    void aLearnerChoosesTheirAwsAccountTestsItSeesItEverywhereAndRemovesIt() throws Exception {
        // The machine running the tests may be busy; these waits bound a failure, they measure nothing.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        AppConfig config = new AppConfig(0, dataDir, TestDatabases.freshUrl(),
                LabFiles.folder().getParent(), false);
        try (AppContext context = AppContext.open(config);
             Playwright playwright = Playwright.create();
             Browser browser = Chromium.launch(playwright)) {
            Account sandbox = context.simulator().accounts().create("sandbox");
            String secret = sandbox.secretAccessKey();
            String keyHint = sandbox.accessKeyId().substring(sandbox.accessKeyId().length() - 4);
            Javalin app = App.create(context).start(0);
            String origin = "http://localhost:" + app.port();
            try {
                Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 1000));
                List<String> problems = new ArrayList<>();
                page.onConsoleMessage(message -> {
                    if (message.type().equals("error")) {
                        problems.add(message.text());
                    }
                });
                page.onPageError(problems::add);

                page.navigate(origin + "/labs/backend");
                assertThat(page.locator("h1")).hasText("Where lab checks run");
                assertThat(page.locator(".backend-current")).containsText("Now: Built-in simulator");
                assertThat(page.getByLabel("Built-in simulator")).isChecked();

                // A bad region: a readable error, and nothing is stored.
                page.getByLabel("My AWS account").check();
                page.getByLabel("Region", EXACT).fill("nowhere");
                page.getByLabel("Access key id", EXACT).fill(sandbox.accessKeyId());
                page.getByLabel("Secret access key", EXACT).fill(secret);
                page.getByRole(AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Save")).click();
                assertThat(page.locator(".backend-error")).hasText("Enter a region such as us-east-1.");
                assertThat(page.locator(".backend-current")).containsText("Now: Built-in simulator");
                assertThat(page.locator(".backend-stored")).hasCount(0);
                assertThat(page.content()).doesNotContain(secret);
                // The refused form answers 400, which Chromium logs as a console error: that one is expected.
                problems.removeIf(problem -> problem.contains("status of 400"));

                page.getByLabel("My AWS account").check();
                page.getByLabel("Region", EXACT).fill("us-east-1");
                page.getByLabel("Access key id", EXACT).fill(sandbox.accessKeyId());
                page.getByLabel("Secret access key", EXACT).fill(secret);
                page.getByRole(AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Save")).click();
                assertThat(page.locator(".backend-message")).containsText("Saved.");
                assertThat(page.locator(".backend-current")).containsText("Now: My AWS account (us-east-1, key …" + keyHint + ")");
                assertThat(page.locator(".backend-stored")).containsText("access key id ending in " + keyHint);
                assertThat(page.getByLabel("My AWS account")).isChecked();
                assertThat(page.getByLabel("Secret access key", EXACT)).hasValue("");
                assertThat(page.content()).doesNotContain(secret).doesNotContain(sandbox.accessKeyId());

                System.setProperty(Backend.REAL_ENDPOINT_OVERRIDE, origin + "/aws");
                page.getByText("Test connection").click();
                assertThat(page.locator(".backend-message")).containsText("Connected to AWS account " + sandbox.accountId());
                assertThat(page.content()).doesNotContain(secret);
                Chromium.screenshot(page, "backend.png");

                page.navigate(origin + "/labs/first-fargate-task");
                assertThat(page.locator(".lab-backend")).containsText("Checks run against your own AWS account");

                page.navigate(origin + "/console");
                Locator banner = page.locator(".console-real-account");
                assertThat(banner).isVisible();
                assertThat(banner).containsText("Commands run in your AWS account");
                assertThat(banner).containsText("us-east-1");
                assertThat(banner).containsText(keyHint);
                assertThat(banner.locator("a[href='/labs/backend']")).isVisible();
                assertThat(page.locator("[data-clock-command]")).hasCount(0);
                Locator input = page.locator("#console-input");
                input.fill("ecslabs clock advance --seconds 30");
                input.press("Enter");
                Locator refused = page.locator(".console-entry.failed").last();
                assertThat(refused.locator(".console-text")).containsText("ecslabs: error:");
                assertThat(refused.locator(".console-text")).containsText("do not run on your AWS account");
                assertThat(refused.locator(".console-exit")).hasText("exit code 252");
                input.fill("aws ecs create-cluster --cluster-name in-my-account");
                input.press("Enter");
                assertThat(page.locator("#live-clusters")).containsText("in-my-account",
                        new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
                assertThat(page.content()).doesNotContain(secret);
                Chromium.screenshot(page, "console-real-account.png");

                // Opened for a lab, the console says so and tags what the learner creates with the lab's id.
                page.navigate(origin + "/console?lab=first-fargate-task");
                assertThat(page.locator(".console-lab")).containsText("Working on lab Your first Fargate task");
                assertThat(page.locator(".console-lab")).containsText("ecslabs:lab=first-fargate-task");
                input.fill("aws ecs create-cluster --cluster-name fargate-lab");
                input.press("Enter");
                assertThat(page.locator(".console-entry").last().locator(".console-text")).containsText("\"clusterName\" : \"fargate-lab\"");
                try (AwsClients aws = new AwsClients(Backend.endpoint(URI.create(origin + "/aws"), "us-east-1",
                        sandbox.accessKeyId(), secret))) {
                    assertThat(aws.ecs().listTagsForResource(request -> request.resourceArn(
                            "arn:aws:ecs:us-east-1:" + sandbox.accountId() + ":cluster/fargate-lab")).tags())
                            .anyMatch(tag -> tag.key().equals("ecslabs:lab") && tag.value().equals("first-fargate-task"));
                }

                page.navigate(origin + "/labs/backend");
                page.getByText("Remove credentials").click();
                assertThat(page.locator(".backend-message")).containsText("were removed");
                assertThat(page.locator(".backend-current")).containsText("Now: Built-in simulator");
                assertThat(page.locator(".backend-stored")).hasCount(0);
                page.navigate(origin + "/console");
                assertThat(page.locator(".console-real-account")).hasCount(0);
                assertThat(page.locator("[data-clock-command]").first()).isVisible();
                assertThat(problems).isEmpty();
            } finally {
                app.stop();
            }
        }
    }
}
