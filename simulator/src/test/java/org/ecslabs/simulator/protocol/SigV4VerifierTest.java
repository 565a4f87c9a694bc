package org.ecslabs.simulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Signatures as botocore (the AWS CLI, boto3) makes them: it signs only content-type, host,
 * x-amz-date and x-amz-target, with no x-amz-content-sha256 header. The Authorization value
 * below was produced by botocore's SigV4Auth for access key test, secret test.
 */
class SigV4VerifierTest {
    private static final String AMZ_DATE = "20261121T194039Z";
    /** The server's wall clock when the recorded request arrived: within AWS's 15 minutes of its signature. */
    private static final Clock SIGNED_AT = Clock.fixed(Instant.parse("2026-11-21T19:41:00Z"), ZoneOffset.UTC);
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20261121/us-east-1/ecs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=cacecda483d131cde0bfcb686b51461b7e6322769b6bcd49983e95ddda2ab6f5";

    private static WireRequest request(String body, String authorization) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", List.of("application/x-amz-json-1.1"));
        headers.put("Host", List.of("localhost:4599"));
        headers.put("X-Amz-Date", List.of(AMZ_DATE));
        headers.put("X-Amz-Target", List.of("AmazonEC2ContainerServiceV20141113.ListClusters"));
        headers.put("User-Agent", List.of("aws-cli/1.45.11"));
        headers.put("Authorization", List.of(authorization));
        return new WireRequest("POST", "/", "", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBotocoreSignatureVerifies() {
        SigV4Verifier.Scope scope = new SigV4Verifier(SIGNED_AT).verify(request("{}", AUTHORIZATION), key -> Optional.of("test"));
        assertThat(scope).isEqualTo(new SigV4Verifier.Scope("test", "us-east-1", "ecs"));
    }

    @Test
    void aChangedBodyOrWrongSecretIsRefused() {
        assertThatThrownBy(() -> new SigV4Verifier(SIGNED_AT).verify(request("{\"maxResults\":1}", AUTHORIZATION), key -> Optional.of("test")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(SigV4Verifier.BAD_SIGNATURE));
        assertThatThrownBy(() -> new SigV4Verifier(SIGNED_AT).verify(request("{}", AUTHORIZATION), key -> Optional.of("other")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(SigV4Verifier.BAD_SIGNATURE));
    }

    @Test
    void anUnknownKeyIsNotASignatureProblem() {
        assertThatThrownBy(() -> new SigV4Verifier(SIGNED_AT).verify(request("{}", AUTHORIZATION), key -> Optional.empty()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(SigV4Verifier.UNKNOWN_KEY));
    }
}
