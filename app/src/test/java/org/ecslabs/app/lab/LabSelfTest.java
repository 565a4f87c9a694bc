package org.ecslabs.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.ecslabs.app.cli.Command;
import org.ecslabs.app.cli.CommandRunner;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.StandaloneServer;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The design's promise for every lab in labs/: on the real simulator, over HTTP with the real SDK,
 * a fresh account fails at least one of the lab's checks, and after each step's solution commands
 * every check of that step passes; then "Clean up for me" leaves nothing of the lab behind. Each lab
 * runs on its own simulator with a paused clock, so time moves only where a solution says
 * {@code ecslabs clock advance} (and where the clean-up waits for something to drain).
 */
class LabSelfTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        Simulator simulator = Simulator.create(TestDatabases.simulator().withInitialSpeed(0).withTickEvery(null));
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
                CommandRunner runner = new CommandRunner(invoker, LabTags::tag);
                String file = lab.id() + ".md";

                // As from the lab's page and console: what the learner creates carries the lab's tag.
                runner.lab(lab.id());
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
                cleanUp(file, lab, invoker);
            }
        }
    }

    /**
     * "Clean up for me" leaves nothing behind: the written clean-up runs without an error, nothing
     * tagged with the lab is left, and the account has no cluster or load balancer any more.
     */
    private static void cleanUp(String file, Lab lab, OperationInvoker invoker) {
        List<String> log = new ArrayList<>();
        LabCleanup.Outcome outcome = new LabCleanup(invoker, true, LabCleanup.simulatorClock(invoker), log::add)
                .run(lab, LabCleanups.Rounds.DEFAULT.simulator(), LabCleanups.Rounds.DEFAULT.simulatorPause());
        assertThat(outcome.leftovers()).as(file + ": left after the clean-up; its log:\n  " + String.join("\n  ", log))
                .isEmpty();
        assertThat(log).as(file + ": the written clean-up commands run without an error").noneMatch(line -> line.startsWith("✗ "));
        // Stopped tasks stay visible for a while, on AWS as here; they cost nothing and go by themselves.
        List<String> tagged = new ArrayList<>();
        invoker.invoke("resourcegroupstaggingapi", "GetResources", JSON.createObjectNode()).path("ResourceTagMappingList")
                .forEach(item -> tagged.add(item.path("ResourceARN").asText()));
        assertThat(tagged).as(file + ": tagged resources after the clean-up").allMatch(arn -> arn.contains(":task/"));
        assertThat(invoker.invoke("ecs", "ListClusters", null).get("clusterArns")).as(file + ": clusters after the clean-up")
                .isEmpty();
        if (lab.requires().contains("elbv2")) {
            assertThat(invoker.invoke("elbv2", "DescribeLoadBalancers", null).path("LoadBalancers"))
                    .as(file + ": load balancers after the clean-up").isEmpty();
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
