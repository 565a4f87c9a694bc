package org.ecslabs.simulator.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.ecslabs.simulator.testing.TestDatabases;
import org.ecslabs.simulator.testservice.TestClusterService;
import org.ecslabs.simulator.testservice.TestVpcService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The standalone server in this JVM on a free port, and SDK clients pointed at it. The EcsClient
 * is re-targeted at the test-only cluster service (its X-Amz-Target rewritten before signing),
 * the Ec2Client signs for the test-only EC2-protocol service.
 */
public final class SimulatorFixture implements AutoCloseable {
    public static final String REGION = "us-east-1";
    private final StandaloneServer server;
    private final SimulatorConfig config;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    public SimulatorFixture(SimulatorConfig config) {
        this.config = config;
        try {
            server = StandaloneServer.start(0, Simulator.create(config), new PrintStream(log, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh database (TestDatabases), a paused clock (time moves only through AdvanceClock) and no ticker. */
    public static SimulatorFixture paused() {
        return new SimulatorFixture(TestDatabases.simulator().withInitialSpeed(0).withTickEvery(null));
    }

    public Simulator simulator() {
        return server.simulator();
    }

    /** The simulator's database, for tests that measure what it stores. */
    public String jdbcUrl() {
        return config.jdbcUrl();
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + server.port());
    }

    public String requestLog() {
        return log.toString(StandardCharsets.UTF_8);
    }

    public EcsClient ecs(String accessKey, String secret) {
        return ecs(endpoint(), accessKey, secret);
    }

    public static EcsClient ecs(URI endpoint, String accessKey, String secret) {
        return ecs(endpoint, accessKey, secret, REGION);
    }

    public static EcsClient ecs(URI endpoint, String accessKey, String secret, String region) {
        return EcsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new RetargetEcs()))
                .build();
    }

    public Ec2Client ec2(String accessKey, String secret) {
        return Ec2Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .authSchemeProvider(params -> List.of(AuthSchemeOption.builder()
                        .schemeId(AwsV4AuthScheme.SCHEME_ID)
                        .putSignerProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, TestVpcService.SIGNING_NAME)
                        .putSignerProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                        .build()))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** A control call ({@code EcsLabsSimulator.<op>}) signed like any other call. */
    public SignedHttp.Response control(String accessKey, String secret, String operation, String json) {
        return SignedHttp.json(endpoint(), accessKey, secret, REGION, "ecs", "EcsLabsSimulator." + operation, json);
    }

    @Override
    public void close() {
        server.close();
    }

    /** Points the real EcsClient at the test-only cluster service; runs before signing. */
    private static final class RetargetEcs implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            return request.firstMatchingHeader("X-Amz-Target")
                    .map(target -> request.toBuilder().putHeader("X-Amz-Target",
                            target.replace("AmazonEC2ContainerServiceV20141113.", TestClusterService.TARGET_PREFIX + ".")).build())
                    .orElse(request);
        }
    }
}
