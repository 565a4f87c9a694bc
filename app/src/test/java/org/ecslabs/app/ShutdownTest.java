package org.ecslabs.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Main in its own JVM, under a bounded load on 127.0.0.1, stopped with SIGTERM
 * ({@link Process#destroy()}): requests in flight finish, later ones are refused (503 or no
 * connection), nothing answers 500, no error is logged,
 * and the database it leaves opens again. Prints how long start-up to /health took.
 */
class ShutdownTest {
    private static final Pattern LISTENING = Pattern.compile("on http://localhost:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void sigtermUnderLoadFinishesWhatIsInFlightAndLogsNoError() throws Exception {
        Path log = dir.resolve("app.log");
        long started = System.nanoTime();
        Process process = start(log);
        try {
            int port = awaitPort(process, log);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitHealth(http, port);
            System.out.printf("ShutdownTest: start-up to /health took %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

            AtomicInteger answered = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            ConcurrentHashMap<Integer, Integer> statuses = new ConcurrentHashMap<>();
            ExecutorService load = Executors.newFixedThreadPool(4);
            String[] paths = {"/health", "/api/labs", "/lessons", "/quizzes", "/api/quizzes/stats"};
            for (int i = 0; i < 400; i++) {
                String path = paths[i % paths.length];
                load.submit(() -> {
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                        answered.incrementAndGet();
                    } catch (ConnectException e) {
                        refused.incrementAndGet();
                    } catch (IOException e) {
                        // A connection the stopping server closed between requests: not an answer.
                        refused.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
            }
            // SIGTERM while requests are running: after a quarter has been answered, not before.
            for (int wait = 0; wait < 600 && answered.get() < 100; wait++) {
                Thread.sleep(50);
            }
            process.destroy();
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops within a minute").isTrue();

            String text = Files.readString(log, StandardCharsets.UTF_8);
            System.out.printf("ShutdownTest: %d answered %s, %d refused after the stop, exit code %d%n",
                    answered.get(), statuses, refused.get(), process.exitValue());
            assertThat(text).as("the app's log").doesNotContain(" 500 ");
            assertThat(answered.get()).isGreaterThanOrEqualTo(100);
            // 503 is the stopping server's answer to a request that came after SIGTERM; never a 500.
            assertThat(statuses.keySet()).allMatch(status -> status == 200 || status == 503, "200 or 503 only");
            assertThat(text).doesNotContain(" ERROR ").doesNotContain("Exception").doesNotContain("WARN");
            assertThat(text).contains("ecs-labs stopped");
            // SIGTERM's exit code: the JVM ran its shutdown hooks and exited normally for a signal.
            assertThat(process.exitValue()).isEqualTo(143);
        } finally {
            process.destroyForcibly();
        }
        // The database it closed opens again.
        try (AppContext reopened = AppContext.open(new AppConfig(0, dir.resolve("data"),
                AppConfig.defaultDbUrl(dir.resolve("data")), TestApp.fixtureCourse(), false))) {
            try (Connection connection = reopened.database().dataSource().getConnection();
                 ResultSet migrations = connection.createStatement()
                         .executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\"")) {
                assertThat(migrations.next()).isTrue();
                assertThat(migrations.getInt(1)).isGreaterThan(0);
            }
        }
    }

    private Process start(Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName())).directory(dir.toFile());
        builder.environment().keySet().removeIf(key -> key.equals("PORT") || key.startsWith("ECSLABS_"));
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            builder.environment().put("PORT", Integer.toString(free.getLocalPort()));
        }
        builder.environment().put("ECSLABS_DATA", dir.resolve("data").toString());
        builder.environment().put("ECSLABS_CONTENT_DIR", TestApp.fixtureCourse().toString());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private static int awaitPort(Process process, Path log) throws Exception {
        for (int i = 0; i < 600; i++) {
            Matcher matcher = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Main did not start: " + Files.readString(log));
    }

    private static void awaitHealth(HttpClient http, int port) throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }
}
