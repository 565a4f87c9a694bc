package org.ecslabs.simulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AWS CLI (botocore) signs differently from the SDK for Java (no x-amz-content-sha256):
 * its signatures must verify too. Skipped where the CLI is not installed.
 */
class AwsCliSignatureTest {
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
    void cliSignaturesVerifyOnJsonAndQueryRequests() throws Exception {
        String json = aws("test", "ecs", "list-clusters");
        assertThat(json).doesNotContain("InvalidSignatureException").doesNotContain("UnrecognizedClientException");
        String query = aws("test", "ec2", "describe-vpcs");
        assertThat(query).doesNotContain("SignatureDoesNotMatch").doesNotContain("AuthFailure");
        String prefixed = awsAt(simulator.endpoint() + "/aws/", "test", "ecs", "list-clusters");
        assertThat(prefixed).doesNotContain("InvalidSignatureException");
    }

    @Test
    void cliWithAWrongSecretIsRefused() throws Exception {
        assertThat(aws("wrong", "ecs", "list-clusters")).contains("InvalidSignatureException");
        assertThat(aws("wrong", "ec2", "describe-vpcs")).contains("SignatureDoesNotMatch");
    }

    private static String aws(String secret, String... command) throws Exception {
        return awsAt(simulator.endpoint().toString(), secret, command);
    }

    private static String awsAt(String endpoint, String secret, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1"));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", secret);
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().put("AWS_MAX_ATTEMPTS", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException noCli) {
            assumeTrue(false, "the AWS CLI is not installed");
            throw noCli;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
