package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.cli.CommandRunner;
import org.ecslabs.app.cli.Operation;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.junit.jupiter.api.Test;

/** The lab tag goes on create calls in each service's own tag shape, and nowhere else. */
class LabTagsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tagged(String service, String operation, String input) throws IOException {
        return LabTags.tag(Operation.find(service, operation), JSON.readTree(input), "alb-service");
    }

    @Test
    void createCallsGetTheLabTagInTheirServicesShape() throws IOException {
        assertThat(tagged("ecs", "CreateCluster", "{\"clusterName\":\"lab\"}").get("tags"))
                .isEqualTo(JSON.readTree("[{\"key\":\"ecslabs:lab\",\"value\":\"alb-service\"}]"));
        assertThat(tagged("elbv2", "CreateTargetGroup", "{\"Name\":\"web-tg\"}").get("Tags"))
                .isEqualTo(JSON.readTree("[{\"Key\":\"ecslabs:lab\",\"Value\":\"alb-service\"}]"));
        assertThat(tagged("logs", "CreateLogGroup", "{\"logGroupName\":\"/ecs/web\"}").get("tags"))
                .isEqualTo(JSON.readTree("{\"ecslabs:lab\":\"alb-service\"}"));
        assertThat(tagged("application-autoscaling", "RegisterScalableTarget", "{\"ServiceNamespace\":\"ecs\"}").get("Tags"))
                .isEqualTo(JSON.readTree("{\"ecslabs:lab\":\"alb-service\"}"));
        assertThat(tagged("ecs", "RunTask", "{}").get("tags")).hasSize(1);
        assertThat(tagged("iam", "CreateRole", "{}").get("Tags")).hasSize(1);
    }

    @Test
    void theLearnersOwnTagsAreKept() throws IOException {
        JsonNode input = tagged("ecs", "CreateService",
                "{\"serviceName\":\"web\",\"tags\":[{\"key\":\"team\",\"value\":\"blue\"}]}");
        assertThat(input.get("tags")).isEqualTo(JSON.readTree(
                "[{\"key\":\"team\",\"value\":\"blue\"},{\"key\":\"ecslabs:lab\",\"value\":\"alb-service\"}]"));
        JsonNode own = tagged("ecs", "CreateCluster",
                "{\"clusterName\":\"lab\",\"tags\":[{\"key\":\"ecslabs:lab\",\"value\":\"mine\"}]}");
        assertThat(own.get("tags")).hasSize(1);
        assertThat(own.at("/tags/0/value").asText()).isEqualTo("mine");
    }

    @Test
    void readsTagCallsAndOverwritesAreLeftAsTyped() throws IOException {
        String describe = "{\"clusters\":[\"lab\"]}";
        assertThat(tagged("ecs", "DescribeClusters", describe)).isEqualTo(JSON.readTree(describe));
        String tagResource = "{\"resourceArn\":\"arn\",\"tags\":[]}";
        assertThat(tagged("ecs", "TagResource", tagResource)).isEqualTo(JSON.readTree(tagResource));
        // SSM refuses Tags with Overwrite.
        String overwrite = "{\"Name\":\"/lab/db\",\"Value\":\"x\",\"Type\":\"String\",\"Overwrite\":true}";
        assertThat(tagged("ssm", "PutParameter", overwrite)).isEqualTo(JSON.readTree(overwrite));
        assertThat(tagged("ssm", "PutParameter", "{\"Name\":\"/lab/db\"}").get("Tags")).hasSize(1);
        // Outside a lab nothing changes.
        JsonNode plain = JSON.readTree("{\"clusterName\":\"lab\"}");
        assertThat(LabTags.tag(Operation.find("ecs", "CreateCluster"), plain, null)).isSameAs(plain);
    }

    @Test
    void commandsRunInALabsContextCreateTaggedResources() throws IOException {
        try (StandaloneServer server = StandaloneServer.start(0,
                Simulator.create(SimulatorConfig.inMemory().withInitialSpeed(0).withTickEvery(null)),
                new PrintStream(OutputStream.nullOutputStream()));
             AwsClients clients = new AwsClients(Backend.endpoint(URI.create("http://localhost:" + server.port()),
                     "us-east-1", "test", "test"))) {
            CommandRunner runner = new CommandRunner(new OperationInvoker(clients), LabTags::tag);
            runner.lab("first-fargate-task");
            runner.run("aws ecs create-cluster --cluster-name lab --tags key=team,value=blue");
            runner.lab(null);
            runner.run("aws ecs create-cluster --cluster-name other");

            String lab = runner.run("aws ecs list-tags-for-resource "
                    + "--resource-arn arn:aws:ecs:us-east-1:000000000000:cluster/lab --output json");
            assertThat(JSON.readTree(lab).get("tags")).containsExactlyInAnyOrder(
                    JSON.readTree("{\"key\":\"team\",\"value\":\"blue\"}"),
                    JSON.readTree("{\"key\":\"ecslabs:lab\",\"value\":\"first-fargate-task\"}"));
            String other = runner.run("aws ecs list-tags-for-resource "
                    + "--resource-arn arn:aws:ecs:us-east-1:000000000000:cluster/other --output json");
            assertThat(JSON.readTree(other).get("tags")).isEmpty();
        }
    }
}
