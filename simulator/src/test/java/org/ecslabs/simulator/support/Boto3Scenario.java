package org.ecslabs.simulator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a boto3 script as a user writes it against the simulator, in one Python process (a Python
 * start costs seconds on a busy machine). The script gets {@code advance(seconds)}, which asks this
 * runner to move the account's simulated clock and waits until it has. Returns what the script
 * printed; a failing {@code assert} or error fails the test with the script's output. Skipped where
 * boto3 is not installed.
 */
public final class Boto3Scenario {
    private static final String PRELUDE = """
            import sys, boto3
            def advance(seconds):
                print("@@advance %d" % seconds, flush=True)
                sys.stdin.readline()
            """;

    private Boto3Scenario() {
    }

    public static List<String> run(SimulatorFixture simulator, String script) {
        try {
            ProcessBuilder builder = new ProcessBuilder("python3", "-u", "-c", PRELUDE + script);
            Map<String, String> env = builder.environment();
            env.put("AWS_ENDPOINT_URL", simulator.endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", "test");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            env.put("AWS_DEFAULT_REGION", SimulatorFixture.REGION);
            env.put("AWS_MAX_ATTEMPTS", "1");
            env.remove("AWS_SESSION_TOKEN");
            env.remove("AWS_PROFILE");
            builder.redirectErrorStream(true);
            Process process;
            try {
                process = builder.start();
            } catch (IOException noPython) {
                assumeTrue(false, "python3 is not installed");
                throw noPython;
            }
            List<String> output = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer writer = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("@@advance ")) {
                        SignedHttp.Response response = simulator.control("test", "test", "AdvanceClock",
                                "{\"seconds\": " + line.substring("@@advance ".length()) + "}");
                        assertThat(response.status()).isEqualTo(200);
                        writer.write("\n");
                        writer.flush();
                    } else {
                        output.add(line);
                    }
                }
            }
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
            String printed = String.join("\n", output);
            assumeTrue(!printed.contains("ModuleNotFoundError: No module named 'boto3'"), "boto3 is not installed");
            assertThat(process.exitValue()).as("the script failed:\n" + printed).isZero();
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
