package org.ecslabs.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.aws.SimulatorControl;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ecslabs commands and the invoker's error messages, over HTTP against the real simulator. */
class SimulatorControlTest {

    private StandaloneServer server;
    private AwsClients clients;
    private CommandRunner runner;

    @BeforeEach
    void startSimulator() throws IOException {
        server = StandaloneServer.start(0,
                Simulator.create(SimulatorConfig.inMemory().withInitialSpeed(0).withTickEvery(null)),
                new PrintStream(OutputStream.nullOutputStream()));
        clients = new AwsClients(Backend.endpoint(URI.create("http://localhost:" + server.port()), "us-east-1", "test", "test"));
        runner = new CommandRunner(new OperationInvoker(clients), (operation, input, lab) -> input);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @Test
    void clockCommandsMoveTheAccountsSimulatedTime() {
        runner.run("BEFORE=$(ecslabs clock get --query now --output text)");
        runner.run("ecslabs clock advance --seconds 120");
        runner.run("AFTER=$(ecslabs clock get --query now --output text)");
        assertThat(Double.parseDouble(runner.variable("AFTER")) - Double.parseDouble(runner.variable("BEFORE")))
                .isEqualTo(120.0);
        assertThat(runner.run("ecslabs clock speed --factor 10")).contains("\"speed\" : 10.0");
    }

    @Test
    void theSimulatorsRefusalsAreReadable() {
        assertThatThrownBy(() -> runner.run("ecslabs clock advance --seconds -5"))
                .isInstanceOf(SimulatorControl.ControlException.class)
                .hasMessageStartingWith("ValidationException: 1 validation error detected");
    }

    @Test
    void controlCommandsNeedTheSimulator() {
        try (AwsClients real = new AwsClients(Backend.realAccount("us-east-1", "AKIDEXAMPLE", "secret"))) {
            CommandRunner realRunner = new CommandRunner(new OperationInvoker(real), (operation, input, lab) -> input);
            assertThatThrownBy(() -> realRunner.run("ecslabs clock advance --seconds 60"))
                    .hasMessageStartingWith("ecslabs commands act on the simulator only");
        }
    }

    @Test
    void anUnreachableBackEndIsAMessageNotAStackTrace() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (AwsClients nowhere = new AwsClients(Backend.endpoint(URI.create("http://localhost:" + closedPort), "us-east-1", "test", "test"))) {
            assertThatThrownBy(() -> new OperationInvoker(nowhere).invoke("ecs", "ListClusters", null))
                    .isInstanceOf(OperationException.class)
                    .hasMessageStartingWith("could not call ecs:ListClusters at http://localhost:" + closedPort)
                    .extracting(e -> ((OperationException) e).kind()).isEqualTo(OperationException.Kind.UNREACHABLE);
        }
    }

    @Test
    void aBackEndThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0);
             AwsClients slow = new AwsClients(Backend.endpoint(URI.create("http://localhost:" + silent.getLocalPort()),
                     "us-east-1", "test", "test"), Duration.ofMillis(500))) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(5_000);
                } catch (IOException | InterruptedException e) {
                    // The test is over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertThatThrownBy(() -> new OperationInvoker(slow).invoke("ecs", "ListClusters", null))
                    .isInstanceOf(OperationException.class)
                    .extracting(e -> ((OperationException) e).kind()).isEqualTo(OperationException.Kind.TIMEOUT);
        }
    }
}
