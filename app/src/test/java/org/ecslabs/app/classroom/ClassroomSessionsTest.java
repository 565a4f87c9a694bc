package org.ecslabs.app.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.app.classroom.ClassroomTestApp.body;
import static org.ecslabs.app.classroom.ClassroomTestApp.json;

import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.ecslabs.simulator.testing.HandClock;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in over HTTP on a manual clock: cookies, a fresh session per sign-in, idle timeout, sign-out, throttling, pages. */
class ClassroomSessionsTest {
    @TempDir
    Path data;

    @Test
    void sessionsSignInOutExpireAndAreThrottled() {
        HandClock clock = new HandClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (AppContext context = ClassroomTestApp.context(data, TestDatabases.freshUrl(),
                TestApp.fixtureCourse(), clock)) {
            JavalinTest.test(App.create(context), (server, client) -> {
                String origin = "http://localhost:" + server.port();
                Browser anonymous = new Browser(origin);

                // Without a session: pages go to sign-in, the API says 401, /health and assets answer.
                HttpResponse<String> home = anonymous.get("/lessons");
                assertThat(home.statusCode()).isEqualTo(303);
                assertThat(home.headers().firstValue("Location")).contains("/sign-in?next=%2Flessons");
                assertThat(anonymous.get("/api/me").statusCode()).isEqualTo(401);
                assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
                assertThat(anonymous.get("/assets/app.css").statusCode()).isEqualTo(200);
                assertThat(anonymous.get("/sign-in").body()).contains("<h1>Sign in</h1>", "name=\"_csrf\"");

                // The admin signs in through the form and lands where they were going.
                Browser admin = new Browser(origin);
                HttpResponse<String> signedIn = admin.form("/sign-in", Map.of("username", ClassroomTestApp.ADMIN,
                        "password", ClassroomTestApp.PASSWORD, "next", "/classes"));
                assertThat(signedIn.statusCode()).isEqualTo(303);
                assertThat(signedIn.headers().firstValue("Location")).contains("/classes");
                String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                        .filter(value -> value.startsWith(SessionCookie.NAME + "=")).findFirst().orElseThrow();
                assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
                assertThat(admin.get("/classes").body()).contains("<h1>Classes</h1>", "href=\"/account\"");
                // A redirect after sign-in never leaves the site.
                assertThat(AccountRoutes.safeNext("//evil.example/x")).isEqualTo("/");
                assertThat(AccountRoutes.safeNext("https://evil.example")).isEqualTo("/");

                // Each sign-in is a new session id; the one before it ends.
                String first = admin.cookie(SessionCookie.NAME);
                HttpResponse<String> again = admin.postJson("/api/session",
                        body("username", ClassroomTestApp.ADMIN, "password", ClassroomTestApp.PASSWORD));
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(json(again).get("role").asText()).isEqualTo("admin");
                assertThat(admin.cookie(SessionCookie.NAME)).isNotEqualTo(first);
                Browser stale = new Browser(origin);
                stale.cookie(SessionCookie.NAME, first);
                assertThat(stale.get("/api/me").statusCode()).isEqualTo(401);

                // JSON only on the API.
                assertThat(admin.form("/api/session", Map.of("username", "x")).statusCode()).isEqualTo(415);

                // Idle for longer than the timeout: signed out.
                String code = json(admin.postJson("/api/classes", body("name", "ECS"))).get("code").asText();
                Browser ana = ClassroomTestApp.student(origin, code, "ana");
                assertThat(json(ana.get("/api/me")).get("classes").get(0).get("name").asText()).isEqualTo("ECS");
                clock.advance(Sessions.IDLE.plusMinutes(1));
                assertThat(ana.get("/api/me").statusCode()).isEqualTo(401);

                // Sign-out ends the session.
                Browser ben = ClassroomTestApp.student(origin, code, "ben");
                String benToken = ben.cookie(SessionCookie.NAME);
                assertThat(ben.delete("/api/session").statusCode()).isEqualTo(204);
                Browser replay = new Browser(origin);
                replay.cookie(SessionCookie.NAME, benToken);
                assertThat(replay.get("/api/me").statusCode()).isEqualTo(401);

                // Ten wrong passwords lock the account (and this address) for fifteen minutes, with one message.
                Browser guesser = new Browser(origin);
                for (int i = 0; i < 10; i++) {
                    HttpResponse<String> wrong = guesser.postJson("/api/session", body("username", "ana", "password", "guess " + i));
                    assertThat(wrong.statusCode()).isEqualTo(401);
                    assertThat(json(wrong).get("message").asText()).isEqualTo(AccountRoutes.SIGN_IN_FAILED);
                }
                HttpResponse<String> locked = new Browser(origin).postJson("/api/session",
                        body("username", "ana", "password", ClassroomTestApp.PASSWORD));
                assertThat(locked.statusCode()).isEqualTo(401);
                assertThat(json(locked).get("message").asText()).isEqualTo(AccountRoutes.SIGN_IN_FAILED);
                HttpResponse<String> unknown = new Browser(origin).postJson("/api/session",
                        body("username", "nobody", "password", ClassroomTestApp.PASSWORD));
                assertThat(json(unknown).get("message").asText()).isEqualTo(AccountRoutes.SIGN_IN_FAILED);
                clock.advance(Duration.ofMinutes(15).plusSeconds(1));
                ClassroomTestApp.signedIn(origin, "ana", ClassroomTestApp.PASSWORD);

                // Change of password: the old one stops working, other sessions end.
                Browser anaAgain = ClassroomTestApp.signedIn(origin, "ana", ClassroomTestApp.PASSWORD);
                Browser anaElsewhere = ClassroomTestApp.signedIn(origin, "ana", ClassroomTestApp.PASSWORD);
                HttpResponse<String> changed = anaAgain.form("/account/password", Map.of("current", ClassroomTestApp.PASSWORD,
                        "password", "a brand new passphrase", "confirm", "a brand new passphrase"));
                assertThat(changed.statusCode()).isEqualTo(303);
                assertThat(anaAgain.get("/api/me").statusCode()).isEqualTo(200);
                assertThat(anaElsewhere.get("/api/me").statusCode()).isEqualTo(401);
                assertThat(new Browser(origin).postJson("/api/session", body("username", "ana", "password",
                        ClassroomTestApp.PASSWORD)).statusCode()).isEqualTo(401);
                ClassroomTestApp.signedIn(origin, "ana", "a brand new passphrase");

                // The join page with its link's code, and a join through the form.
                assertThat(anonymous.get("/join?code=" + code).body()).contains("value=\"" + code + "\"");
                Browser cleo = new Browser(origin);
                HttpResponse<String> joined = cleo.form("/join", Map.of("code", code, "name", "Cleo <b>", "username",
                        "cleo@example.edu", "password", ClassroomTestApp.PASSWORD));
                assertThat(joined.statusCode()).isEqualTo(303);
                assertThat(cleo.get("/account").body()).contains("Cleo &lt;b&gt;", "cleo@example.edu", "ECS");
                assertThat(new Browser(origin).form("/join", Map.of("code", "WRONGCODE123", "name", "X", "username",
                        "xavier", "password", ClassroomTestApp.PASSWORD)).body()).contains("That class code is not open");
                HttpResponse<String> taken = new Browser(origin).postJson("/api/join", body("code", code, "name", "Ana 2",
                        "username", "ANA", "password", ClassroomTestApp.PASSWORD));
                assertThat(taken.statusCode()).isEqualTo(409);
                assertThat(taken.body()).contains("is taken");
            });
        }
    }
}
