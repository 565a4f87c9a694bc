package org.ecslabs.simulator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;

/** The SDK clients a scaling lab uses against one simulator, and the steps every scenario starts with. */
final class FargateLab implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final EcsClient ecs;
    final ApplicationAutoScalingClient scaling;
    final CloudWatchClient cloudWatch;
    private final SimulatorFixture fixture;
    private final StaticCredentialsProvider credentials =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    FargateLab(SimulatorFixture fixture) {
        this.fixture = fixture;
        URI endpoint = fixture.endpoint();
        ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        scaling = ApplicationAutoScalingClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        cloudWatch = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    /** Cluster lab, a Fargate task definition web, and service web with {@code desired} running tasks. */
    void createWebService(int desired) {
        List<String> subnets;
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(fixture.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
            subnets = ec2.describeSubnets(r -> r.filters(Filter.builder().name("default-for-az").values("true").build()))
                    .subnets().stream().map(Subnet::subnetId).toList();
        }
        ecs.createCluster(r -> r.clusterName("lab").capacityProviders("FARGATE"));
        ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx:1.27").build()));
        ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition("web").desiredCount(desired)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnets))));
        advance(120);
    }

    JsonNode control(String operation, String json) {
        SignedHttp.Response response = fixture.control("test", "test", operation, json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Instant advance(int seconds) {
        JsonNode clock = control("AdvanceClock", "{\"seconds\": " + seconds + "}");
        return Instant.ofEpochMilli(Math.round(clock.get("now").asDouble() * 1000));
    }

    void load(int cpu) {
        control("SetServiceLoad", "{\"cluster\": \"lab\", \"service\": \"web\", \"cpuUtilization\": " + cpu + "}");
    }

    Service service() {
        return ecs.describeServices(r -> r.cluster("lab").services("web")).services().get(0);
    }

    @Override
    public void close() {
        ecs.close();
        scaling.close();
        cloudWatch.close();
    }
}
