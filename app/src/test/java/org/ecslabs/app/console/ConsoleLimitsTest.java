package org.ecslabs.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a learner types can fail, but never with an HTTP 500 or by eating the server: a bad
 * {@code --query} is the AWS CLI's error and exit code, variables and output are bounded, and the
 * console takes JSON only.
 */
class ConsoleLimitsTest {

    @TempDir
    Path dataDir;

    @Test
    void aBadQueryIsTheClisErrorAndExitCodeNotA500() throws Exception {
        try (AppContext context = TestApp.context(dataDir)) {
            JavalinTest.test(App.create(context), (server, client) -> {
                ConsoleClient console = new ConsoleClient(server.port());
                JsonNode unclosed = console.run("aws ecs list-clusters --query 'clusterArns['");
                assertThat(unclosed.get("exitCode").asInt()).isEqualTo(255);
                assertThat(unclosed.get("output").asText()).startsWith("Bad value for --query clusterArns[: Invalid jmespath expression");
                // A function with the wrong number of arguments fails when it runs, after the call.
                JsonNode arity = console.run("aws ecs list-clusters --query 'length(clusterArns, clusterArns)'");
                assertThat(arity.get("exitCode").asInt()).isEqualTo(255);
                assertThat(arity.get("output").asText()).isNotBlank();
                // In a substitution too, and the session goes on.
                assertThat(console.run("X=$(aws ecs list-clusters --query '][')").get("exitCode").asInt()).isEqualTo(255);
                assertThat(console.ok("aws ecs list-clusters --query 'length(clusterArns)' --output text")).isEqualTo("0\n");
            });
        }
    }

    @Test
    void aVariableDoubledUntilItIsHugeIsRefusedWithAClearMessage() throws Exception {
        try (AppContext context = TestApp.context(dataDir)) {
            JavalinTest.test(App.create(context), (server, client) -> {
                ConsoleClient console = new ConsoleClient(server.port());
                console.ok("A=" + "x".repeat(100));
                JsonNode result = console.run("A=$A$A\n".repeat(16));
                assertThat(result.get("exitCode").asInt()).isEqualTo(255);
                assertThat(result.get("output").asText()).contains("A would hold 102400 characters")
                        .contains("at most " + 64 * 1024);
                // The last value that fitted is kept, and the console still answers.
                assertThat(console.ok("echo $A").strip()).hasSize(51_200);

                // Many variables together are bounded as well.
                StringBuilder many = new StringBuilder();
                for (int i = 0; i < 30; i++) {
                    many.append("V").append(i).append("=$A\n");
                }
                JsonNode total = console.run(many.toString());
                assertThat(total.get("exitCode").asInt()).isEqualTo(255);
                assertThat(total.get("output").asText()).contains("variables of this console would hold");

                // A command whose variables expand past the limit is not built.
                JsonNode wide = console.run("echo" + " $A".repeat(10));
                assertThat(wide.get("exitCode").asInt()).isEqualTo(252);
                assertThat(wide.get("output").asText()).contains("too long once $A is expanded");
                // Output is cut, and the commands after the cut do not run.
                JsonNode loud = console.run("echo $A $A $A $A\n".repeat(6) + "Z=after");
                assertThat(loud.get("exitCode").asInt()).isEqualTo(255);
                assertThat(loud.get("output").asText()).hasSizeLessThan(ConsoleSession.MAX_OUTPUT + 200)
                        .endsWith("did not run]\n");
                assertThat(console.run("echo $Z").get("exitCode").asInt()).isEqualTo(252);
            });
        }
    }

    @Test
    void tooManyCommandsAtOnceAreRefusedBeforeAnyRuns() throws Exception {
        try (AppContext context = TestApp.context(dataDir)) {
            JavalinTest.test(App.create(context), (server, client) -> {
                ConsoleClient console = new ConsoleClient(server.port());
                JsonNode result = console.run("aws ecs create-cluster --cluster-name c\n"
                        + "echo x\n".repeat(ConsoleSession.MAX_COMMANDS));
                assertThat(result.get("exitCode").asInt()).isEqualTo(252);
                assertThat(result.get("output").asText()).contains("at most " + ConsoleSession.MAX_COMMANDS);
                assertThat(console.ok("aws ecs list-clusters --query 'length(clusterArns)' --output text")).isEqualTo("0\n");
            });
        }
    }

    @Test
    void theConsoleTakesJsonOnly() throws Exception {
        try (AppContext context = TestApp.context(dataDir)) {
            JavalinTest.test(App.create(context), (server, client) -> {
                ConsoleClient console = new ConsoleClient(server.port());
                for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
                    HttpResponse<String> response = console.post(type, "{\"command\": \"aws ecs create-cluster --cluster-name x\"}");
                    assertThat(response.statusCode()).as(type).isEqualTo(415);
                }
                assertThat(console.ok("aws ecs list-clusters --query 'length(clusterArns)' --output text")).isEqualTo("0\n");
            });
        }
    }
}
