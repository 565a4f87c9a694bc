package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ecslabs.app.App;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.simulator.engine.Account;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-account mode end to end: the settings page, the vault, and lab checks through the
 * real-account code path. The app's own simulator stands in for AWS through the test-only
 * {@link Backend#REAL_ENDPOINT_OVERRIDE}, with keys of a separate simulator account.
 */
class LabBackendRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]{32})\"");

    @TempDir
    Path data;

    @AfterEach
    void clearOverride() {
        System.clearProperty(Backend.REAL_ENDPOINT_OVERRIDE);
    }

    private AppContext context() {
        return AppContext.open(new AppConfig(0, data, TestDatabases.freshUrl(),
                LabFiles.folder().getParent(), false));
    }

    /** A browser: keeps cookies, does not follow redirects. */
    private record Browser(HttpClient http, String origin) {
        static Browser at(String origin) {
            return new Browser(HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build(), origin);
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(origin + path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create(origin + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrf() throws Exception {
            Matcher matcher = CSRF.matcher(get("/labs/backend").body());
            assertThat(matcher.find()).isTrue();
            return matcher.group(1);
        }
    }

    private static Map<String, String> form(String csrf, String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrf);
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static boolean passed(JsonNode run, String checkId) {
        for (JsonNode check : run.get("checks")) {
            if (check.get("id").asText().equals(checkId)) {
                return check.get("passed").asBoolean();
            }
        }
        throw new AssertionError("no check " + checkId + " in " + run);
    }

    @Test
    void aLearnersAwsAccountIsStoredEncryptedNeverShownAndRunsTheLabsChecks() throws Exception {
        try (AppContext context = context()) {
            Account sandbox = context.simulator().accounts().create("sandbox");
            String secret = sandbox.secretAccessKey();
            JavalinTest.test(App.create(context), (server, client) -> {
                Browser browser = Browser.at(client.getOrigin());
                String settings = browser.get("/labs/backend").body();
                assertThat(settings).contains("Built-in simulator", "My AWS account", "type=\"password\" name=\"secretAccessKey\"");
                assertThat(browser.get("/labs").body()).contains("href=\"/labs/backend\"");
                assertThat(browser.get("/labs/first-fargate-task").body())
                        .contains("Checks run against the built-in simulator", "href=\"/labs/backend\"")
                        .doesNotContain("Real charges apply");

                // Without the form's token the POST is refused and nothing is stored.
                Browser stranger = Browser.at(client.getOrigin());
                assertThat(stranger.post("/labs/backend", Map.of("backend", "real", "region", "us-east-1",
                        "accessKeyId", sandbox.accessKeyId(), "secretAccessKey", secret)).statusCode()).isEqualTo(403);
                assertThat(browser.get("/labs/backend").body()).doesNotContain(last4(sandbox));

                HttpResponse<String> saved = browser.post("/labs/backend", form(browser.csrf(), "backend", "real",
                        "region", "us-east-1", "accessKeyId", sandbox.accessKeyId(), "secretAccessKey", secret));
                assertThat(saved.statusCode()).isEqualTo(303);
                settings = browser.get("/labs/backend?done=saved").body();
                assertThat(settings).contains("Saved.", "us-east-1", "ending in " + last4(sandbox))
                        .doesNotContain(secret).doesNotContain(sandbox.accessKeyId());

                String page = browser.get("/labs/first-fargate-task").body();
                assertThat(page).contains("Checks run against your own AWS account", "Real charges apply",
                        "ECS cluster fargate-lab", "about a cent per hour", "href=\"#clean-up\"",
                        "commands (the simulator's controls) are not available on a real account")
                        .doesNotContain(secret);
                assertThat(browser.get("/api/labs/first-fargate-task").body()).doesNotContain(secret);
                assertThat(browser.get("/api/labs").body()).doesNotContain(secret);

                // "AWS" is the app's own /aws, reached through the real-account code path.
                System.setProperty(Backend.REAL_ENDPOINT_OVERRIDE, client.getOrigin() + "/aws");
                String tested = browser.post("/labs/backend/test", form(browser.csrf())).body();
                assertThat(tested).contains("Connected to AWS account " + sandbox.accountId()).doesNotContain(secret);

                JsonNode before = JSON.readTree(browser.http().send(HttpRequest.newBuilder(
                        URI.create(client.getOrigin() + "/api/labs/first-fargate-task/check"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertThat(passed(before, "cluster-active")).isFalse();

                // The learner makes the cluster in "their account" (the sandbox account's keys).
                try (AwsClients aws = new AwsClients(Backend.endpoint(URI.create(client.getOrigin() + "/aws"),
                        "us-east-1", sandbox.accessKeyId(), secret))) {
                    aws.ecs().createCluster(request -> request.clusterName("fargate-lab"));
                }
                JsonNode onAccount = JSON.readTree(client.post("/api/labs/first-fargate-task/check", Map.of()).body().string());
                assertThat(passed(onAccount, "cluster-active")).isTrue();
                assertThat(JSON.writeValueAsString(onAccount)).doesNotContain(secret);

                // Back to the simulator (keys kept): the solo account has no such cluster.
                assertThat(browser.post("/labs/backend", form(browser.csrf(), "backend", "simulator")).statusCode())
                        .isEqualTo(303);
                JsonNode onSimulator = JSON.readTree(client.post("/api/labs/first-fargate-task/check", Map.of()).body().string());
                assertThat(passed(onSimulator, "cluster-active")).isFalse();
                assertThat(browser.get("/labs/backend").body()).contains("ending in " + last4(sandbox));

                // Remove: gone from the page and the database.
                assertThat(browser.post("/labs/backend/remove", form(browser.csrf())).statusCode()).isEqualTo(303);
                assertThat(browser.get("/labs/backend?done=removed").body())
                        .contains("were removed").doesNotContain("ending in " + last4(sandbox));
                assertThat(browser.post("/labs/backend/remove", Map.of()).statusCode()).isEqualTo(403);
            });
        }
    }

    @Test
    void badKeysAreAReadableAwsErrorAndBadInputIsRefused() throws Exception {
        try (AppContext context = context()) {
            JavalinTest.test(App.create(context), (server, client) -> {
                Browser browser = Browser.at(client.getOrigin());
                HttpResponse<String> noRegion = browser.post("/labs/backend", form(browser.csrf(), "backend", "real",
                        "region", "nowhere", "accessKeyId", "AKIA0000000000000000", "secretAccessKey", "s3cr3t-value"));
                assertThat(noRegion.statusCode()).isEqualTo(400);
                assertThat(noRegion.body()).contains("Enter a region such as us-east-1.").doesNotContain("s3cr3t-value");

                assertThat(browser.post("/labs/backend", form(browser.csrf(), "backend", "real", "region", "us-east-1",
                        "accessKeyId", "AKIA0000000000000000", "secretAccessKey", "s3cr3t-value")).statusCode()).isEqualTo(303);
                System.setProperty(Backend.REAL_ENDPOINT_OVERRIDE, client.getOrigin() + "/aws");
                String tested = browser.post("/labs/backend/test", form(browser.csrf())).body();
                assertThat(tested).contains("AWS said:").doesNotContain("s3cr3t-value");
            });
        }
    }

    @Test
    void aLineBreakInAStoredKeyIsRefusedReadablyAndNeverLogged() throws Exception {
        try (AppContext context = context()) {
            JavalinTest.test(App.create(context), (server, client) -> {
                Browser browser = Browser.at(client.getOrigin());
                String token = "FwoGZXIvYXdzEJrSECRETTOKEN";
                PrintStream err = System.err;
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                // slf4j-simple writes to whatever System.err is at the time: the request log lands here.
                System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
                try {
                    for (String[] bad : new String[][] {{"sessionToken", token + "\r\nX-Injected: yes"},
                            {"secretAccessKey", "s3cr3t\u0000value"}, {"accessKeyId", "AKIA00000000\n00000000"},
                            {"region", "us-east\r\n-1"}}) {
                        Map<String, String> fields = form(browser.csrf(), "backend", "real", "region", "us-east-1",
                                "accessKeyId", "AKIA0000000000000000", "secretAccessKey", "s3cr3t-value",
                                "sessionToken", token);
                        fields.put(bad[0], bad[1]);
                        HttpResponse<String> refused = browser.post("/labs/backend", fields);
                        assertThat(refused.statusCode()).as(bad[0]).isEqualTo(400);
                        assertThat(refused.body()).contains("holds a line break or another control character")
                                .doesNotContain(token).doesNotContain("s3cr3t");
                    }
                } finally {
                    System.setErr(err);
                }
                assertThat(log.toString(StandardCharsets.UTF_8)).contains("POST /labs/backend 400")
                        .doesNotContain(token).doesNotContain("s3cr3t").doesNotContain("AKIA0000000000000000");
                assertThat(browser.get("/labs/backend").body()).doesNotContain("ending in");
            });
        }
    }

    private static String last4(Account account) {
        return account.accessKeyId().substring(account.accessKeyId().length() - 4);
    }
}
