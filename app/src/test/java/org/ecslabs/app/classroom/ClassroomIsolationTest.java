package org.ecslabs.app.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecslabs.app.classroom.ClassroomTestApp.body;
import static org.ecslabs.app.classroom.ClassroomTestApp.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Two students of one class over HTTP, each with the keys the app gave them, through the real AWS
 * SDK: each works in an account of their own, neither sees nor touches the other's, and the
 * well-known solo key is refused in classroom mode.
 */
class ClassroomIsolationTest {
    @TempDir
    Path data;

    @Test
    void eachStudentWorksInTheirOwnSimulatorAccount() {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        try (AppContext context = ClassroomTestApp.context(data, TestDatabases.freshUrl(),
                repository, Clock.systemUTC())) {
            JavalinTest.test(App.create(context), (server, client) -> {
                String origin = "http://localhost:" + server.port();
                Browser admin = ClassroomTestApp.signedIn(origin, ClassroomTestApp.ADMIN, ClassroomTestApp.PASSWORD);
                Browser teacher = ClassroomTestApp.instructor(origin, admin, "teacher@example.edu");
                JsonNode created = json(teacher.postJson("/api/classes", body("name", "ECS 101")));
                String code = created.get("code").asText();
                assertThat(created.get("joinUrl").asText()).isEqualTo(origin + "/join?code=" + code);
                Browser ana = ClassroomTestApp.student(origin, code, "ana");
                Browser ben = ClassroomTestApp.student(origin, code, "ben");

                JsonNode anaKeys = json(ana.get("/api/me/sandbox"));
                JsonNode benKeys = json(ben.get("/api/me/sandbox"));
                assertThat(anaKeys.get("endpoint").asText()).isEqualTo(origin + "/aws");
                assertThat(anaKeys.get("region").asText()).isEqualTo("us-east-1");
                assertThat(anaKeys.get("accessKeyId").asText()).startsWith("AKIA")
                        .isNotEqualTo(benKeys.get("accessKeyId").asText());

                try (EcsClient anaEcs = ecs(anaKeys); EcsClient benEcs = ecs(benKeys);
                     EcsClient solo = ecs(origin + "/aws", "test", "test")) {
                    String anaArn = anaEcs.createCluster(r -> r.clusterName("ana-cluster")).cluster().clusterArn();
                    String benArn = benEcs.createCluster(r -> r.clusterName("ben-cluster")).cluster().clusterArn();
                    String anaAccount = anaArn.split(":")[4];
                    assertThat(anaAccount).matches("\\d{12}").isNotEqualTo("000000000000")
                            .isNotEqualTo(benArn.split(":")[4]);
                    assertThat(anaEcs.listClusters().clusterArns()).containsExactly(anaArn);
                    assertThat(benEcs.listClusters().clusterArns()).containsExactly(benArn);

                    // Ana names Ben's cluster by its ARN: access denied, as AWS answers for another account's
                    // resource, and nothing of Ben's changes.
                    assertThatThrownBy(() -> anaEcs.describeClusters(r -> r.clusters(benArn)))
                            .isInstanceOfSatisfying(AwsServiceException.class,
                                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
                    assertThatThrownBy(() -> anaEcs.deleteCluster(r -> r.cluster(benArn)))
                            .isInstanceOf(AwsServiceException.class);
                    assertThat(benEcs.listClusters().clusterArns()).containsExactly(benArn);
                    assertThat(anaEcs.listClusters().clusterArns()).containsExactly(anaArn);

                    // The solo key does not sign for anything in a classroom.
                    assertThatThrownBy(solo::listClusters).isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));

                    // Their consoles and lab pages are theirs too.
                    HttpResponse<String> console = ana.postJson("/api/console", body("command", "aws ecs list-clusters"));
                    assertThat(console.statusCode()).isEqualTo(200);
                    assertThat(console.body()).contains(anaArn).doesNotContain(benArn);
                    String labPage = ana.get("/labs/first-fargate-task").body();
                    assertThat(labPage).contains("aws configure set aws_access_key_id " + anaKeys.get("accessKeyId").asText())
                            .doesNotContain(benKeys.get("accessKeyId").asText())
                            .doesNotContain("aws_access_key_id test");

                    // "Reset my sandbox" empties Ana's account only.
                    HttpResponse<String> reset = ana.form("/labs/first-fargate-task/reset-sandbox", Map.of());
                    assertThat(reset.statusCode()).isEqualTo(303);
                    assertThat(anaEcs.listClusters().clusterArns()).isEmpty();
                    assertThat(benEcs.listClusters().clusterArns()).containsExactly(benArn);

                    // Their instructor resets Ben's; Ana cannot.
                    String benReset = "/api/classes/" + created.get("id").asText() + "/students/ben/reset-sandbox";
                    assertThat(ana.postJson(benReset, "{}").statusCode()).isEqualTo(403);
                    assertThat(benEcs.listClusters().clusterArns()).containsExactly(benArn);
                    assertThat(teacher.postJson(benReset, "{}").statusCode()).isEqualTo(200);
                    assertThat(benEcs.listClusters().clusterArns()).isEmpty();
                }
            });
        }
    }

    private static EcsClient ecs(JsonNode keys) {
        return ecs(keys.get("endpoint").asText(), keys.get("accessKeyId").asText(), keys.get("secretAccessKey").asText());
    }

    private static EcsClient ecs(String endpoint, String keyId, String secret) {
        return EcsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .build();
    }
}
