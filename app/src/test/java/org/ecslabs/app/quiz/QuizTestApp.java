package org.ecslabs.app.quiz;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.lab.LabDirectory;
import org.ecslabs.app.web.Csrf;
import org.ecslabs.app.web.CurrentLearner;
import org.ecslabs.app.web.Learner;
import org.ecslabs.simulator.testing.HandClock;
import org.ecslabs.simulator.testing.TestDatabases;

/**
 * The real app over the course in this repository (content/ and quizzes/), with a fresh
 * in-memory database, a clock the test moves, one lab ("logging-and-secrets") and a learner
 * chosen by the {@code X-Test-Learner} header (the local learner without it).
 */
final class QuizTestApp {
    static final String LEARNER_HEADER = "X-Test-Learner";
    static final String KNOWN_LAB = "logging-and-secrets";

    private QuizTestApp() {
    }

    /** The repository root: it holds content/ and quizzes/. Tests run in app/. */
    static Path course() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    static AppContext context(Path dataDir, Clock clock) {
        return context(new AppConfig(0, dataDir, TestDatabases.freshUrl(), course(), false),
                clock);
    }

    /** A context on the given configuration, with the test's clock, lab and learners. */
    static AppContext context(AppConfig config, Clock clock) {
        AppContext opened = AppContext.open(config);
        LabDirectory labs = id -> KNOWN_LAB.equals(id)
                ? Optional.of(new LabDirectory.LabLink(id, "Logging and secrets lab", "/labs/" + id)) : Optional.empty();
        CurrentLearner learners = ctx -> {
            String id = ctx.header(LEARNER_HEADER);
            return id == null ? Learner.LOCAL : new Learner(id, id);
        };
        return new AppContext(opened.config(), opened.database(), opened.content(), opened.markdown(), opened.lessons(),
                labs, learners, opened.templates(), clock, opened.quizzes(), opened.simulator());
    }

    /**
     * A browser without a browser: keeps cookies, does not follow redirects, and sends form posts
     * with the CSRF token from its cookie (as the pages' hidden field does).
     */
    static final class FormClient {
        private final String origin;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http;
        private final String learner;

        FormClient(String origin) {
            this(origin, null);
        }

        FormClient(String origin, String learner) {
            this.origin = origin;
            this.learner = learner;
            this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(origin + path)).GET());
        }

        /** Posts a form with the CSRF field; values of one name repeat. */
        HttpResponse<String> post(String path, Map<String, List<String>> form) {
            return postRaw(path, form, true);
        }

        HttpResponse<String> postRaw(String path, Map<String, List<String>> form, boolean withCsrf) {
            List<String> pairs = new ArrayList<>();
            form.forEach((name, values) -> values.forEach(value -> pairs.add(encode(name) + "=" + encode(value))));
            if (withCsrf) {
                pairs.add(encode(Csrf.FIELD) + "=" + encode(csrfToken()));
            }
            return send(HttpRequest.newBuilder(URI.create(origin + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))));
        }

        String csrfToken() {
            return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(Csrf.COOKIE))
                    .map(HttpCookie::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError("no CSRF cookie yet: GET a page with a form first"));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            if (learner != null) {
                request.header(LEARNER_HEADER, learner);
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    /** The id in the page's {@code data-question="..."}. */
    static String questionId(String html) {
        Matcher matcher = Pattern.compile("data-question=\"([a-z0-9-]+)\"").matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no question on the page:\n" + html);
        }
        return matcher.group(1);
    }

    /** The option indexes as form values. */
    static List<String> values(Set<Integer> indexes) {
        return indexes.stream().map(String::valueOf).toList();
    }

    /** A wrong answer: the first option that is not correct. */
    static Set<Integer> wrong(Question question) {
        for (int i = 0; i < question.options().size(); i++) {
            if (!question.options().get(i).correct()) {
                return Set.of(i);
            }
        }
        throw new AssertionError("question " + question.id() + " has no wrong option");
    }
}
