package org.ecslabs.simulator.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * The standalone server in a child JVM, with writers on many accounts at once: a kill -9 while they
 * run loses no write that was answered, and a SIGTERM under the same load closes cleanly.
 */
class KillUnderWritersTest {
    private static final int ACCOUNTS = 8;
    /** Answered writes (over all accounts) after which the server is stopped, writers still running. */
    private static final int WRITES_BEFORE_STOP = 60;
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path data;

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aKillDashNineLosesNoAcknowledgedWrite() throws Exception {
        Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
        for (int round = 0; round < 2; round++) {
            Server server = start();
            write(server, acknowledged, "r" + round, () -> server.process.destroyForcibly());
            assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        Server restarted = start();
        int total = 0;
        for (Map.Entry<String, String> key : restarted.keys.entrySet()) {
            try (EcsClient ecs = RealClients.ecs(restarted.endpoint, key.getKey(), key.getValue())) {
                Set<String> stored = new HashSet<>();
                String token = null;
                do {
                    String next = token;
                    var page = ecs.listClusters(r -> r.nextToken(next).maxResults(100));
                    page.clusterArns().forEach(arn -> stored.add(arn.substring(arn.lastIndexOf('/') + 1)));
                    token = page.nextToken();
                } while (token != null);
                Set<String> acked = acknowledged.getOrDefault(key.getKey(), Set.of());
                total += acked.size();
                assertThat(stored).as("clusters of " + key.getKey() + "; server output:\n" + outputs()).containsAll(acked);
            }
        }
        assertThat(total).as("acknowledged writes").isGreaterThanOrEqualTo(2 * WRITES_BEFORE_STOP);
    }

    @Test
    void aSigtermUnderLoadClosesWithoutAnError() throws Exception {
        Server server = start();
        write(server, new ConcurrentHashMap<>(), "t", () -> server.process.destroy());
        assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = server.output();
        assertThat(output).contains("CLOSED");
        assertThat(output).doesNotContain("ERROR").doesNotContain("Exception").doesNotContain("has been closed");
    }

    private String outputs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var logs = Files.list(data)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                Files.readAllLines(log).stream().filter(line -> !line.contains(" INFO ") && !line.startsWith("KEY"))
                        .forEach(line -> all.append(log.getFileName()).append(": ").append(line).append('\n'));
            }
        }
        return all.toString();
    }

    /**
     * Writers on every account create clusters; once {@link #WRITES_BEFORE_STOP} more were answered
     * {@code stop} runs while they go on. Answered ones are recorded.
     */
    private static void write(Server server, Map<String, Set<String>> acknowledged, String prefix, Runnable stop)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(server.keys.size());
        for (Map.Entry<String, String> key : server.keys.entrySet()) {
            Thread writer = new Thread(() -> {
                try (EcsClient ecs = RealClients.ecs(server.endpoint, key.getKey(), key.getValue())) {
                    for (int i = 0; running.get(); i++) {
                        String name = prefix + "-" + i;
                        try {
                            Cluster cluster = ecs.createCluster(r -> r.clusterName(name)).cluster();
                            if (cluster != null && name.equals(cluster.clusterName())) {
                                acknowledged.computeIfAbsent(key.getKey(), k -> ConcurrentHashMap.newKeySet()).add(name);
                                answered.incrementAndGet();
                            }
                        } catch (RuntimeException refusedOrCut) {
                            // Not acknowledged: nothing to check for this one.
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            writer.setDaemon(true);
            writer.start();
        }
        // A cold server under a loaded machine can take seconds for its first calls: wait for answers, not time.
        for (int waited = 0; answered.get() < WRITES_BEFORE_STOP && waited < 1200; waited++) {
            Thread.sleep(100);
        }
        stop.run();
        Thread.sleep(300);
        running.set(false);
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    }

    private Server start() throws IOException, InterruptedException {
        Path log = data.resolve("server-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ServerProcess.class.getName(), data.resolve("db").toString(), String.valueOf(ACCOUNTS)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        processes.add(process);
        for (int attempt = 0; attempt < 1200; attempt++) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            Map<String, String> keys = new ConcurrentHashMap<>();
            for (String line : lines) {
                String[] parts = line.split(" ");
                if (parts[0].equals("KEY")) {
                    keys.put(parts[1], parts[2]);
                } else if (parts[0].equals("PORT")) {
                    return new Server(process, URI.create("http://localhost:" + parts[1]), keys, log);
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited: " + String.join("\n", lines));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The server did not come up: " + Files.readString(log));
    }

    private record Server(Process process, URI endpoint, Map<String, String> keys, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }
    }
}
