package org.ecslabs.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real SDK round trips through the generic invoker, against the real simulator over HTTP. */
class OperationInvokerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private StandaloneServer server;
    private AwsClients clients;
    private OperationInvoker invoker;

    @BeforeEach
    void startSimulator() throws IOException {
        server = StandaloneServer.start(0,
                Simulator.create(SimulatorConfig.inMemory().withInitialSpeed(0).withTickEvery(null)),
                new PrintStream(OutputStream.nullOutputStream()));
        clients = new AwsClients(Backend.endpoint(URI.create("http://localhost:" + server.port()), "us-east-1", "test", "test"));
        invoker = new OperationInvoker(clients);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @Test
    void callsAnyOperationFromATreeAndAnswersInTheApisMemberNames() throws Exception {
        JsonNode created = invoker.invoke("ecs", "CreateCluster", JSON.readTree("{\"clusterName\":\"lab\"}"));
        assertThat(created.at("/cluster/clusterName").asText()).isEqualTo("lab");
        assertThat(created.at("/cluster/clusterArn").asText()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/lab");

        JsonNode described = invoker.invoke("ecs", "DescribeClusters", JSON.readTree("{\"clusters\":[\"lab\",\"nope\"]}"));
        assertThat(described.at("/clusters/0/status").asText()).isEqualTo("ACTIVE");
        assertThat(described.at("/failures/0/reason").asText()).isEqualTo("MISSING");

        // EC2 speaks the query protocol with XML: the tree still uses the model's member names.
        JsonNode subnets = invoker.invoke("ec2", "DescribeSubnets", null);
        assertThat(subnets.get("Subnets")).isNotEmpty();
        assertThat(subnets.at("/Subnets/0/SubnetId").asText()).startsWith("subnet-");
    }

    @Test
    void awsErrorsReadAsCodeAndMessage() {
        assertThatThrownBy(() -> invoker.invoke("ecs", "DescribeServices",
                JSON.readTree("{\"cluster\":\"nope\",\"services\":[\"web\"]}")))
                .isInstanceOf(OperationException.class)
                .hasMessage("ClusterNotFoundException: Cluster not found.")
                .extracting(e -> ((OperationException) e).errorCode()).isEqualTo("ClusterNotFoundException");
    }
}
