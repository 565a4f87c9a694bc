package org.ecslabs.simulator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.ecslabs.simulator.support.SimulatorFixture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * A mix of the ECS calls a learner's session makes (describe and list mostly, some run and stop),
 * through the real SDK over HTTP against a simulator whose state is an H2 file, with the clock
 * running at 60x so ticks happen between calls. Prints calls per second and p50/p99 latency,
 * overall and per operation. Not a test: run it by hand.
 * {@code java -cp <test classpath> org.ecslabs.simulator.bench.EcsBenchmark [calls]}
 */
public final class EcsBenchmark {
    private interface Call {
        void run(EcsClient ecs);
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Path data = Files.createTempDirectory("ecs-bench");
        SimulatorConfig config = SimulatorConfig.withJdbcUrl(StandaloneServer.jdbcUrl(data)).withInitialSpeed(60);
        try (SimulatorFixture simulator = new SimulatorFixture(config);
             EcsClient ecs = EcsClient.builder().endpointOverride(simulator.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClient(UrlConnectionHttpClient.create()).build();
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(simulator.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            String subnet = ec2.describeSubnets().subnets().get(0).subnetId();
            NetworkConfiguration network = NetworkConfiguration.builder()
                    .awsvpcConfiguration(AwsVpcConfiguration.builder().subnets(subnet).build()).build();
            ecs.createCluster(r -> r.clusterName("bench"));
            ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .containerDefinitions(c -> c.name("web").image("nginx").essential(true)));
            ecs.createService(r -> r.cluster("bench").serviceName("web").taskDefinition("web").desiredCount(10)
                    .launchType(LaunchType.FARGATE).networkConfiguration(network));

            Map<String, Call> mix = new LinkedHashMap<>();
            mix.put("DescribeServices", c -> c.describeServices(r -> r.cluster("bench").services("web")));
            mix.put("ListTasks", c -> c.listTasks(r -> r.cluster("bench")));
            mix.put("DescribeTasks", c -> {
                List<String> arns = c.listTasks(r -> r.cluster("bench")).taskArns();
                if (!arns.isEmpty()) {
                    c.describeTasks(r -> r.cluster("bench").tasks(arns));
                }
            });
            mix.put("DescribeClusters", c -> c.describeClusters(r -> r.clusters("bench")));
            mix.put("RunTask", c -> c.runTask(r -> r.cluster("bench").taskDefinition("web")
                    .launchType(LaunchType.FARGATE).networkConfiguration(network)));
            mix.put("StopTask", c -> {
                List<String> arns = c.listTasks(r -> r.cluster("bench").startedBy(null).desiredStatus("RUNNING")).taskArns();
                if (arns.size() > 12) {
                    c.stopTask(r -> r.cluster("bench").task(arns.get(arns.size() - 1)).reason("benchmark"));
                }
            });
            String[] weighted = {"DescribeServices", "DescribeServices", "DescribeServices", "ListTasks", "ListTasks",
                    "DescribeTasks", "DescribeTasks", "DescribeClusters", "RunTask", "StopTask"};

            Random random = new Random(7);
            for (int i = 0; i < 300; i++) {
                mix.get(weighted[random.nextInt(weighted.length)]).run(ecs);
            }
            Map<String, List<Long>> latencies = new LinkedHashMap<>();
            List<Long> all = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                String name = weighted[random.nextInt(weighted.length)];
                long t0 = System.nanoTime();
                mix.get(name).run(ecs);
                long took = System.nanoTime() - t0;
                latencies.computeIfAbsent(name, k -> new ArrayList<>()).add(took);
                all.add(took);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("ECS mix, 1 client, clock at 60x, H2 file: %d calls in %.1f s = %.0f calls/s, p50 %.1f ms, p99 %.1f ms%n",
                    calls, seconds, calls / seconds, percentile(all, 50), percentile(all, 99));
            latencies.forEach((name, values) -> System.out.printf("  %-17s %5d calls  p50 %6.1f ms  p99 %6.1f ms%n",
                    name, values.size(), percentile(values, 50), percentile(values, 99)));
            System.out.printf("tasks in the cluster at the end: %d%n", ecs.listTasks(r -> r.cluster("bench")).taskArns().size());
        }
    }

    private static double percentile(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
