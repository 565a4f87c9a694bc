package org.ecslabs.app.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.app.classroom.ClassroomTestApp.body;
import static org.ecslabs.app.classroom.ClassroomTestApp.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.simulator.testing.HandClock;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructor's class dashboard and a student's drill-down over HTTP, with the real course:
 * what students did shows in the matrix, sorting and filtering are plain links, the failing checks
 * and the messages students saw are there, names are escaped, and nobody else gets in.
 */
class DashboardTest {
    @TempDir
    Path data;

    @Test
    void theInstructorSeesWhatEachStudentDidAndNobodyElseDoes() {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        HandClock clock = new HandClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (AppContext context = ClassroomTestApp.context(data, TestDatabases.freshUrl(), repository, clock)) {
            JavalinTest.test(App.create(context), (server, client) -> {
                String origin = "http://localhost:" + server.port();
                Browser admin = ClassroomTestApp.signedIn(origin, ClassroomTestApp.ADMIN, ClassroomTestApp.PASSWORD);
                Browser teacher = ClassroomTestApp.instructor(origin, admin, "teacher");
                Browser other = ClassroomTestApp.instructor(origin, admin, "other");
                JsonNode created = json(teacher.postJson("/api/classes", body("name", "ECS 101")));
                String classPath = "/classes/" + created.get("id").asText();
                String code = created.get("code").asText();
                Browser ana = ClassroomTestApp.student(origin, code, "ana");
                Browser ben = new Browser(origin);
                assertThat(ben.postJson("/api/join", body("code", code, "name", "<b>Ben</b> \"Bold\"", "username", "ben",
                        "password", ClassroomTestApp.PASSWORD)).statusCode()).isEqualTo(200);

                assertThat(ana.form("/lessons/clusters/complete", Map.of()).statusCode()).isEqualTo(303);
                HttpResponse<String> step = ana.postJson("/api/labs/first-fargate-task/steps/1/check", "{}");
                assertThat(step.statusCode()).isEqualTo(200);
                JsonNode stepCheck = json(step).get("checks").get(0);
                assertThat(stepCheck.get("passed").asBoolean()).isFalse();
                String message = stepCheck.get("message").asText();
                assertThat(ana.postJson("/api/labs/first-fargate-task/check", "{}").statusCode()).isEqualTo(200);

                String dashboard = teacher.get(classPath).body();
                assertThat(dashboard).contains("Student ana").contains("&lt;b&gt;Ben&lt;/b&gt;").doesNotContain("<b>Ben</b>")
                        .contains("/api/classes/" + created.get("id").asText() + "/report.csv")
                        .contains("first-fargate-task: failing");
                assertThat(between(dashboard, "data-student=\"ana\"", "</tr>"))
                        .contains("data-cell=\"lessons\">1<").contains("data-cell=\"checks\">0 / 5<");
                assertThat(between(dashboard, "data-student=\"ben\"", "</tr>"))
                        .contains("data-cell=\"lessons\">0<").contains("none yet");
                // Ana's step run and whole-lab run failed cluster-active: one student of one who ran it.
                assertThat(between(dashboard, "<tr data-check=\"cluster-active\">", "</tr>")).contains("1 of 1");

                // Sorting by lessons, most first, puts Ana on top; the other way round, Ben.
                String byLessons = teacher.get(classPath + "?sort=lessons&dir=desc").body();
                assertThat(byLessons.indexOf("data-student=\"ana\"")).isLessThan(byLessons.indexOf("data-student=\"ben\""));
                assertThat(byLessons).contains("aria-sort=\"descending\"><a href=\"" + classPath + "?sort=lessons&amp;dir=asc\"");
                String fewestFirst = teacher.get(classPath + "?sort=lessons&dir=asc").body();
                assertThat(fewestFirst.indexOf("data-student=\"ben\"")).isLessThan(fewestFirst.indexOf("data-student=\"ana\""));
                // Filtering by name keeps the filter in the sort links, escaped.
                String filtered = teacher.get(classPath + "?q=BEN").body();
                assertThat(filtered).contains("data-student=\"ben\"").doesNotContain("data-student=\"ana\"")
                        .contains("&amp;q=BEN\"");
                String hostile = teacher.get(classPath + "?q=%22%3E%3Cscript%3Ex%3C/script%3E").body();
                assertThat(hostile).doesNotContain("<script>x").contains("No student matches.");

                // The drill-down: Ana's runs with the message she saw.
                HttpResponse<String> drill = teacher.get(classPath + "/students/ana");
                assertThat(drill.statusCode()).isEqualTo(200);
                assertThat(drill.body()).contains("first-fargate-task, step 1: 0 / 1 passed")
                        .contains("first-fargate-task, whole lab: 0 / 5 passed").contains("No finished exam yet.")
                        .contains(escaped(message));

                // Nobody else: students, another instructor, and no one outside the class.
                assertThat(ana.get(classPath).statusCode()).isEqualTo(403);
                assertThat(ana.get(classPath + "/students/ana").statusCode()).isEqualTo(403);
                assertThat(other.get(classPath).statusCode()).isEqualTo(403);
                assertThat(other.get(classPath + "/students/ana").statusCode()).isEqualTo(403);
                assertThat(teacher.get(classPath + "/students/other").statusCode()).isEqualTo(404);
                assertThat(teacher.get(classPath + "/students/teacher").statusCode()).isEqualTo(404);
            });
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s in the page", start).isGreaterThanOrEqualTo(0);
        return text.substring(from, text.indexOf(end, from));
    }

    private static String escaped(String text) {
        // Text between tags: JTE escapes what could open a tag or an entity.
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
