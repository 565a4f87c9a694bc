package org.ecslabs.simulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.ecslabs.simulator.engine.Account;
import org.ecslabs.simulator.support.SdkClients;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;

/**
 * What a client's mistake (or a hostile client) gets: an AWS error with a 4xx status, before the
 * account's state is touched, and the account works as before afterwards.
 */
class RequestHardeningTest {
    private static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String REGION = SimulatorFixture.REGION;

    static SimulatorFixture simulator;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.paused();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static SignedHttp.Response ecs(String operation, String json) {
        return SignedHttp.json(simulator.endpoint(), "test", "test", REGION, "ecs", ECS + operation, json);
    }

    private static SignedHttp.Response elb(String form) {
        return SignedHttp.form(simulator.endpoint(), "test", "test", REGION, "elasticloadbalancing", form);
    }

    @Test
    void aRegionAwsWouldNeverRouteIsRefusedAndTheAccountKeepsSaving() {
        for (String region : new String[] {"us-east-1-" + "x".repeat(100), "us-east-1;x", "US_EAST_1", "x".repeat(65)}) {
            SignedHttp.Response response = SignedHttp.json(simulator.endpoint(), "test", "test", region, "ecs",
                    ECS + "CreateCluster", "{\"clusterName\":\"odd-region\"}");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("InvalidSignatureException")
                    .contains("Credential should be scoped to a valid region.");
        }
        try (EcsClient client = SdkClients.build(EcsClient.builder(), simulator.endpoint(), REGION)) {
            client.createCluster(r -> r.clusterName("after-odd-regions"));
            assertThat(client.describeClusters(r -> r.clusters("after-odd-regions")).clusters()).hasSize(1);
        }
    }

    @Test
    void badPercentEscapesInAQueryBodyAreAMalformedQueryString() {
        for (String form : new String[] {"Action=%zz", "Action=DescribeTargetGroups&Names.member.%zz=1",
                "Action=DescribeTargetGroups&Names.member.1=%4"}) {
            SignedHttp.Response response = elb(form);
            assertThat(response.status()).as(form).isEqualTo(400);
            assertThat(response.body()).contains("<Code>MalformedQueryString</Code>").contains("<Type>Sender</Type>");
        }
    }

    @Test
    void aParameterNestedThousandsOfLevelsDeepIsRefused() {
        SignedHttp.Response response = elb("Action=DescribeTargetGroups&" + "a.".repeat(5000) + "b=1");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MalformedQueryString</Code>").contains("deeper than 32 levels");
    }

    @Test
    void aMemberOfTheWrongTypeForTheModelIsRefusedBeforeTheServiceReadsIt() {
        SignedHttp.Response json = ecs("CreateCapacityProvider", "{\"name\":\"cp\",\"autoScalingGroupProvider\":"
                + "{\"autoScalingGroupArn\":\"arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:x\","
                + "\"managedScaling\":\"ENABLED\"}}");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body()).contains("\"__type\":\"SerializationException\"")
                .contains("autoScalingGroupProvider.managedScaling").contains("found a string");

        SignedHttp.Response count = ecs("ListClusters", "{\"maxResults\":\"ten\"}");
        assertThat(count.status()).isEqualTo(400);
        assertThat(count.body()).contains("SerializationException");

        SignedHttp.Response query = elb("Action=CreateTargetGroup&Name=tg&Port=eighty&Protocol=HTTP");
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.body()).contains("<Code>ValidationError</Code>").contains("Port");
        SignedHttp.Response flat = elb("Action=DescribeTargetGroups&Names=flat");
        assertThat(flat.status()).isEqualTo(400);
        assertThat(flat.body()).contains("<Code>ValidationError</Code>");
    }

    @Test
    void malformedOrDeeplyNestedJsonIsASerializationException() {
        for (String body : new String[] {"{\"clusterName\": \"unterminated", "[1,2]", "{\"a\":" + "[".repeat(5000)}) {
            SignedHttp.Response response = ecs("CreateCluster", body);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("SerializationException");
        }
    }

    @Test
    void aGzipBombIsRefusedOnceItPassesTheLimitNotInflatedWhole() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 512; i++) {
                gzip.write(zeros);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", ECS + "ListClusters");
        headers.put("Content-Encoding", "gzip");
        SignedHttp.Response response = SignedHttp.send(simulator.endpoint(), "POST", "test", "test", REGION, "ecs",
                headers, compressed.toByteArray());
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("RequestEntityTooLarge").contains("Decompressed request body");
    }

    @Test
    void aBodyOrHeadersBeyondTheLimitsAreRefused() {
        SignedHttp.Response body = ecs("CreateCluster", "{\"clusterName\":\"" + "x".repeat(RequestLimits.MAX_BODY_BYTES) + "\"}");
        assertThat(body.status()).isEqualTo(413);
        assertThat(body.body()).contains("RequestEntityTooLarge");

        SignedHttp.Response headers = SignedHttp.send(simulator.endpoint(), "POST", "test", "test", REGION, "ecs",
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", ECS + "ListClusters",
                        "X-Padding", "p".repeat(RequestLimits.MAX_HEADER_BYTES)), "{}");
        assertThat(headers.status()).isEqualTo(400);
        assertThat(headers.body()).contains("RequestHeaderSectionTooLarge");
    }

    @Test
    void aSignatureMoreThanFifteenMinutesFromTheServersClockHasExpired() {
        assertThat(signedAt(Duration.ofMinutes(-14)).status()).isEqualTo(200);
        SignedHttp.Response old = signedAt(Duration.ofMinutes(-16));
        assertThat(old.status()).isEqualTo(400);
        assertThat(old.body()).contains("InvalidSignatureException").containsPattern(
                "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 15 min\\.\\)");
        SignedHttp.Response future = signedAt(Duration.ofDays(400));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("Signature not yet current");

        Clock lastYear = Clock.offset(Clock.systemUTC(), Duration.ofDays(-365));
        byte[] form = "Action=DescribeTargetGroups".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = SignedHttp.sign(simulator.endpoint(), "POST", "test", "test", REGION,
                "elasticloadbalancing", Map.of("Content-Type", FORM), form, lastYear, true);
        SignedHttp.Response query = SignedHttp.sendUnsigned(signed.getUri(), "POST", signed.headers(), form);
        assertThat(query.status()).isEqualTo(403);
        assertThat(query.body()).contains("<Code>SignatureDoesNotMatch</Code>").contains("Signature expired");
    }

    private static SignedHttp.Response signedAt(Duration offset) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = SignedHttp.sign(simulator.endpoint(), "POST", "test", "test", REGION, "ecs",
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", ECS + "ListClusters"), body,
                Clock.offset(Clock.systemUTC(), offset), true);
        return SignedHttp.sendUnsigned(signed.getUri(), "POST", signed.headers(), body);
    }

    @Test
    void anUnsignedPayloadIsRefusedAndSoIsABodySwappedUnderASignedHash() {
        byte[] original = "{\"clusterName\":\"signed\"}".getBytes(StandardCharsets.UTF_8);
        byte[] swapped = "{\"clusterName\":\"swapped\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target",
                ECS + "CreateCluster");
        // The SDK signs the payload of every plain-HTTP request; over HTTPS it may leave it unsigned.
        URI https = URI.create("https://localhost:" + simulator.endpoint().getPort());
        SdkHttpRequest signedForHttps = SignedHttp.sign(https, "POST", "test", "test", REGION, "ecs", headers,
                original, Clock.systemUTC(), false);
        SdkHttpRequest unsigned = signedForHttps.toBuilder().uri(simulator.endpoint()).build();
        assertThat(unsigned.firstMatchingHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
        for (byte[] body : new byte[][] {original, swapped}) {
            SignedHttp.Response response = SignedHttp.sendUnsigned(unsigned.getUri(), "POST", unsigned.headers(), body);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("InvalidSignatureException");
        }
        Map<String, String> hashed = new LinkedHashMap<>(headers);
        hashed.put("X-Amz-Content-Sha256", "0".repeat(64));
        SdkHttpRequest wrongHash = SignedHttp.sign(simulator.endpoint(), "POST", "test", "test", REGION, "ecs", hashed,
                original, Clock.systemUTC(), true);
        SignedHttp.Response response = SignedHttp.sendUnsigned(wrongHash.getUri(), "POST", wrongHash.headers(), swapped);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidSignatureException");
        try (EcsClient client = SdkClients.build(EcsClient.builder(), simulator.endpoint(), REGION)) {
            assertThat(client.listClusters().clusterArns()).noneMatch(arn -> arn.endsWith("/signed") || arn.endsWith("/swapped"));
        }
    }

    @Test
    void anotherAccountsTargetGroupCannotBeDeletedByArn() {
        Account other = simulator.simulator().accounts().create("other learner");
        URI endpoint = simulator.endpoint();
        try (Ec2Client ec2 = otherAccount(Ec2Client.builder(), other);
             ElasticLoadBalancingV2Client theirs = otherAccount(ElasticLoadBalancingV2Client.builder(), other);
             ElasticLoadBalancingV2Client mine = SdkClients.build(ElasticLoadBalancingV2Client.builder(), endpoint, REGION)) {
            String vpc = ec2.describeVpcs().vpcs().get(0).vpcId();
            String arn = theirs.createTargetGroup(r -> r.name("theirs").protocol("HTTP").port(80).vpcId(vpc))
                    .targetGroups().get(0).targetGroupArn();

            assertThatThrownBy(() -> mine.deleteTargetGroup(r -> r.targetGroupArn(arn)))
                    .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.getMessage()).contains("not authorized to perform: elasticloadbalancing:DeleteTargetGroup");
                    });
            assertThatThrownBy(() -> mine.describeTargetGroups(r -> r.targetGroupArns(arn)))
                    .isInstanceOf(ElasticLoadBalancingV2Exception.class);
            assertThat(theirs.describeTargetGroups(r -> r.targetGroupArns(arn)).targetGroups()).hasSize(1);
        }
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C otherAccount(
            B builder, Account account) {
        return SdkClients.build(builder, simulator.endpoint(), REGION, account.accessKeyId(), account.secretAccessKey());
    }
}
