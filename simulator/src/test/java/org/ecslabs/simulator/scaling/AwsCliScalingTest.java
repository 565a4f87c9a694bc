package org.ecslabs.simulator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The AWS CLI calls CloudWatch over Smithy RPC v2 CBOR and Application Auto Scaling over JSON;
 * both must work against the simulator, at the root and under a path prefix. Skipped where the
 * CLI is not installed.
 */
class AwsCliScalingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void cloudWatchAlarmsAndScalingActivitiesFromTheCli() throws Exception {
        String put = aws(simulator.endpoint().toString(), "cloudwatch", "put-metric-alarm", "--alarm-name", "cli-alarm",
                "--namespace", "Lab/Cli", "--metric-name", "Errors", "--statistic", "Sum", "--period", "60",
                "--evaluation-periods", "1", "--threshold", "5", "--comparison-operator", "GreaterThanThreshold",
                "--dimensions", "Name=Route,Value=/checkout");
        assertThat(put).isEmpty();
        JsonNode alarms = JSON.readTree(aws(simulator.endpoint() + "/aws/", "cloudwatch", "describe-alarms",
                "--alarm-names", "cli-alarm"));
        JsonNode alarm = alarms.get("MetricAlarms").get(0);
        assertThat(alarm.get("StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(alarm.get("Dimensions").get(0).get("Value").asText()).isEqualTo("/checkout");
        assertThat(alarm.get("Threshold").asDouble()).isEqualTo(5.0);

        assertThat(aws(simulator.endpoint().toString(), "cloudwatch", "delete-alarms", "--alarm-names", "missing"))
                .contains("(ResourceNotFound)");
        JsonNode activities = JSON.readTree(aws(simulator.endpoint().toString(), "application-autoscaling",
                "describe-scaling-activities", "--service-namespace", "ecs"));
        assertThat(activities.get("ScalingActivities")).isEmpty();
    }

    private static String aws(String endpoint, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1",
                "--output", "json"));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
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
        return output.trim();
    }
}
