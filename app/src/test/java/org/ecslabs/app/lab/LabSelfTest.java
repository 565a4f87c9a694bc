package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.ecslabs.simulator.engine.AwsService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The design's promise for every lab in labs/: on the real simulator, over HTTP with the real SDK,
 * a fresh account fails at least one of the lab's checks, and after each step's solution commands
 * every check of that step passes. Each lab runs on its own simulator with a paused clock, so time
 * moves only where a solution says {@code ecslabs clock advance}.
 */
class LabSelfTest {

    /** The SigV4 signing names of the services a lab may require, to ask the simulator whether it has them. */
    private static final Map<String, String> SIGNING_NAMES = Map.ofEntries(
            Map.entry("ecs", "ecs"), Map.entry("ec2", "ec2"),
            Map.entry("application-autoscaling", "application-autoscaling"), Map.entry("cloudwatch", "monitoring"),
            Map.entry("elbv2", "elasticloadbalancing"), Map.entry("deploy", "codedeploy"), Map.entry("iam", "iam"),
            Map.entry("secretsmanager", "secretsmanager"), Map.entry("logs", "logs"),
            Map.entry("servicediscovery", "servicediscovery"), Map.entry("ecr", "ecr"), Map.entry("ssm", "ssm"),
            Map.entry("sts", "sts"));

    @TestFactory
    Stream<DynamicTest> everyLabFailsFreshAndPassesWithItsSolution() {
        List<Lab> labs = LabFiles.all();
        assertThat(labs).as("labs in " + LabFiles.folder()).isNotEmpty();
        return labs.stream().map(lab -> DynamicTest.dynamicTest(lab.id(), () -> selfTest(lab)));
    }

    static void selfTest(Lab lab) throws IOException {
        Simulator simulator = Simulator.create(SimulatorConfig.inMemory().withInitialSpeed(0).withTickEvery(null));
        try (StandaloneServer server = StandaloneServer.start(0, simulator, new PrintStream(OutputStream.nullOutputStream()))) {
            Set<String> present = simulator.services().stream().map(AwsService::signingName).collect(Collectors.toSet());
            List<String> missing = lab.requires().stream()
                    .filter(service -> !present.contains(SIGNING_NAMES.get(service)))
                    .toList();
            Assumptions.assumeTrue(missing.isEmpty(), () -> lab.id() + ": skipped, the simulator has no "
                    + String.join(", ", missing) + " yet (the lab declares requires: " + lab.requires() + ")");

            Backend backend = Backend.endpoint(URI.create("http://localhost:" + server.port()), "us-east-1", "test", "test");
            try (AwsClients clients = new AwsClients(backend, Duration.ofSeconds(30))) {
                OperationInvoker invoker = new OperationInvoker(clients);
                CheckEngine engine = new CheckEngine(invoker);
                CommandRunner runner = new CommandRunner(invoker);
                String file = lab.id() + ".md";

                lab.setup().ifPresent(setup -> runAll(file, "setup", setup.commands(), runner));
                List<CheckResult> fresh = engine.run(lab.checks());
                assertThat(fresh).as(file + ": on a fresh account (after setup) at least one check must fail, "
                        + "or the lab proves nothing").anyMatch(result -> !result.passed());

                List<String> failures = new ArrayList<>();
                for (Step step : lab.steps()) {
                    runAll(file, "step " + step.number() + " '" + step.title() + "'", step.solutionCommands(), runner);
                    for (CheckResult result : engine.run(step.checks())) {
                        if (!result.passed()) {
                            failures.add(file + " step " + step.number() + " '" + step.title() + "' check "
                                    + result.id() + ": " + result.message());
                        }
                    }
                }
                if (!failures.isEmpty()) {
                    fail("after the solution, checks fail:\n  " + String.join("\n  ", failures));
                }
                lab.cleanup().ifPresent(cleanup -> runAll(file, "clean-up", cleanup.commands(), runner));
            }
        }
    }

    private static void runAll(String file, String where, List<Command> commands, CommandRunner runner) {
        for (Command command : commands) {
            try {
                runner.run(command.text());
            } catch (RuntimeException e) {
                fail(file + ":" + command.line() + " (" + where + "): " + e.getMessage() + "\n  command: " + command.text());
            }
        }
    }
}
