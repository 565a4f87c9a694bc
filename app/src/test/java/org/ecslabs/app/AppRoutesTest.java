package org.ecslabs.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.FormBody;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.app.lab.LabDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route of the foundation, through HTTP against the real app on the fixture course. */
class AppRoutesTest {
    @TempDir
    Path dataDir;

    private AppContext context;

    @BeforeEach
    void open() {
        context = TestApp.context(dataDir);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void homeIntroducesTheProductAndLinksToTheFirstLesson() {
        JavalinTest.test(App.create(context), (server, client) -> {
            Response response = client.get("/");
            String html = response.body().string();

            assertThat(response.code()).isEqualTo(200);
            assertThat(response.headers().get("Content-Type")).containsExactly("text/html;charset=utf-8");
            assertThat(html).contains("<title>Learn Amazon ECS · ecs-labs</title>", "Learn Amazon ECS by running it",
                    "href=\"/lessons/first-steps\"", "3 lessons in 2 topics");
            assertThat(html).contains("href=\"/lessons\"", "href=\"/labs\"", "href=\"/quizzes\"", "href=\"/console\"");
        });
    }

    @Test
    void lessonIndexGroupsByTopicInCourseOrderWithAProgressBar() {
        JavalinTest.test(App.create(context), (server, client) -> {
            String html = client.get("/lessons").body().string();

            assertThat(html).containsSubsequence("Basics", "First steps with containers", "Services keep tasks running",
                    "Operations", "Scaling a service");
            assertThat(html).contains("<progress class=\"progress\" max=\"100\" value=\"0\"", "0 of 3 completed");
            assertThat(html).contains("What a container is and why ECS runs them.");
        });
    }

    @Test
    void lessonPageShowsTitleDomainsDateReferencesTocAndPrevNext() {
        JavalinTest.test(App.create(context), (server, client) -> {
            Response response = client.get("/lessons/services");
            String html = response.body().string();

            assertThat(response.code()).isEqualTo(200);
            assertThat(html).contains("<h1>Services keep tasks running</h1>", "Design Resilient Architectures",
                    "Last updated <time datetime=\"2026-11-19\">19 November 2026</time>");
            assertThat(html).contains("<a href=\"https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html\" "
                    + "rel=\"noopener noreferrer\">Amazon ECS services</a>");
            assertThat(html).contains("<li class=\"toc-level-2\"><a href=\"#desired-count\">Desired count</a></li>",
                    "<h2 id=\"desired-count\">");
            assertThat(html).contains("rel=\"prev\" href=\"/lessons/first-steps\"", "rel=\"next\" href=\"/lessons/scaling\"");
            assertThat(html).contains("href=\"https://www.youtube.com/watch?v=example\"", "ECS services explained");
            assertThat(html).contains("Mark as complete");
        });
    }

    @Test
    void firstAndLastLessonsHaveOnlyOneNeighbour() {
        JavalinTest.test(App.create(context), (server, client) -> {
            assertThat(client.get("/lessons/first-steps").body().string())
                    .doesNotContain("rel=\"prev\"").contains("rel=\"next\" href=\"/lessons/services\"");
            assertThat(client.get("/lessons/scaling").body().string())
                    .contains("rel=\"prev\" href=\"/lessons/services\"").doesNotContain("rel=\"next\"");
        });
    }

    @Test
    void lessonPageRendersTheBodysMarkdownFeatures() {
        JavalinTest.test(App.create(context), (server, client) -> {
            String html = client.get("/lessons/first-steps").body().string();

            assertThat(html).contains("<table class=\"table\">", "class=\"adm-block adm-exam\"", "class=\"task-list-item\"",
                    "<code class=\"language-bash\">", "<code class=\"language-mermaid\">", "<del>old idea</del>");
        });
    }

    @Test
    void labLinksAppearOnlyForLabsThatExist() {
        JavalinTest.test(App.create(context), (server, client) ->
                assertThat(client.get("/lessons/first-steps").body().string()).doesNotContain("Practise in a lab"));

        LabDirectory oneLab = id -> id.equals("first-fargate-task")
                ? Optional.of(new LabDirectory.LabLink(id, "Run your first Fargate task", "/labs/" + id)) : Optional.empty();
        AppContext withLabs = context.withLabs(oneLab);
        JavalinTest.test(App.create(withLabs), (server, client) -> {
            String html = client.get("/lessons/first-steps").body().string();
            assertThat(html).contains("Practise in a lab", "<a href=\"/labs/first-fargate-task\">Run your first Fargate task</a>");
            assertThat(html).doesNotContain("no-such-lab");
        });
    }

    @Test
    void unknownLessonGetsAFriendly404Page() {
        JavalinTest.test(App.create(context), (server, client) -> {
            Response response = client.get("/lessons/no-such-lesson");
            String html = response.body().string();

            assertThat(response.code()).isEqualTo(404);
            assertThat(html).contains("Page not found", "There is no lesson called 'no-such-lesson'.",
                    "href=\"/lessons\"");
            assertThat(html).doesNotContain("Exception", "at org.");
        });
    }

    @Test
    void unknownPathsAre404PagesForBrowsersAndJsonForTheApi() {
        JavalinTest.test(App.create(context), (server, client) -> {
            Response page = client.get("/nowhere");
            assertThat(page.code()).isEqualTo(404);
            assertThat(page.body().string()).contains("There is nothing at /nowhere.");

            Response api = client.get("/api/nowhere");
            assertThat(api.code()).isEqualTo(404);
            assertThat(api.headers().get("Content-Type").get(0)).startsWith("application/json");
            assertThat(api.body().string()).startsWith("{\"status\":404,\"error\":\"Not Found\",\"message\":");
        });
    }

    @Test
    void healthAnswersOkWithTheBuildVersion() {
        JavalinTest.test(App.create(context), (server, client) -> {
            Response response = client.get("/health");

            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("{\"status\":\"ok\",\"version\":\"0.1.0\"}");
        });
    }

    @Test
    void markingCompleteWithTheCsrfTokenIsRecordedAndShown() {
        JavalinTest.test(App.create(context), (server, client) -> {
            Response page = client.get("/lessons/services");
            String cookie = csrfCookie(page);
            String field = hiddenToken(page.body().string());
            assertThat(field).isEqualTo(cookie.substring(cookie.indexOf('=') + 1));

            Response post = client.request("/lessons/services/complete", request -> request
                    .post(new FormBody.Builder().add("_csrf", field).build()).header("Cookie", cookie));

            assertThat(post.code()).isEqualTo(303);
            assertThat(post.headers().get("Location")).containsExactly("/lessons/services#complete");
            assertThat(client.get("/lessons/services").body().string())
                    .contains("You completed this lesson on").doesNotContain("Mark as complete");
            assertThat(client.get("/lessons").body().string()).contains("1 of 3 completed · 33%", "value=\"33\"",
                    "<span class=\"lesson-check\" aria-hidden=\"true\">✓</span>");
        });
    }

    @Test
    void markingCompleteWithoutOrWithAWrongCsrfTokenIsRefused() {
        JavalinTest.test(App.create(context), (server, client) -> {
            String cookie = csrfCookie(client.get("/lessons/services"));

            Response missing = client.post("/lessons/services/complete", new FormBody.Builder().add("x", "y").build());
            Response wrong = client.request("/lessons/services/complete", request -> request
                    .post(new FormBody.Builder().add("_csrf", "0".repeat(32)).build()).header("Cookie", cookie));

            assertThat(missing.code()).isEqualTo(403);
            assertThat(wrong.code()).isEqualTo(403);
            assertThat(wrong.body().string()).contains("This form has expired or did not come from this site.");
            assertThat(client.get("/lessons").body().string()).contains("0 of 3 completed");
        });
    }

    @Test
    void markingAnUnknownLessonCompleteIs404() {
        JavalinTest.test(App.create(context), (server, client) -> {
            String cookie = csrfCookie(client.get("/lessons/services"));
            String token = cookie.substring(cookie.indexOf('=') + 1);
            Response post = client.request("/lessons/nope/complete", request -> request
                    .post(new FormBody.Builder().add("_csrf", token).build()).header("Cookie", cookie));

            assertThat(post.code()).isEqualTo(404);
        });
    }

    @Test
    void servesItsOwnStylesScriptsAndTheBundledLibraries() {
        JavalinTest.test(App.create(context), (server, client) -> {
            assertAsset(client, "/assets/app.css", "text/css", ".prose");
            assertAsset(client, "/assets/app.js", "javascript", "copy-button");
            BuildInfo build = BuildInfo.CURRENT;
            assertAsset(client, "/webjars/highlightjs/" + build.highlightjs() + "/highlight.min.js", "javascript", "hljs");
            assertAsset(client, "/webjars/highlightjs/" + build.highlightjs() + "/languages/dockerfile.min.js", "javascript", "");
            assertAsset(client, "/webjars/highlightjs/" + build.highlightjs() + "/styles/github.min.css", "text/css", ".hljs");
            assertAsset(client, "/webjars/mermaid/" + build.mermaid() + "/dist/mermaid.min.js", "javascript", "mermaid");
        });
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        JavalinTest.test(App.create(context), (server, client) -> {
            for (String path : new String[] {"/", "/lessons/services", "/nowhere", "/assets/app.css"}) {
                Response response = client.get(path);
                assertThat(response.headers().get("Content-Security-Policy").get(0))
                        .contains("script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'",
                                "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline");
                assertThat(response.headers().get("X-Content-Type-Options")).containsExactly("nosniff");
                assertThat(response.headers().get("Referrer-Policy")).containsExactly("strict-origin-when-cross-origin");
            }
        });
    }

    @Test
    void theDiagramFrameLoadsMermaidAndAloneMayUseInlineStylesAndBeFramedByOurPages() {
        JavalinTest.test(App.create(context), (server, client) -> {
            Response response = client.get("/diagram-frame");

            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).contains("/webjars/mermaid/" + BuildInfo.CURRENT.mermaid() + "/dist/mermaid.min.js",
                    "/assets/diagram-frame.js");
            assertThat(response.headers().get("Content-Security-Policy").get(0))
                    .contains("script-src 'self';", "style-src 'self' 'unsafe-inline'", "frame-ancestors 'self'");
            assertThat(response.headers().get("X-Frame-Options")).containsExactly("SAMEORIGIN");
            assertThat(client.get("/lessons").headers().get("X-Frame-Options")).containsExactly("DENY");
        });
    }

    @Test
    void anUnexpectedFailureIsAFriendlyPageWithoutStackTrace() {
        JavalinTest.test(App.create(context), (server, client) -> {
            context.database().close();
            Response response = client.get("/lessons");

            assertThat(response.code()).isEqualTo(500);
            assertThat(response.body().string()).contains("Something went wrong", "The details are in the server log.")
                    .doesNotContain("Exception", "at org.");
        });
    }

    @Test
    void pagesLoadNothingFromOtherSites() {
        JavalinTest.test(App.create(context), (server, client) -> {
            String html = client.get("/lessons/first-steps").body().string();

            assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//(?!docs\\.aws|aws\\.amazon|www\\.youtube)[^\"]*\\.(js|css)");
            assertThat(html).doesNotContain("<script>").doesNotContain(" style=\"");
        });
    }

    private static void assertAsset(HttpClient client, String path, String type, String content) {
        Response response = client.get(path);
        assertThat(response.code()).as(path).isEqualTo(200);
        assertThat(response.headers().get("Content-Type").get(0)).as(path).contains(type);
        assertThat(response.body().string()).as(path).contains(content);
    }

    private static String csrfCookie(Response response) {
        return response.headers().get("Set-Cookie").stream().filter(header -> header.startsWith("ecslabs_csrf="))
                .map(header -> header.substring(0, header.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no ecslabs_csrf cookie"));
    }

    private static String hiddenToken(String html) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(html);
        assertThat(matcher.find()).as("hidden _csrf field").isTrue();
        return matcher.group(1);
    }
}
