package org.ecslabs.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.app.lab.CheckEngine;
import org.ecslabs.app.lab.CheckResult;
import org.ecslabs.app.lab.Lab;
import org.ecslabs.app.lab.LabParser;
import org.ecslabs.app.lab.Step;
import org.ecslabs.simulator.engine.AwsService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typing a lab's solutions into the console completes the lab: every lab whose services the
 * simulator has, its solution blocks pasted as written (continuation lines, variables from one
 * block used in the next) into POST /api/console, one learner session, then every check passes.
 */
class ConsoleLabSolutionsTest {
    private static final Pattern CODE = Pattern.compile("(?s)```(?:bash|sh|shell)?\\n(.*?)```");
    private static final Map<String, String> SIGNING_NAMES = Map.ofEntries(
            Map.entry("ecs", "ecs"), Map.entry("ec2", "ec2"),
            Map.entry("application-autoscaling", "application-autoscaling"), Map.entry("cloudwatch", "monitoring"),
            Map.entry("elbv2", "elasticloadbalancing"), Map.entry("deploy", "codedeploy"), Map.entry("iam", "iam"),
            Map.entry("secretsmanager", "secretsmanager"), Map.entry("logs", "logs"),
            Map.entry("servicediscovery", "servicediscovery"), Map.entry("ecr", "ecr"), Map.entry("ssm", "ssm"));

    @TempDir
    Path dataDir;

    @Test
    void everyLabsSolutionTypedIntoTheConsolePassesItsChecks() {
        Path folder = Files.isDirectory(Path.of("..", "labs")) ? Path.of("..", "labs") : Path.of("labs");
        List<Lab> labs = LabParser.loadAll(folder);
        assertThat(labs).isNotEmpty();
        AppContext context = TestApp.context(dataDir);
        Javalin app = App.create(context).start(0);
        Set<String> present = context.simulator().services().stream().map(AwsService::signingName).collect(Collectors.toSet());
        List<String> failures = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        try (AwsClients clients = new AwsClients(Backend.simulator(app.port(), "us-east-1", "test", "test"))) {
            ConsoleClient console = new ConsoleClient(app.port());
            CheckEngine checks = new CheckEngine(new OperationInvoker(clients));
            for (Lab lab : labs) {
                if (!lab.requires().stream().allMatch(service -> present.contains(SIGNING_NAMES.get(service)))) {
                    continue;
                }
                ran.add(lab.id());
                console.ok("ecslabs reset");
                console.ok("ecslabs clock pause");
                lab.setup().ifPresent(setup -> paste(console, lab, "setup", setup.commands().stream()
                        .map(command -> command.text()).collect(Collectors.joining("\n")), failures));
                for (Step step : lab.steps()) {
                    for (String block : blocks(step)) {
                        paste(console, lab, "step " + step.number(), block, failures);
                    }
                    for (CheckResult result : checks.run(step.checks())) {
                        if (!result.passed()) {
                            failures.add(lab.id() + " step " + step.number() + " check " + result.id() + ": " + result.message());
                        }
                    }
                }
            }
        } finally {
            app.stop();
            context.close();
        }
        assertThat(ran).as("labs the simulator can run").isNotEmpty();
        assertThat(failures).as("labs run through the console: " + ran).isEmpty();
    }

    private static List<String> blocks(Step step) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = CODE.matcher(step.solution().orElse(""));
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    private static void paste(ConsoleClient console, Lab lab, String where, String script, List<String> failures) {
        JsonNode result = console.run(script);
        if (result.get("exitCode").asInt() != 0) {
            failures.add(lab.id() + " " + where + ": exit code " + result.get("exitCode") + "\n" + result.get("output").asText()
                    + "\n  script:\n" + script);
        }
    }
}
