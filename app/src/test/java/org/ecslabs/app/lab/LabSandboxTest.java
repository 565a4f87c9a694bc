package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.FormBody;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.app.App;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/** A lab page gives the learner their sandbox: the endpoint and keys for the CLI, a progress bar, and a reset. */
class LabSandboxTest {
    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"");

    @TempDir
    Path data;

    @Test
    void theLabPageShowsTheSandboxAndResetEmptiesIt() {
        Path repository = LabFiles.folder().getParent();
        try (AppContext context = AppContext.open(new AppConfig(0, data,
                TestDatabases.freshUrl(), repository, false))) {
            JavalinTest.test(App.create(context), (server, client) -> {
                String base = client.getOrigin();
                String page = client.get("/labs/first-fargate-task").body().string();
                assertThat(page).contains("Your sandbox", "aws configure set aws_access_key_id test",
                        "export AWS_ENDPOINT_URL=" + base + "/aws", "Reset my sandbox",
                        "Checks passed in your last run", "0 of 5 completed");

                try (EcsClient ecs = EcsClient.builder().endpointOverride(URI.create(base + "/aws"))
                        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .build()) {
                    ecs.createCluster(r -> r.clusterName("leftover"));
                    assertThat(ecs.listClusters().clusterArns()).hasSize(1);

                    // Without the form's token nothing happens.
                    Response refused = client.request("/labs/first-fargate-task/reset-sandbox",
                            b -> b.post(new FormBody.Builder().build()));
                    assertThat(refused.code()).isEqualTo(403);
                    assertThat(ecs.listClusters().clusterArns()).hasSize(1);

                    // With the page's token (the client sends back the cookie it was given), the sandbox is emptied.
                    Matcher token = TOKEN.matcher(client.get("/labs/first-fargate-task").body().string());
                    assertThat(token.find()).isTrue();
                    Response reset = client.request("/labs/first-fargate-task/reset-sandbox", b -> b
                            .post(new FormBody.Builder().add("_csrf", token.group(1)).build()));
                    assertThat(reset.code()).isEqualTo(303);
                    assertThat(reset.headers().get("Location")).containsExactly("/labs/first-fargate-task?reset=1");
                    assertThat(client.get("/labs/first-fargate-task?reset=1").body().string()).contains("Your sandbox was reset");
                    assertThat(ecs.listClusters().clusterArns()).isEmpty();
                }
            });
        }
    }
}
