package org.ecslabs.app.classroom;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.web.Chromium;
import org.ecslabs.simulator.testing.HandClock;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class in real Chromium, two people in two browser contexts: the instructor creates a class from
 * the classes page; a student joins with its code, completes a lesson and checks a lab step; the
 * instructor's dashboard shows both, and the downloaded grades CSV holds the student's row.
 */
class DashboardBrowserTest {
    @TempDir
    Path data;

    @Test
    void theInstructorSeesWhatAStudentDidAndDownloadsTheirGrades() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        HandClock clock = new HandClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (AppContext context = ClassroomTestApp.context(data, TestDatabases.freshUrl(), repository, clock);
             Playwright playwright = Playwright.create();
             Browser chromium = Chromium.launch(playwright)) {
            Javalin app = App.create(context).start(0);
            try {
                String origin = "http://localhost:" + app.port();
                org.ecslabs.app.classroom.Browser admin = ClassroomTestApp.signedIn(origin, ClassroomTestApp.ADMIN,
                        ClassroomTestApp.PASSWORD);
                ClassroomTestApp.instructor(origin, admin, "teacher");

                BrowserContext teacherContext = chromium.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1400, 900).setAcceptDownloads(true));
                Page teacher = teacherContext.newPage();
                teacher.navigate(origin + "/classes");
                teacher.getByLabel("User name or e-mail").fill("teacher");
                teacher.getByLabel("Password").fill(ClassroomTestApp.PASSWORD);
                teacher.getByText("Sign in", new Page.GetByTextOptions().setExact(true)).last().click();
                teacher.getByLabel("New class").fill("ECS, spring term");
                teacher.getByText("Create the class").click();
                assertThat(teacher.locator("h1")).hasText("ECS, spring term");
                String code = teacher.locator(".join-code").textContent().strip();
                String classUrl = teacher.url();

                BrowserContext studentContext = chromium.newContext();
                Page student = studentContext.newPage();
                student.navigate(origin + "/join");
                student.getByLabel("Class code").fill(code);
                student.getByLabel("Your name").fill("Ana Lima");
                student.getByLabel("User name or e-mail").fill("ana");
                student.getByLabel("Password").fill(ClassroomTestApp.PASSWORD);
                student.getByText("Join the class").click();
                student.waitForURL(url -> !url.contains("/join"));

                student.navigate(origin + "/lessons/clusters");
                student.getByText("Mark as complete").click();
                assertThat(student.locator(".completed-note")).isVisible();

                student.navigate(origin + "/labs/first-fargate-task");
                Locator step1 = student.locator("#step-1");
                step1.getByText("Check step 1").click();
                // The first check builds the student's SDK clients: give it time on a busy machine.
                assertThat(step1.locator("[data-check=cluster-active] .check-message"))
                        .containsText("no active cluster", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));

                teacher.navigate(classUrl);
                Locator row = teacher.locator("tr[data-student=ana]");
                assertThat(row.locator("td").first()).containsText("Ana Lima");
                assertThat(row.locator("[data-cell=lessons]")).hasText("1");
                assertThat(row.locator("[data-cell=last-check]")).containsText("first-fargate-task, step 1: failing");
                assertThat(teacher.locator(".failing-checks tr[data-check=cluster-active]")).containsText("1 of 1");
                Chromium.screenshot(teacher, "dashboard.png");

                Download download = teacher.waitForDownload(() -> teacher.getByText("Download grades (CSV)").click());
                String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
                assertThat(csv.lines().toList()).hasSize(2);
                assertThat(csv.lines().toList().get(1)).startsWith("\"ana\",\"Ana Lima\",\"1\",\"0\",\"0\"");

                row.locator("a").first().click();
                assertThat(teacher.locator("h1")).hasText("Ana Lima");
                assertThat(teacher.locator(".check-run li[data-check=cluster-active] .check-message"))
                        .containsText("no active cluster");
            } finally {
                app.stop();
            }
        }
    }
}
