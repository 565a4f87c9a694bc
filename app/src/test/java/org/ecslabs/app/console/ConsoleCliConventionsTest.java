package org.ecslabs.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI's conventions as a learner meets them in the console (the parser's own rules are in
 * CliCommandTest): shorthand and JSON values, lists, booleans, numbers, --query, the three output
 * formats, --cli-input-json, and help from the SDK's model.
 */
class ConsoleCliConventionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void theCliConventionsWorkThroughTheConsole() throws Exception {
        AppContext context = TestApp.context(dataDir);
        Javalin app = App.create(context);
        try {
            JavalinTest.test(app, (server, client) -> {
                ConsoleClient console = new ConsoleClient(server.port());
                console.ok("ecslabs clock pause");

                // Lists as several words, shorthand structures, JSON, numbers and booleans.
                console.ok("aws ecs create-cluster --cluster-name a --settings name=containerInsights,value=enabled");
                console.ok("aws ecs create-cluster --cli-input-json '{\"clusterName\": \"b\", \"tags\": [{\"key\": \"team\", \"value\": \"blue\"}]}'");
                assertThat(console.ok("aws ecs describe-clusters --clusters a b --include TAGS SETTINGS "
                        + "--query 'clusters[].[clusterName, settings[0].value, tags[0].value]' --output text"))
                        .isEqualTo("a\tenabled\tNone\nb\tdisabled\tblue\n");
                console.ok("""
                        aws ecs register-task-definition --family web --requires-compatibilities FARGATE \\
                            --network-mode awsvpc --cpu 256 --memory 512 \\
                            --container-definitions '[{"name": "web", "image": "nginx", "essential": true,
                              "portMappings": [{"containerPort": 80}]}]'
                        SUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)
                        aws ecs create-service --cluster a --service-name web --task-definition web:1 \\
                            --desired-count 3 --launch-type FARGATE --enable-execute-command \\
                            --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],assignPublicIp=ENABLED}"
                        """);
                JsonNode service = JSON.readTree(console.ok("aws ecs describe-services --cluster a --services web "
                        + "--query 'services[0].{desired: desiredCount, exec: enableExecuteCommand, ip: "
                        + "networkConfiguration.awsvpcConfiguration.assignPublicIp}'"));
                assertThat(service.get("desired").asInt()).isEqualTo(3);
                assertThat(service.get("exec").asBoolean()).isTrue();
                assertThat(service.get("ip").asText()).isEqualTo("ENABLED");
                console.ok("aws ecs update-service --cluster a --service web --desired-count 1 --no-enable-execute-command");
                assertThat(console.ok("aws ecs describe-services --cluster a --services web "
                        + "--query 'services[0].[desiredCount, enableExecuteCommand]' --output text")).isEqualTo("1\tFalse\n");

                // --output table draws boxes titled with the operation.
                String table = console.ok("aws ecs describe-clusters --clusters a --query 'clusters[0].{Name: clusterName, Status: status}' --output table");
                assertThat(table).contains("DescribeClusters").contains("|  Name  ").contains("ACTIVE").startsWith("---");
                String rows = console.ok("aws ecs list-clusters --output table");
                assertThat(rows.lines().filter(line -> line.contains("arn:aws:ecs:us-east-1:000000000000:cluster/")).count()).isEqualTo(2);
                assertThat(console.run("aws ecs list-clusters --output yaml").get("exitCode").asInt()).isEqualTo(252);

                // help comes from the SDK's model, with the required options from the AWS service model.
                String help = console.ok("aws ecs create-service help");
                assertThat(help).contains("aws ecs create-service").contains("--service-name").contains("(required)")
                        .contains("--desired-count").contains("integer").contains("--network-configuration").contains("structure")
                        .contains("--enable-execute-command | --no-enable-execute-command");
                assertThat(help.lines().filter(line -> line.contains("(required)")).toList())
                        .singleElement().asString().contains("--service-name");
                assertThat(console.ok("aws ecs help")).contains("create-service").contains("describe-task-definition");
                assertThat(console.ok("aws help")).contains("application-autoscaling").contains("elbv2");
                assertThat(console.ok("ecslabs help")).contains("ecslabs clock advance --seconds <value>")
                        .contains("ecslabs load set --cluster <value>").contains("ecslabs clock pause").contains("ecslabs cost");
                assertThat(console.run("aws ecs launch-rocket help").get("exitCode").asInt()).isEqualTo(252);

                // The control commands the page's buttons use, and the cost meter.
                assertThat(console.ok("ecslabs clock speed --factor 10 --query speed --output text")).isEqualTo("10.0\n");
                assertThat(console.ok("ecslabs clock pause --query paused --output text")).isEqualTo("True\n");
                assertThat(console.ok("ecslabs cost --query currency --output text")).isEqualTo("USD\n");
                // Numbers print as the CLI prints them, not in Java's scientific notation.
                assertThat(console.ok("ecslabs clock get")).containsPattern("\"now\" : \\d{10}(\\.\\d+)?,").doesNotContain("E9");
                assertThat(console.ok("ecslabs clock get --query now --output text")).matches("\\d{10}(\\.\\d+)?\n");
            });
        } finally {
            context.close();
        }
    }
}
