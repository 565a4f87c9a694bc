package org.ecslabs.app.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.app.classroom.ClassroomTestApp.body;
import static org.ecslabs.app.classroom.ClassroomTestApp.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.ecslabs.app.App;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/** A restart of the app (an H2 file database) keeps sessions, classes and each student's sandbox. */
class ClassroomRestartTest {
    @TempDir
    Path dir;

    @Test
    void sessionsClassesAndSandboxesSurviveARestart() throws Exception {
        Path data = dir.resolve("data");
        AtomicReference<String> studentCookie = new AtomicReference<>();
        AtomicReference<String> teacherCookie = new AtomicReference<>();
        AtomicReference<JsonNode> keys = new AtomicReference<>();
        AtomicReference<String> classId = new AtomicReference<>();
        AtomicReference<String> clusterArn = new AtomicReference<>();
        try (AppContext context = open(data)) {
            JavalinTest.test(App.create(context), (server, client) -> {
                String origin = "http://localhost:" + server.port();
                Browser admin = ClassroomTestApp.signedIn(origin, ClassroomTestApp.ADMIN, ClassroomTestApp.PASSWORD);
                Browser teacher = ClassroomTestApp.instructor(origin, admin, "teacher");
                JsonNode created = json(teacher.postJson("/api/classes", body("name", "ECS 101")));
                // The join link uses the public address, and cookies are Secure behind https.
                assertThat(created.get("joinUrl").asText()).isEqualTo("https://ecs.example.edu/join?code="
                        + created.get("code").asText());
                classId.set(created.get("id").asText());
                Browser ana = ClassroomTestApp.student(origin, created.get("code").asText(), "ana");
                keys.set(json(ana.get("/api/me/sandbox")));
                try (EcsClient ecs = ecs(origin, keys.get())) {
                    clusterArn.set(ecs.createCluster(r -> r.clusterName("before-restart")).cluster().clusterArn());
                }
                assertThat(ana.form("/lessons/first-steps/complete", Map.of()).statusCode()).isEqualTo(303);
                var signIn = new Browser(origin).postJson("/api/session", body("username", "ana", "password",
                        ClassroomTestApp.PASSWORD));
                assertThat(signIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                        .startsWith(SessionCookie.NAME + "=").contains("Secure", "HttpOnly", "SameSite=Lax"));
                studentCookie.set(ana.cookie(SessionCookie.NAME));
                teacherCookie.set(teacher.cookie(SessionCookie.NAME));
            });
        }
        if (data.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("ecs-labs.mv.db"))))
                    .isEqualTo("rw-------");
        }

        try (AppContext context = open(data)) {
            JavalinTest.test(App.create(context), (server, client) -> {
                String origin = "http://localhost:" + server.port();
                Browser ana = new Browser(origin);
                ana.cookie(SessionCookie.NAME, studentCookie.get());
                JsonNode me = json(ana.get("/api/me"));
                assertThat(me.get("username").asText()).isEqualTo("ana");
                assertThat(me.get("classes").get(0).get("name").asText()).isEqualTo("ECS 101");
                JsonNode keysAfter = json(ana.get("/api/me/sandbox"));
                assertThat(keysAfter.get("accessKeyId").asText()).isEqualTo(keys.get().get("accessKeyId").asText());
                try (EcsClient ecs = ecs(origin, keysAfter)) {
                    assertThat(ecs.listClusters().clusterArns()).containsExactly(clusterArn.get());
                }
                Browser teacher = new Browser(origin);
                teacher.cookie(SessionCookie.NAME, teacherCookie.get());
                JsonNode report = json(teacher.get("/api/classes/" + classId.get() + "/report"));
                assertThat(report.get("class").get("name").asText()).isEqualTo("ECS 101");
                JsonNode row = report.get("students").get(0);
                assertThat(row.get("username").asText()).isEqualTo("ana");
                assertThat(row.get("lessonsCompleted").asInt()).isEqualTo(1);
                assertThat(row.get("labsCompleted").asInt()).isZero();
                assertThat(row.get("bestExamScore").isNull()).isTrue();
                assertThat(row.get("lastActive").asText()).isNotEmpty();
                String csv = teacher.get("/api/classes/" + classId.get() + "/report.csv").body();
                assertThat(csv.lines().findFirst().orElseThrow()).startsWith("\"username\",\"name\",\"lessonsCompleted\"");
                assertThat(csv).contains("\"ana\",\"Student ana\",\"1\",\"0\",\"0\",\"\"");
            });
        }
    }

    private static AppContext open(Path data) {
        AppContext context = ClassroomTestApp.context(data, AppConfig.defaultDbUrl(data), TestApp.fixtureCourse(),
                Clock.systemUTC());
        AppConfig https = context.config().withPublicUrl(URI.create("https://ecs.example.edu"));
        return new AppContext(https, context.database(), context.content(), context.markdown(), context.lessons(),
                context.labs(), context.learners(), context.templates(), context.clock(), context.quizzes(),
                context.simulator());
    }

    private static EcsClient ecs(String origin, JsonNode keys) {
        // The endpoint the app reports is the public one; the test reaches the same app on localhost.
        return EcsClient.builder().endpointOverride(URI.create(origin + "/aws")).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        keys.get("accessKeyId").asText(), keys.get("secretAccessKey").asText())))
                .build();
    }
}
