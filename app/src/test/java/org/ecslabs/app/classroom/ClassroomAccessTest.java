package org.ecslabs.app.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.app.classroom.ClassroomTestApp.body;
import static org.ecslabs.app.classroom.ClassroomTestApp.json;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.ecslabs.simulator.testing.HandClock;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may do what, for EVERY route the app registers (read from Javalin's own route list, so a
 * new route without a row here fails): anonymous, two students of one class, the class's
 * instructor, another instructor and the admin, each with their own session and form token.
 */
class ClassroomAccessTest {

    enum Actor { ANONYMOUS, STUDENT_A, STUDENT_B, INSTRUCTOR, OTHER_INSTRUCTOR, ADMIN }

    /** Who is let through. */
    enum Access {
        OPEN(EnumSet.allOf(Actor.class)),
        SIGNED_IN(EnumSet.complementOf(EnumSet.of(Actor.ANONYMOUS))),
        TEACHER(EnumSet.of(Actor.INSTRUCTOR, Actor.OTHER_INSTRUCTOR, Actor.ADMIN)),
        CLASS_TEACHER(EnumSet.of(Actor.INSTRUCTOR, Actor.ADMIN)),
        ADMIN_ONLY(EnumSet.of(Actor.ADMIN));

        final Set<Actor> allowed;

        Access(Set<Actor> allowed) {
            this.allowed = allowed;
        }
    }

    /** What a route's request carries: nothing, a form (with the browser's token) or JSON. */
    record Row(Access access, String form, String json, boolean signsIn) {
    }

    private static final Map<String, Row> ROUTES = new LinkedHashMap<>();

    private static void get(String path, Access access) {
        ROUTES.put("GET " + path, new Row(access, null, null, false));
    }

    private static void form(String path, Access access) {
        ROUTES.put("POST " + path, new Row(access, "", null, false));
    }

    private static void api(String method, String path, Access access, String json) {
        ROUTES.put(method + " " + path, new Row(access, null, json, false));
    }

    static {
        get("/", Access.SIGNED_IN);
        get("/health", Access.OPEN);
        // Prometheus signs in to nothing: ECSLABS_METRICS (loopback only by default) decides who reads it.
        get("/metrics", Access.OPEN);
        get("/diagram-frame", Access.SIGNED_IN);
        get("/lessons", Access.SIGNED_IN);
        get("/lessons/{slug}", Access.SIGNED_IN);
        form("/lessons/{slug}/complete", Access.SIGNED_IN);
        get("/quizzes", Access.SIGNED_IN);
        get("/api/quizzes/stats", Access.SIGNED_IN);
        get("/quizzes/practice", Access.SIGNED_IN);
        form("/quizzes/practice", Access.SIGNED_IN);
        get("/quizzes/review", Access.SIGNED_IN);
        form("/quizzes/review", Access.SIGNED_IN);
        get("/exams", Access.SIGNED_IN);
        get("/exams/{id}", Access.SIGNED_IN);
        form("/exams/{id}/start", Access.SIGNED_IN);
        get("/exams/session/{session}/q/{n}", Access.SIGNED_IN);
        form("/exams/session/{session}/q/{n}", Access.SIGNED_IN);
        get("/exams/session/{session}/finish", Access.SIGNED_IN);
        form("/exams/session/{session}/submit", Access.SIGNED_IN);
        get("/exams/session/{session}/result", Access.SIGNED_IN);
        api("POST", "/api/quizzes/import", Access.SIGNED_IN, "{}");
        get("/labs/backend", Access.SIGNED_IN);
        form("/labs/backend", Access.SIGNED_IN);
        form("/labs/backend/test", Access.SIGNED_IN);
        form("/labs/backend/remove", Access.SIGNED_IN);
        get("/labs", Access.SIGNED_IN);
        get("/labs/{id}", Access.SIGNED_IN);
        form("/labs/{id}/reset-sandbox", Access.SIGNED_IN);
        get("/api/labs", Access.SIGNED_IN);
        get("/api/labs/{id}", Access.SIGNED_IN);
        api("POST", "/api/labs/{id}/check", Access.SIGNED_IN, "{}");
        api("POST", "/api/labs/{id}/steps/{step}/check", Access.SIGNED_IN, "{}");
        api("POST", "/api/labs/{id}/clean-up", Access.SIGNED_IN, "{}");
        get("/api/labs/{id}/clean-up", Access.SIGNED_IN);
        // The AWS endpoint answers to SigV4 signatures, not to cookies: the gate lets everyone reach it.
        for (String path : List.of("/aws", "/aws/", "/aws/<rest>")) {
            get(path, Access.OPEN);
            api("POST", path, Access.OPEN, "{}");
        }
        get("/console", Access.SIGNED_IN);
        api("POST", "/api/console", Access.SIGNED_IN, body("command", "aws sts get-caller-identity"));
        get("/api/console/state", Access.SIGNED_IN);
        // Signing in and joining: open to all, and they start a new session (the walk signs the actor back in).
        get("/sign-in", Access.OPEN);
        ROUTES.put("POST /sign-in", new Row(Access.OPEN, "walker", null, true));
        ROUTES.put("POST /api/session", new Row(Access.OPEN, null, "walker", true));
        ROUTES.put("POST /sign-out", new Row(Access.SIGNED_IN, "", null, true));
        ROUTES.put("DELETE /api/session", new Row(Access.SIGNED_IN, null, "", true));
        get("/join", Access.OPEN);
        form("/join", Access.OPEN);
        api("POST", "/api/join", Access.OPEN, body("code", "NOSUCHCODE00", "name", "N", "username", "nobody",
                "password", "long enough password"));
        get("/setup", Access.OPEN);
        form("/setup", Access.OPEN);
        get("/account", Access.SIGNED_IN);
        form("/account/password", Access.SIGNED_IN);
        get("/api/me", Access.SIGNED_IN);
        get("/api/me/sandbox", Access.SIGNED_IN);
        // Classes
        get("/classes", Access.SIGNED_IN);
        form("/classes", Access.TEACHER);
        api("POST", "/api/classes", Access.TEACHER, body("name", "Walk class"));
        get("/classes/{id}", Access.CLASS_TEACHER);
        get("/classes/{id}/students/{username}", Access.CLASS_TEACHER);
        form("/classes/{id}/code/rotate", Access.CLASS_TEACHER);
        form("/classes/{id}/code/close", Access.CLASS_TEACHER);
        form("/classes/{id}/students/{username}/reset-sandbox", Access.CLASS_TEACHER);
        api("POST", "/api/classes/{id}/students/{username}/reset-sandbox", Access.CLASS_TEACHER, "{}");
        get("/api/classes/{id}/report", Access.CLASS_TEACHER);
        get("/api/classes/{id}/report.csv", Access.CLASS_TEACHER);
        get("/admin/instructors", Access.ADMIN_ONLY);
        form("/admin/instructors", Access.ADMIN_ONLY);
        api("POST", "/api/instructors", Access.ADMIN_ONLY, null);
    }

    @TempDir
    Path data;

    @Test
    void everyRouteLetsInExactlyWhoMayUseIt() {
        HandClock clock = new HandClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (AppContext context = ClassroomTestApp.context(data, TestDatabases.freshUrl(),
                TestApp.fixtureCourse(), clock)) {
            Javalin app = App.create(context);
            Set<String> registered = app.unsafe.internalRouter.allHttpHandlers().stream()
                    .filter(parsed -> parsed.endpoint.method.isHttpMethod())
                    .map(parsed -> parsed.endpoint.method.name() + " " + parsed.endpoint.path)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(registered).as("every registered route has a row in this test, and every row a route")
                    .containsExactlyInAnyOrderElementsOf(ROUTES.keySet());

            JavalinTest.test(app, (server, client) -> {
                String origin = "http://localhost:" + server.port();
                Map<Actor, String> usernames = new EnumMap<>(Actor.class);
                Map<Actor, Browser> browsers = new EnumMap<>(Actor.class);
                browsers.put(Actor.ANONYMOUS, new Browser(origin));
                browsers.put(Actor.ADMIN, ClassroomTestApp.signedIn(origin, ClassroomTestApp.ADMIN, ClassroomTestApp.PASSWORD));
                usernames.put(Actor.ADMIN, ClassroomTestApp.ADMIN);
                browsers.put(Actor.INSTRUCTOR, ClassroomTestApp.instructor(origin, browsers.get(Actor.ADMIN), "teacher"));
                usernames.put(Actor.INSTRUCTOR, "teacher");
                browsers.put(Actor.OTHER_INSTRUCTOR, ClassroomTestApp.instructor(origin, browsers.get(Actor.ADMIN), "other"));
                usernames.put(Actor.OTHER_INSTRUCTOR, "other");
                var created = json(browsers.get(Actor.INSTRUCTOR).postJson("/api/classes", body("name", "ECS 101")));
                String classId = created.get("id").asText();
                String code = created.get("code").asText();
                browsers.put(Actor.STUDENT_A, ClassroomTestApp.student(origin, code, "student-a"));
                usernames.put(Actor.STUDENT_A, "student-a");
                browsers.put(Actor.STUDENT_B, ClassroomTestApp.student(origin, code, "student-b"));
                usernames.put(Actor.STUDENT_B, "student-b");
                ClassroomTestApp.student(origin, code, "walker");

                List<String> wrong = new ArrayList<>();
                int[] counter = {0};
                for (Map.Entry<String, Row> entry : ROUTES.entrySet()) {
                    String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
                    String path = concrete(entry.getKey().substring(method.length() + 1), classId);
                    Row row = entry.getValue();
                    for (Actor actor : Actor.values()) {
                        Browser browser = browsers.get(actor);
                        HttpResponse<String> response = send(browser, method, path, row, ++counter[0]);
                        boolean denied = denied(response, path);
                        boolean allowed = row.access().allowed.contains(actor);
                        if (denied == allowed || response.statusCode() >= 500) {
                            wrong.add(actor + " " + method + " " + path + " -> " + response.statusCode()
                                    + " (expected " + (allowed ? "allowed" : "denied") + ")");
                        }
                        if (row.signsIn() && actor != Actor.ANONYMOUS) {
                            browsers.put(actor, ClassroomTestApp.signedIn(origin, usernames.get(actor), ClassroomTestApp.PASSWORD));
                        }
                        if (row.signsIn() && actor == Actor.ANONYMOUS) {
                            browsers.put(actor, new Browser(origin));
                        }
                    }
                    // Failed sign-ins and join codes from 127.0.0.1 add up over the walk; each route starts unlocked.
                    clock.advance(Duration.ofMinutes(16));
                }
                assertThat(wrong).isEmpty();
            });
        }
    }

    private static HttpResponse<String> send(Browser browser, String method, String path, Row row, int serial) {
        if (row.form() != null && method.equals("POST")) {
            Map<String, String> fields = row.form().equals("walker")
                    ? Map.of("username", "walker", "password", ClassroomTestApp.PASSWORD)
                    : Map.of("name", "Walk " + serial, "username", "walk-" + serial, "password", "long enough password");
            return browser.form(path, fields);
        }
        if (row.json() == null && method.equals("POST")) {
            return browser.postJson(path, body("username", "walk-" + serial, "name", "Walk", "password", "long enough password"));
        }
        if (row.json() != null && method.equals("DELETE")) {
            return browser.delete(path);
        }
        if (row.json() != null) {
            String json = row.json().equals("walker") ? body("username", "walker", "password", ClassroomTestApp.PASSWORD) : row.json();
            return browser.json(method, path, json);
        }
        return browser.get(path);
    }

    /** Turned away by the gate (401, or a page's redirect to sign-in) or by a role or ownership check (403). */
    private static boolean denied(HttpResponse<String> response, String path) {
        int status = response.statusCode();
        boolean toSignIn = status == 303 && response.headers().firstValue("Location").orElse("").startsWith("/sign-in?next=");
        // The simulator answers an unsigned call itself with an AWS error (403 MissingAuthenticationToken and the like).
        boolean awsAnswer = path.equals("/aws") || path.startsWith("/aws/");
        return status == 401 || toSignIn || (status == 403 && !awsAnswer);
    }

    private static String concrete(String path, String classId) {
        String id = path.startsWith("/classes/") || path.startsWith("/api/classes/") ? classId : "nope";
        return path.replace("{id}", id).replace("{slug}", "first-steps").replace("{username}", "student-a")
                .replace("{session}", "nope").replace("{n}", "1").replace("{step}", "1")
                .replace("<rest>", "service/x/operation/y");
    }
}
