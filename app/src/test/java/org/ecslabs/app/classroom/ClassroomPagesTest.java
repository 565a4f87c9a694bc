package org.ecslabs.app.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.app.classroom.ClassroomTestApp.json;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.app.App;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classroom started without ECSLABS_ADMIN_EMAIL, through its pages as people click them: the
 * one-time set-up link from the log, the admin adding an instructor, the instructor's class with
 * its code, rotated and closed.
 */
class ClassroomPagesTest {
    private static final Pattern SETUP_LINK = Pattern.compile("/setup\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern CLASS_LOCATION = Pattern.compile("/classes/([0-9a-f-]{36})");
    private static final Pattern CODE = Pattern.compile("class=\"join-code\">([A-Z0-9]{12})<");

    @TempDir
    Path data;

    @Test
    void theFirstAdminComesFromTheOneTimeLinkAndRunsTheClassroomFromPages() {
        AppConfig config = new AppConfig(0, data, TestDatabases.freshUrl(),
                TestApp.fixtureCourse(), false).withMode(AppConfig.Mode.CLASSROOM);
        try (AppContext context = AppContext.open(config)) {
            String log;
            Javalin app;
            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                app = App.create(context);
            } finally {
                System.setErr(err);
                log = captured.toString(StandardCharsets.UTF_8);
            }
            Matcher link = SETUP_LINK.matcher(log);
            assertThat(link.find()).as("the set-up link in the log: %s", log).isTrue();
            String token = link.group(1);

            JavalinTest.test(app, (server, client) -> {
                String origin = "http://localhost:" + server.port();
                Browser admin = new Browser(origin);
                assertThat(admin.get("/setup?token=wrong").statusCode()).isEqualTo(404);
                assertThat(admin.get("/setup?token=" + token).body()).contains("Create the first admin");
                HttpResponse<String> weak = admin.form("/setup", Map.of("token", token, "username", "root@example.edu",
                        "name", "Root", "password", "short"));
                assertThat(weak.statusCode()).isEqualTo(400);
                assertThat(weak.body()).contains("at least 10 characters");
                HttpResponse<String> setUp = admin.form("/setup", Map.of("token", token, "username", "root@example.edu",
                        "name", "Root", "password", ClassroomTestApp.PASSWORD));
                assertThat(setUp.statusCode()).isEqualTo(303);
                assertThat(json(admin.get("/api/me")).get("role").asText()).isEqualTo("admin");
                // The link works once.
                assertThat(new Browser(origin).get("/setup?token=" + token).statusCode()).isEqualTo(404);

                HttpResponse<String> added = admin.form("/admin/instructors", Map.of("username", "teacher@example.edu",
                        "name", "Tess <Teacher>", "password", ClassroomTestApp.PASSWORD));
                assertThat(added.body()).contains("Instructor teacher@example.edu can now sign in", "Tess &lt;Teacher&gt;");

                Browser teacher = new Browser(origin);
                teacher.form("/sign-in", Map.of("username", "teacher@example.edu", "password", ClassroomTestApp.PASSWORD));
                HttpResponse<String> created = teacher.form("/classes", Map.of("name", "ECS evening"));
                assertThat(created.statusCode()).isEqualTo(303);
                Matcher location = CLASS_LOCATION.matcher(created.headers().firstValue("Location").orElseThrow());
                assertThat(location.find()).isTrue();
                String classPath = "/classes/" + location.group(1);
                String page = teacher.get(classPath).body();
                Matcher code = CODE.matcher(page);
                assertThat(code.find()).isTrue();
                assertThat(page).contains(origin + "/join?code=" + code.group(1), "Nobody has joined yet");
                assertThat(teacher.get("/classes").body()).contains("ECS evening", "code " + code.group(1));

                Browser ana = ClassroomTestApp.student(origin, code.group(1), "ana");
                assertThat(teacher.get(classPath).body()).contains("Student ana", "/students/ana/reset-sandbox");

                assertThat(teacher.form(classPath + "/code/rotate", Map.of()).statusCode()).isEqualTo(303);
                Matcher rotated = CODE.matcher(teacher.get(classPath + "?done=rotated").body());
                assertThat(rotated.find()).isTrue();
                assertThat(rotated.group(1)).isNotEqualTo(code.group(1));
                assertThat(new Browser(origin).postJson("/api/join", ClassroomTestApp.body("code", code.group(1), "name",
                        "Late", "username", "late", "password", ClassroomTestApp.PASSWORD)).statusCode()).isEqualTo(400);

                assertThat(teacher.form(classPath + "/code/close", Map.of()).statusCode()).isEqualTo(303);
                assertThat(teacher.get(classPath + "?done=closed").body()).contains("Joining is closed");
                assertThat(new Browser(origin).postJson("/api/join", ClassroomTestApp.body("code", rotated.group(1), "name",
                        "Late", "username", "late", "password", ClassroomTestApp.PASSWORD)).statusCode()).isEqualTo(400);

                // A student's own pages: their classes, and no instructor page.
                assertThat(ana.get("/classes").body()).contains("ECS evening").doesNotContain("Create the class");
                assertThat(ana.get(classPath).statusCode()).isEqualTo(403);
            });
        }
    }
}
