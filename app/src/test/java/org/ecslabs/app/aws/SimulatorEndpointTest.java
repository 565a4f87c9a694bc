package org.ecslabs.app.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.net.URI;
import java.nio.file.Path;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.EcsException;

/** The app's own AWS endpoint: the real SDK against http://localhost:<port>/aws, state kept across a restart. */
class SimulatorEndpointTest {
    @TempDir
    Path dataDir;

    private static EcsClient ecs(int port, String secret) {
        return EcsClient.builder()
                .endpointOverride(URI.create("http://localhost:" + port + "/aws"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void theSdkWorksAgainstAwsOnTheAppsPortAndStateSurvivesARestart() {
        AppContext context = TestApp.persistentContext(dataDir);
        Javalin app = App.create(context).start(0);
        try (EcsClient ecs = ecs(app.port(), "test")) {
            ecs.createCluster(r -> r.clusterName("classroom"));
            assertThat(ecs.listClusters().clusterArns()).containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/classroom");
            assertThatThrownBy(() -> ecs.describeServices(r -> r.cluster("nowhere").services("web")))
                    .isInstanceOf(ClusterNotFoundException.class).hasMessageContaining("Cluster not found.");
        } finally {
            app.stop();
            context.close();
        }

        AppContext restarted = TestApp.persistentContext(dataDir);
        Javalin again = App.create(restarted).start(0);
        try (EcsClient ecs = ecs(again.port(), "test")) {
            assertThat(ecs.describeClusters(r -> r.clusters("classroom")).clusters())
                    .singleElement().satisfies(cluster -> assertThat(cluster.status()).isEqualTo("ACTIVE"));
        } finally {
            again.stop();
            restarted.close();
        }
    }

    @Test
    void aWrongSecretIsRefusedAsAwsRefusesIt() {
        AppContext context = TestApp.context(dataDir);
        Javalin app = App.create(context).start(0);
        try (EcsClient ecs = ecs(app.port(), "not-the-secret")) {
            assertThatThrownBy(ecs::listClusters)
                    .isInstanceOfSatisfying(EcsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        } finally {
            app.stop();
            context.close();
        }
    }
}
