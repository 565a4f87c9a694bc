package org.ecslabs.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.ecslabs.app.web.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner with only a browser: types AWS CLI commands into the console, sees the cluster, the
 * service's tasks and the chart follow in the live view, moves simulated time with the clock
 * buttons, and scales the service (with a target tracking policy and simulated CPU load when the
 * simulator has Application Auto Scaling, by hand otherwise). Saves console.png for the README.
 */
class ConsoleBrowserTest {
    private static final LocatorAssertions.ContainsTextOptions SLOW = new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);

    @TempDir
    Path dataDir;

    @Test
    void aLearnerRunsCommandsAndWatchesTheirClusterLive() throws Exception {
        // The machine running the tests may be busy; these waits bound a failure, they measure nothing.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        AppContext context = TestApp.context(dataDir);
        Javalin app = App.create(context).start(0);
        try (Playwright playwright = Playwright.create(); Browser browser = Chromium.launch(playwright)) {
            BrowserContext browserContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
            browserContext.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            Page page = browserContext.newPage();
            List<String> problems = new ArrayList<>();
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) {
                    problems.add(message.text());
                }
            });
            page.onPageError(problems::add);
            page.navigate("http://localhost:" + app.port() + "/console");
            assertThat(page.locator("h1")).hasText("Console");

            // Simulated time moves only on the clock buttons from here on.
            page.locator("[data-clock-command='ecslabs clock pause']").click();
            // The first read of the sandbox builds the SDK clients, which takes a while on a busy machine.
            assertThat(page.locator("#clock-speed")).hasText("paused", new LocatorAssertions.HasTextOptions().setTimeout(30_000));

            Locator output = page.locator("[data-console-output]");
            run(page, "aws ecs create-cluster --cluster-name demo");
            assertThat(output).containsText("\"clusterName\" : \"demo\"");
            assertThat(page.locator("#live-clusters")).containsText("demo", SLOW);

            // History: the up arrow brings the last command back.
            page.locator("#console-input").press("ArrowUp");
            assertThat(page.locator("#console-input")).hasValue("aws ecs create-cluster --cluster-name demo");
            page.locator("#console-input").fill("");

            run(page, "rm -rf /");
            assertThat(output).containsText("rm: command not found.");
            assertThat(page.locator(".console-entry.failed .console-exit").last()).hasText("exit code 127");

            run(page, "aws ecs register-task-definition --family web --requires-compatibilities FARGATE "
                    + "--network-mode awsvpc --cpu 256 --memory 512 "
                    + "--container-definitions '[{\"name\": \"web\", \"image\": \"nginx\", \"essential\": true}]'");
            assertThat(output).containsText("\"revision\" : 1");
            run(page, "SUBNET_A=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true "
                    + "--query 'Subnets[0].SubnetId' --output text)");
            run(page, "SUBNET_B=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true "
                    + "--query 'Subnets[1].SubnetId' --output text)");
            run(page, "aws ecs create-service --cluster demo --service-name web --task-definition web "
                    + "--desired-count 2 --launch-type FARGATE "
                    + "--network-configuration \"awsvpcConfiguration={subnets=[$SUBNET_A,$SUBNET_B],assignPublicIp=ENABLED}\"");
            assertThat(output).containsText("\"serviceName\" : \"web\"");
            assertThat(page.locator("#live-services")).containsText("web", SLOW);

            clock(page, "ecslabs clock advance --seconds 30");
            clock(page, "ecslabs clock advance --seconds 300");
            assertThat(page.locator("#live-tasks .status-running")).hasCount(2);
            assertThat(page.locator("#live-tasks")).containsText("FARGATE");
            assertThat(page.locator("#chart")).hasAttribute("data-running", "2");

            ConsoleClient api = new ConsoleClient(app.port());
            boolean autoScaling = api.run("aws application-autoscaling describe-scalable-targets --service-namespace ecs")
                    .get("exitCode").asInt() == 0;
            boolean load = autoScaling && api.run("ecslabs load set --cluster demo --service web --cpu 20").get("exitCode").asInt() == 0;
            if (load) {
                run(page, "aws application-autoscaling register-scalable-target --service-namespace ecs "
                        + "--resource-id service/demo/web --scalable-dimension ecs:service:DesiredCount "
                        + "--min-capacity 2 --max-capacity 6");
                run(page, "aws application-autoscaling put-scaling-policy --service-namespace ecs "
                        + "--resource-id service/demo/web --scalable-dimension ecs:service:DesiredCount "
                        + "--policy-name cpu50 --policy-type TargetTrackingScaling "
                        + "--target-tracking-scaling-policy-configuration '{\"TargetValue\": 50, "
                        + "\"PredefinedMetricSpecification\": {\"PredefinedMetricType\": \"ECSServiceAverageCPUUtilization\"}, "
                        + "\"ScaleOutCooldown\": 60, \"ScaleInCooldown\": 300}'");
                assertThat(output).containsText("PolicyARN");
                run(page, "ecslabs load set --cluster demo --service web --cpu 90");
                for (int i = 0; i < 4; i++) {
                    clock(page, "ecslabs clock advance --seconds 300");
                }
                assertThat(page.locator("#chart path.line.cpu")).hasCount(1);
                int desired = Integer.parseInt(page.locator("#chart").getAttribute("data-desired"));
                assertThat(desired).as("desired count after 20 minutes at 90% CPU").isGreaterThan(2);
            } else {
                run(page, "aws ecs update-service --cluster demo --service web --desired-count 4");
                assertThat(output).containsText("\"desiredCount\" : 4");
                clock(page, "ecslabs clock advance --seconds 30");
                clock(page, "ecslabs clock advance --seconds 300");
                assertThat(page.locator("#chart")).hasAttribute("data-desired", "4");
                assertThat(page.locator("#chart")).hasAttribute("data-running", "4");
                assertThat(page.locator("#live-tasks .status-running")).hasCount(4);
            }
            assertThat(page.locator("#chart path.line.running")).hasCount(1);
            assertThat(page.locator("#chart path.line.desired")).hasCount(1);
            assertThat(Integer.parseInt(page.locator("#chart").getAttribute("data-points"))).isGreaterThanOrEqualTo(3);
            assertThat(page.locator("#live-services")).containsText("has reached a steady state");

            run(page, "aws ecs describe-services --cluster demo --services web "
                    + "--query 'services[0].[serviceName,desiredCount,runningCount]' --output table");
            page.locator("[data-console-copy]").click();
            assertThat(page.locator("[data-console-copy]")).hasText("Copied");
            assertThat((String) page.evaluate("navigator.clipboard.readText()"))
                    .contains("$ aws ecs describe-services").contains("DescribeServices");
            Chromium.screenshot(page, "console.png");
            assertThat(problems).as("errors in the browser console (CSP violations, script errors)").isEmpty();
        } finally {
            app.stop();
            context.close();
        }
    }

    /** Types a command and presses Enter, then waits for its output. */
    private static void run(Page page, String command) {
        int before = page.locator(".console-entry").count();
        page.locator("#console-input").fill(command);
        page.locator("#console-input").press("Enter");
        assertThat(page.locator(".console-entry")).hasCount(before + 1);
    }

    /** Clicks a clock button and waits for its command's output. */
    private static void clock(Page page, String command) {
        int before = page.locator(".console-entry").count();
        page.locator("[data-clock-command='" + command + "']").click();
        assertThat(page.locator(".console-entry")).hasCount(before + 1);
        assertThat(page.locator(".console-entry").last()).not().hasClass(java.util.regex.Pattern.compile(".*failed.*"));
    }
}
