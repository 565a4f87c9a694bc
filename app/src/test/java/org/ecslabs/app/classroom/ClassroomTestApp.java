package org.ecslabs.app.classroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.simulator.testing.HandClock;

/**
 * The real app in classroom mode for tests: the first admin from ECSLABS_ADMIN_EMAIL and a password
 * file, a clock the test moves, and helpers that sign people in over HTTP.
 */
final class ClassroomTestApp {
    static final String ADMIN = "admin@example.edu";
    static final String PASSWORD = "correct horse battery";
    static final ObjectMapper JSON = new ObjectMapper();

    private ClassroomTestApp() {
    }

    /** Classroom mode on {@code dbUrl} with the course in {@code course}, on the test's clock. */
    static AppContext context(Path dataDir, String dbUrl, Path course, Clock clock) {
        Path passwordFile = dataDir.resolveSibling(dataDir.getFileName() + "-admin-password");
        try {
            Files.writeString(passwordFile, PASSWORD + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AppConfig config = new AppConfig(0, dataDir, dbUrl, course, false, AppConfig.Mode.CLASSROOM, "127.0.0.1", null,
                ADMIN, passwordFile);
        AppContext opened = AppContext.open(config);
        return new AppContext(opened.config(), opened.database(), opened.content(), opened.markdown(), opened.lessons(),
                opened.labs(), opened.learners(), opened.templates(), clock, opened.quizzes(), opened.simulator());
    }

    /** A browser signed in through the JSON API. */
    static Browser signedIn(String origin, String username, String password) {
        Browser browser = new Browser(origin);
        HttpResponse<String> response = browser.postJson("/api/session", body("username", username, "password", password));
        if (response.statusCode() != 200) {
            throw new AssertionError("sign-in of " + username + " answered " + response.statusCode() + ": " + response.body());
        }
        return browser;
    }

    /** An instructor, created by the admin. */
    static Browser instructor(String origin, Browser admin, String username) {
        HttpResponse<String> created = admin.postJson("/api/instructors",
                body("username", username, "name", "Teacher " + username, "password", PASSWORD));
        if (created.statusCode() != 201) {
            throw new AssertionError("creating " + username + " answered " + created.statusCode() + ": " + created.body());
        }
        return signedIn(origin, username, PASSWORD);
    }

    /** A student who joined with the class code through the JSON API. */
    static Browser student(String origin, String code, String username) {
        Browser browser = new Browser(origin);
        HttpResponse<String> joined = browser.postJson("/api/join",
                body("code", code, "name", "Student " + username, "username", username, "password", PASSWORD));
        if (joined.statusCode() != 200) {
            throw new AssertionError("join of " + username + " answered " + joined.statusCode() + ": " + joined.body());
        }
        return browser;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** A JSON object of string members, from name, value pairs. */
    static String body(String... pairs) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node.toString();
    }

}
