package org.ecslabs.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.ConfigException;
import org.ecslabs.app.TestApp;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.simulator.engine.Account;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;

/** /metrics as Prometheus scrapes it, over HTTP from 127.0.0.1, with real AWS SDK calls through /aws. */
class MetricsTest {

    @TempDir
    Path dataDir;

    @Test
    void requestsByRouteAwsCallsByOperationAndErrorAndJvmMemoryAreInThePrometheusFormat() throws Exception {
        try (AppContext context = TestApp.persistentContext(dataDir)) {
            Account account = context.simulator().accounts().create("metrics");
            JavalinTest.test(App.create(context), (server, client) -> {
                assertThat(client.get("/api/labs").code()).isEqualTo(200);
                assertThat(client.get("/api/labs/no-such-lab").code()).isEqualTo(404);
                assertThat(client.get("/api/labs/another-lab").code()).isEqualTo(404);
                try (AwsClients aws = new AwsClients(Backend.endpoint(URI.create(client.getOrigin() + "/aws"),
                        "us-east-1", account.accessKeyId(), account.secretAccessKey()))) {
                    aws.ecs().createCluster(request -> request.clusterName("m"));
                    assertThatThrownBy(() -> aws.ecs().describeServices(request -> request.cluster("nope").services("web")))
                            .isInstanceOf(ClusterNotFoundException.class);
                    aws.ec2().describeVpcs();
                }

                var scrape = client.get("/metrics");
                assertThat(scrape.code()).isEqualTo(200);
                assertThat(scrape.headers().get("Content-Type").get(0)).startsWith("text/plain; version=0.0.4");
                String text = scrape.body().string();
                // By the route's template, not the path: one series for every lab.
                assertThat(text).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/labs\",status=\"200\"} 1")
                        .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/labs/{id}\",status=\"404\"} 2")
                        .doesNotContain("no-such-lab");
                assertThat(text).contains("ecslabs_aws_calls_seconds_count{error=\"\",operation=\"CreateCluster\",service=\"ecs\"} 1")
                        .contains("ecslabs_aws_calls_seconds_count{error=\"ClusterNotFoundException\",operation=\"DescribeServices\",service=\"ecs\"} 1")
                        .contains("ecslabs_aws_calls_seconds_count{error=\"\",operation=\"DescribeVpcs\",service=\"ec2\"} 1")
                        .contains("ecslabs_aws_calls_seconds_bucket{error=\"\",operation=\"CreateCluster\",service=\"ecs\",le=\"+Inf\"} 1");
                assertThat(text).contains("jvm_memory_used_bytes{area=\"heap\"").contains("ecslabs_simulator_accounts ");
                double databaseBytes = text.lines().filter(line -> line.startsWith("ecslabs_database_size_bytes "))
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(0);
                assertThat(databaseBytes).isGreaterThan(0);
                assertThat(text).doesNotContain(account.secretAccessKey()).doesNotContain(account.accessKeyId());

                // Through a proxy the caller is not this machine, whatever the socket says.
                assertThat(client.get("/metrics", request -> request.header("X-Forwarded-For", "203.0.113.9")).code())
                        .isEqualTo(404);
            });
        }
    }

    @Test
    void theSettingIsLocalByDefaultAndABadValueNamesIt() {
        assertThat(MetricsAccess.fromEnv(Map.of())).isEqualTo(MetricsAccess.LOOPBACK);
        assertThat(MetricsAccess.fromEnv(Map.of("ECSLABS_METRICS", "on"))).isEqualTo(MetricsAccess.ANY);
        assertThat(MetricsAccess.fromEnv(Map.of("ECSLABS_METRICS", "0"))).isEqualTo(MetricsAccess.OFF);
        assertThatThrownBy(() -> MetricsAccess.fromEnv(Map.of("ECSLABS_METRICS", "everyone")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("ECSLABS_METRICS: ");
    }

    @Test
    void theDatabaseSizeIsReadFromAnH2FileOnly() {
        assertThat(AppMetrics.h2File("jdbc:h2:file:/data/ecslabs;AUTO_SERVER=TRUE")).contains(Path.of("/data/ecslabs.mv.db"));
        assertThat(AppMetrics.h2File("jdbc:h2:/data/x")).contains(Path.of("/data/x.mv.db"));
        assertThat(AppMetrics.h2File("jdbc:h2:mem:abc")).isEmpty();
        assertThat(AppMetrics.h2File("jdbc:postgresql://db/ecslabs")).isEmpty();
    }
}
