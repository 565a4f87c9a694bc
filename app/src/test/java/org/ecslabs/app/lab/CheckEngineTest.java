package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.JmesPathException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.cli.CommandRunner;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.junit.jupiter.api.Test;

class CheckEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Check check(String expect) {
        return new Check("c1", "A title", "ecs", "DescribeServices", JsonNodeFactory.instance.objectNode(),
                expect, "Service web should run 3 tasks.", 10);
    }

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void aTrueComparisonPasses() throws Exception {
        CheckResult result = CheckEngine.evaluate(check("services[0].desiredCount == `3`"),
                tree("{\"services\":[{\"desiredCount\":3}]}"));
        assertThat(result.passed()).isTrue();
        assertThat(result.id()).isEqualTo("c1");
        assertThat(result.title()).isEqualTo("A title");
    }

    @Test
    void aFailedComparisonSaysWhatItExpectedAndFound() throws Exception {
        CheckResult result = CheckEngine.evaluate(check("services[0].desiredCount == `3`"),
                tree("{\"services\":[{\"desiredCount\":1}]}"));
        assertThat(result.passed()).isFalse();
        assertThat(result.message()).isEqualTo("Service web should run 3 tasks. (desiredCount: expected 3, found 1)");
    }

    @Test
    void theDesignsPipedComparisonNamesTheFieldAndComparesNumbersNumerically() throws Exception {
        String expect = "ScalingPolicies[?PolicyType=='TargetTrackingScaling']"
                + ".TargetTrackingScalingPolicyConfiguration.TargetValue | [0] == `50`";
        JsonNode fifty = tree("{\"ScalingPolicies\":[{\"PolicyType\":\"TargetTrackingScaling\","
                + "\"TargetTrackingScalingPolicyConfiguration\":{\"TargetValue\":50.0}}]}");
        assertThat(CheckEngine.evaluate(check(expect), fifty).passed()).isTrue();

        CheckResult none = CheckEngine.evaluate(check(expect), tree("{\"ScalingPolicies\":[]}"));
        assertThat(none.passed()).isFalse();
        assertThat(none.message()).endsWith("(TargetValue: expected 50, found nothing)");
    }

    @Test
    void otherOperatorsAreShownWithTheExpectedValue() throws Exception {
        CheckResult result = CheckEngine.evaluate(check("length(services[?status=='ACTIVE']) >= `2`"),
                tree("{\"services\":[{\"status\":\"ACTIVE\"}]}"));
        assertThat(result.message()).endsWith("(length(services[?status=='ACTIVE']): expected >= 2, found 1)");
    }

    @Test
    void aValueRatherThanAComparisonPassesWhenTruthy() throws Exception {
        assertThat(CheckEngine.evaluate(check("services[?launchType=='FARGATE']"),
                tree("{\"services\":[{\"launchType\":\"FARGATE\"}]}")).passed()).isTrue();
        CheckResult empty = CheckEngine.evaluate(check("services[?launchType=='FARGATE']"),
                tree("{\"services\":[{\"launchType\":\"EC2\"}]}"));
        assertThat(empty.passed()).isFalse();
        assertThat(empty.message()).endsWith("(found [])");
        assertThat(CheckEngine.evaluate(check("services[0].serviceName"), tree("{\"services\":[]}")).message())
                .endsWith("(found nothing)");
    }

    @Test
    void aCombinedConditionShowsAnExcerptOfItsValue() throws Exception {
        CheckResult result = CheckEngine.evaluate(
                check("services[0].desiredCount == `3` && services[0].status == 'ACTIVE'"),
                tree("{\"services\":[{\"desiredCount\":1,\"status\":\"ACTIVE\"}]}"));
        assertThat(result.passed()).isFalse();
        assertThat(result.message()).endsWith("(desiredCount: expected 3, found 1)");

        CheckResult second = CheckEngine.evaluate(
                check("services[0].desiredCount == `3` && services[0].status == 'ACTIVE'"),
                tree("{\"services\":[{\"desiredCount\":3,\"status\":\"DRAINING\"}]}"));
        assertThat(second.message()).endsWith("(status: expected \"ACTIVE\", found \"DRAINING\")");

        CheckResult either = CheckEngine.evaluate(
                check("services[0].desiredCount == `3` || services[0].status == 'ACTIVE'"),
                tree("{\"services\":[{\"desiredCount\":1,\"status\":\"DRAINING\"}]}"));
        assertThat(either.message()).endsWith("(found false)");
    }

    @Test
    void stringsAreComparedAndShownAsJson() throws Exception {
        CheckResult result = CheckEngine.evaluate(check("services[0].launchType == 'FARGATE'"),
                tree("{\"services\":[{\"launchType\":\"EC2\"}]}"));
        assertThat(result.message()).endsWith("(launchType: expected \"FARGATE\", found \"EC2\")");
    }

    @Test
    void longValuesAreCutShort() throws Exception {
        String many = "[" + "\"arn:aws:ecs:us-east-1:000000000000:task/lab/0123456789abcdef\",".repeat(20) + "\"x\"]";
        CheckResult result = CheckEngine.evaluate(check("taskArns[?contains(@, 'nothing')]"),
                tree("{\"taskArns\":" + many + "}"));
        assertThat(CheckEngine.excerpt(tree(many))).hasSize(160).endsWith("...");
        assertThat(result.passed()).isFalse();
    }

    @Test
    void aFunctionOverSomethingMissingIsFalseNotAnError() throws Exception {
        CheckResult result = CheckEngine.evaluate(check("ends_with(services[0].taskDefinition, ':2')"),
                tree("{\"services\":[]}"));
        assertThat(result.passed()).isFalse();
        assertThat(result.message()).endsWith("(found nothing)");
        assertThat(CheckEngine.evaluate(check("ends_with(services[0].taskDefinition, ':2')"),
                tree("{\"services\":[{\"taskDefinition\":\"arn:aws:ecs:us-east-1:0:task-definition/web:2\"}]}")).passed())
                .isTrue();
    }

    @Test
    void anInvalidExpressionIsRefused() {
        assertThatThrownBy(() -> CheckEngine.compile("services[0.desiredCount ==")).isInstanceOf(JmesPathException.class);
    }

    @Test
    void checksRunEndToEnd() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(0,
                Simulator.create(SimulatorConfig.inMemory().withInitialSpeed(0).withTickEvery(null)),
                new PrintStream(OutputStream.nullOutputStream()));
             AwsClients clients = new AwsClients(Backend.endpoint(URI.create("http://localhost:" + server.port()),
                     "us-east-1", "test", "test"))) {
            OperationInvoker invoker = new OperationInvoker(clients);
            CheckEngine engine = new CheckEngine(invoker);
            Check check = new Check("active", "The cluster is active", "ecs", "DescribeClusters",
                    (ObjectNode) JSON.readTree("{\"clusters\":[\"lab\"]}"),
                    "clusters[0].status == 'ACTIVE'", "No active cluster lab.", 1);
            assertThat(engine.run(check).message())
                    .isEqualTo("No active cluster lab. (status: expected \"ACTIVE\", found nothing)");
            new CommandRunner(invoker, LabTags::tag).run("aws ecs create-cluster --cluster-name lab");
            assertThat(engine.run(check).passed()).isTrue();
        }
    }
}
