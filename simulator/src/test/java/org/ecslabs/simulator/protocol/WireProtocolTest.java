package org.ecslabs.simulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.ecslabs.simulator.testservice.TestQueryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;

/** The wire layer as an SDK sees it: routing, response shapes, modeled errors, signatures. */
class WireProtocolTest {
    static SimulatorFixture simulator;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.paused();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void jsonCallsRouteByTargetAndParseInTheSdk() {
        try (EcsClient ecs = simulator.ecs("test", "test")) {
            var created = ecs.createCluster(r -> r.clusterName("wire-json")).cluster();
            assertThat(created.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/wire-json");
            assertThat(created.status()).isEqualTo("PROVISIONING");
            assertThat(ecs.listClusters().clusterArns()).contains(created.clusterArn());
        }
    }

    @Test
    void theSdkPostingToAPathPrefixIsVerifiedOverThatPath() {
        try (EcsClient ecs = SimulatorFixture.ecs(URI.create(simulator.endpoint() + "/aws"), "test", "test")) {
            assertThat(ecs.listClusters().clusterArns()).isNotNull();
        }
    }

    @Test
    void modeledErrorsComeBackAsTheSdksExceptionClasses() {
        try (EcsClient ecs = simulator.ecs("test", "test")) {
            assertThatThrownBy(() -> ecs.describeClusters(r -> r.clusters("no-such-cluster")))
                    .isInstanceOfSatisfying(ClusterNotFoundException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ClusterNotFoundException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cluster not found.");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void aFailedCallLeavesNoStateBehind() {
        try (EcsClient ecs = simulator.ecs("test", "test")) {
            assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("fail-after-write-1")))
                    .isInstanceOf(InvalidParameterException.class);
            assertThat(ecs.listClusters().clusterArns()).noneMatch(arn -> arn.contains("fail-after-write"));
        }
    }

    @Test
    void wrongSecretIsRefused() {
        try (EcsClient ecs = simulator.ecs("test", "not-the-secret")) {
            assertThatThrownBy(ecs::listClusters)
                    .isInstanceOfSatisfying(EcsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The request signature we calculated"
                                + " does not match the signature you provided. Check your AWS Secret Access Key and"
                                + " signing method. Consult the service documentation for details.");
                    });
        }
    }

    @Test
    void unknownAccessKeyIsRefused() {
        try (EcsClient ecs = simulator.ecs("AKIAUNKNOWNUNKNOWN00", "whatever")) {
            assertThatThrownBy(ecs::listClusters)
                    .isInstanceOfSatisfying(EcsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The security token included in the request is invalid.");
                    });
        }
    }

    @Test
    void aTamperedBodyFailsTheSignature() {
        SignedHttp.Response honest = SignedHttp.json(simulator.endpoint(), "test", "test", "us-east-1", "ecs",
                "SimTestService_20260101.ListClusters", "{}");
        assertThat(honest.status()).isEqualTo(200);

        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("test", "test"))
                .request(SdkHttpFullRequest.builder().uri(simulator.endpoint())
                        .method(SdkHttpMethod.POST)
                        .putHeader("Content-Type", "application/x-amz-json-1.1")
                        .putHeader("X-Amz-Target", "SimTestService_20260101.CreateCluster").build())
                .payload(ContentStreamProvider.fromUtf8String("{\"clusterName\":\"a\"}"))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        SignedHttp.Response tampered = SignedHttp.sendUnsigned(signed.request().getUri(), "POST",
                signed.request().headers(), "{\"clusterName\":\"b\"}".getBytes());
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.body()).contains("\"__type\":\"InvalidSignatureException\"");
    }

    @Test
    void unsignedRequestsAreRefused() {
        SignedHttp.Response json = SignedHttp.sendUnsigned(simulator.endpoint(), "POST",
                Map.of("Content-Type", List.of("application/x-amz-json-1.1"),
                        "X-Amz-Target", List.of("SimTestService_20260101.ListClusters")), "{}".getBytes());
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(json.body()).isEqualTo("{\"__type\":\"MissingAuthenticationTokenException\","
                + "\"message\":\"Missing Authentication Token\"}");

        SignedHttp.Response query = SignedHttp.sendUnsigned(simulator.endpoint(), "POST",
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
                "Action=Echo&Version=2026-01-01".getBytes());
        assertThat(query.status()).isEqualTo(403);
        assertThat(query.body()).contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void json10RequestsGetJson10Responses() {
        SignedHttp.Response response = SignedHttp.send(simulator.endpoint(), "POST", "test", "test", "us-east-1", "ecs",
                Map.of("Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "SimTestService_20260101.ListClusters"),
                "{}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/x-amz-json-1.0");
    }

    @Test
    void unknownTargetsAndControlOperationsAreUnknownOperations() {
        SignedHttp.Response service = SignedHttp.json(simulator.endpoint(), "test", "test", "us-east-1", "ecs",
                "NoSuchService_20990101.DoIt", "{}");
        assertThat(service.status()).isEqualTo(400);
        assertThat(service.body()).contains("\"__type\":\"UnknownOperationException\"");

        SignedHttp.Response control = simulator.control("test", "test", "MakeCoffee", "{}");
        assertThat(control.body()).contains("\"__type\":\"UnknownOperationException\"");
    }

    @Test
    void malformedJsonIsASerializationException() {
        SignedHttp.Response response = SignedHttp.json(simulator.endpoint(), "test", "test", "us-east-1", "ecs",
                "SimTestService_20260101.ListClusters", "{not json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"SerializationException\"");
    }

    @Test
    void ec2ProtocolResponsesAndErrorsParseInTheSdk() {
        try (Ec2Client ec2 = simulator.ec2("test", "test")) {
            Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(t -> t
                    .resourceType("vpc").tags(tag -> tag.key("Name").value("a <b> & \"c\"")))).vpc();
            assertThat(vpc.vpcId()).startsWith("vpc-");
            assertThat(vpc.cidrBlock()).isEqualTo("10.0.0.0/16");

            List<Vpc> found = ec2.describeVpcs(r -> r.filters(Filter.builder().name("vpc-id").values(vpc.vpcId()).build()))
                    .vpcs();
            assertThat(found).singleElement().satisfies(v -> {
                assertThat(v.vpcId()).isEqualTo(vpc.vpcId());
                assertThat(v.isDefault()).isFalse();
                assertThat(v.tags()).singleElement().satisfies(tag -> assertThat(tag.value()).isEqualTo("a <b> & \"c\""));
            });
            assertThat(ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId())).vpcs()).hasSize(1);

            assertThatThrownBy(() -> ec2.describeVpcs(r -> r.vpcIds("vpc-0000")))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVpcID.NotFound");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The vpc ID 'vpc-0000' does not exist");
                    });
        }
        try (Ec2Client ec2 = simulator.ec2("test", "wrong")) {
            assertThatThrownBy(ec2::describeVpcs).isInstanceOfSatisfying(Ec2Exception.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        }
        try (Ec2Client ec2 = simulator.ec2("AKIANOBODY0000000000", "wrong")) {
            assertThatThrownBy(ec2::describeVpcs).isInstanceOfSatisfying(Ec2Exception.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    @Test
    void queryProtocolFoldsParametersAndWritesEscapedXml() {
        SignedHttp.Response response = SignedHttp.form(simulator.endpoint(), "test", "test", "eu-west-3",
                TestQueryService.SIGNING_NAME, "Action=Echo&Version=2026-01-01&Names.member.1=a%26b&Names.member.2=c"
                        + "&Tags.member.1.Key=k&Tags.member.1.Value=%3Cv%3E");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("<EchoResponse xmlns=\"" + TestQueryService.NAMESPACE + "\"><EchoResult>"
                + "<Input><Names><member>a&amp;b</member><member>c</member></Names>"
                + "<Tags><member><Key>k</Key><Value>&lt;v&gt;</Value></member></Tags></Input>"
                + "<Account>000000000000</Account><Region>eu-west-3</Region></EchoResult>"
                + "<ResponseMetadata><RequestId>");

        SignedHttp.Response error = SignedHttp.form(simulator.endpoint(), "test", "test", "us-east-1",
                TestQueryService.SIGNING_NAME, "Action=Nope&Version=2026-01-01");
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.body()).contains("<ErrorResponse><Error><Type>Sender</Type><Code>ValidationException</Code>"
                + "<Message>Unknown action &lt;Nope&gt; &amp; more</Message></Error><RequestId>");

        SignedHttp.Response badSecret = SignedHttp.form(simulator.endpoint(), "test", "wrong", "us-east-1",
                TestQueryService.SIGNING_NAME, "Action=Echo&Version=2026-01-01");
        assertThat(badSecret.status()).isEqualTo(403);
        assertThat(badSecret.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void queryProtocolGetRequestsAreVerifiedOverTheQueryString() {
        URI get = URI.create(simulator.endpoint() + "/aws/?Action=Echo&Version=2026-01-01&Names.member.1=x%20y%2Fz");
        SignedHttp.Response response = SignedHttp.send(get, "GET", "test", "test", "us-east-1",
                TestQueryService.SIGNING_NAME, Map.of(), "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("<Names><member>x y/z</member></Names>");
    }

    @Test
    void everyRequestIsLoggedOnOneLine() {
        try (EcsClient ecs = simulator.ecs("test", "test")) {
            ecs.listClusters();
        }
        assertThat(simulator.requestLog()).contains("POST / SimTestService_20260101.ListClusters 200");
    }
}
