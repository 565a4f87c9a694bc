package org.ecslabs.simulator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.ecslabs.simulator.engine.Account;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Drives calls through the whole signed wire path (SDK client, HTTP, SigV4 verification, routing,
 * account lock, ticks, the write to an H2 file) and prints throughput and latency.
 * {@code java -cp <test classpath> org.ecslabs.simulator.bench.WireBenchmark [calls] [threads] [advanceSeconds]}
 */
public final class WireBenchmark {

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int advanceSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 86400;
        Path data = Files.createTempDirectory("wire-bench");
        SimulatorConfig config = SimulatorConfig.withJdbcUrl(StandaloneServer.jdbcUrl(data))
                .withInitialSpeed(0).withTickEvery(null);
        try (SimulatorFixture simulator = new SimulatorFixture(config)) {
            List<Account> accounts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                accounts.add(simulator.simulator().accounts().create("bench-" + i));
            }
            // Warm up the JIT and the connections.
            run(simulator, accounts, Math.min(500, calls), "warm-up", false);
            run(simulator, accounts, calls, "mixed read/write", true);

            int clusters;
            try (EcsClient ecs = simulator.ecs(accounts.get(0).accessKeyId(), accounts.get(0).secretAccessKey())) {
                clusters = ecs.listClusters().clusterArns().size();
            }
            long started = System.nanoTime();
            SignedHttp.Response advanced = SignedHttp.json(simulator.endpoint(), accounts.get(0).accessKeyId(),
                    accounts.get(0).secretAccessKey(), SimulatorFixture.REGION, "ecs", "EcsLabsSimulator.AdvanceClock",
                    "{\"seconds\":" + advanceSeconds + "}");
            double ms = (System.nanoTime() - started) / 1e6;
            System.out.printf("AdvanceClock %d s (one-second ticks, account holding %d test clusters): %.0f ms, status %d%n",
                    advanceSeconds, clusters, ms, advanced.status());
        }
    }

    private static void run(SimulatorFixture simulator, List<Account> accounts, int calls, String label, boolean print)
            throws Exception {
        int threads = accounts.size();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<long[]>> results = new ArrayList<>();
        for (Account account : accounts) {
            results.add(pool.submit(() -> {
                long[] latencies = new long[calls / threads];
                try (EcsClient ecs = simulator.ecs(account.accessKeyId(), account.secretAccessKey())) {
                    for (int i = 0; i < latencies.length; i++) {
                        long t = System.nanoTime();
                        if (i % 10 == 0) {
                            String name = label.replace(' ', '-').replace('/', '-') + "-" + i;
                            ecs.createCluster(r -> r.clusterName(name));
                        } else {
                            ecs.listClusters();
                        }
                        latencies[i] = System.nanoTime() - t;
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            Arrays.stream(result.get()).forEach(all::add);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        if (!print) {
            return;
        }
        all.sort(Long::compare);
        System.out.printf("%s: %d calls on %d threads (1 in 10 writes) in %.2f s = %.0f calls/s; p50 %.2f ms, p99 %.2f ms%n",
                label, all.size(), threads, seconds, all.size() / seconds,
                all.get(all.size() / 2) / 1e6, all.get((int) (all.size() * 0.99)) / 1e6);
    }
}
