package org.ecslabs.simulator.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.StandaloneServer;
import org.ecslabs.simulator.engine.Account;
import org.ecslabs.simulator.engine.Mode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A class on one simulator: N accounts, each a cluster, an ALB with a target group, a 4-task
 * Fargate service behind it with a target tracking policy, the clock at 60x. While the clock runs
 * it prints how far the stored state lags the clock (simulated seconds), DescribeServices p50/p99,
 * database growth, the ticker threads' CPU and the heap; at the end the first call after a
 * simulated day of downtime. Not a test: run it by hand.
 * {@code java -cp <test classpath> org.ecslabs.simulator.bench.ClassroomBenchmark [accounts] [seconds] [speed]}
 */
public final class ClassroomBenchmark {
    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 180;
        double speed = args.length > 2 ? Double.parseDouble(args[2]) : 60;
        Path data = Files.createTempDirectory("classroom-bench");
        String url = StandaloneServer.jdbcUrl(data);
        Simulator simulator = Simulator.create(SimulatorConfig.withJdbcUrl(url).withMode(Mode.CLASSROOM)
                .withInitialSpeed(speed));
        StandaloneServer server = StandaloneServer.start(0, simulator, new PrintStream(OutputStream.nullOutputStream()));
        URI endpoint = URI.create("http://localhost:" + server.port());
        List<Account> created = new ArrayList<>();
        long setupStarted = System.nanoTime();
        for (int i = 0; i < accounts; i++) {
            Account account = simulator.accounts().create("student-" + i);
            created.add(account);
            setUp(endpoint, account);
        }
        System.out.printf("set up %d accounts in %.1f s%n", accounts, (System.nanoTime() - setupStarted) / 1e9);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long tickerCpuBefore = tickerCpu(threads);
        long dbBefore = dbBytes(data);
        Instant wallStart = Instant.now();
        List<Double> latencies = new ArrayList<>();
        List<Double> lags = new ArrayList<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int round = 0;
        try (Connection db = DriverManager.getConnection(url)) {
            while (System.nanoTime() < deadline) {
                Account account = created.get(round++ % created.size());
                try (EcsClient ecs = ecs(endpoint, account)) {
                    long started = System.nanoTime();
                    ecs.describeServices(r -> r.cluster("lab").services("web"));
                    latencies.add((System.nanoTime() - started) / 1e6);
                }
                if (round % 20 == 0) {
                    lags.addAll(lagSeconds(db));
                }
                Thread.sleep(50);
            }
        }
        double wallSeconds = Duration.between(wallStart, Instant.now()).toMillis() / 1000.0;
        double tickerCores = (tickerCpu(threads) - tickerCpuBefore) / 1e9 / wallSeconds;
        long dbAfter = dbBytes(data);
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        double[] sortedLatency = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] sortedLag = lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%d accounts at %.0fx for %.0f s wall: DescribeServices %d calls p50 %.1f ms p99 %.1f ms%n",
                accounts, speed, wallSeconds, sortedLatency.length, pct(sortedLatency, 50), pct(sortedLatency, 99));
        System.out.printf("stored state behind the clock: median %.1f, p99 %.1f, max %.1f simulated s%n",
                pct(sortedLag, 50), pct(sortedLag, 99), sortedLag.length == 0 ? 0 : sortedLag[sortedLag.length - 1]);
        System.out.printf("database %.1f -> %.1f MB, %.0f MB per wall hour; ticker CPU %.2f cores; heap after GC %.0f MB%n",
                dbBefore / 1e6, dbAfter / 1e6, (dbAfter - dbBefore) / 1e6 / wallSeconds * 3600, tickerCores, heap / 1e6);

        // A simulated day of downtime: the next call catches an account up.
        Account first = created.get(0);
        try (EcsClient ecs = ecs(endpoint, first)) {
            call(endpoint, first, "SetClockSpeed", "{\"factor\": 0}");
            call(endpoint, first, "AdvanceClock", "{\"seconds\": 1}");
            long started = System.nanoTime();
            call(endpoint, first, "AdvanceClock", "{\"seconds\": 86400}");
            System.out.printf("AdvanceClock over a simulated day (one account): %.0f ms%n", (System.nanoTime() - started) / 1e6);
            started = System.nanoTime();
            ecs.describeServices(r -> r.cluster("lab").services("web"));
            System.out.printf("first DescribeServices after it: %.0f ms%n", (System.nanoTime() - started) / 1e6);
        }
        server.close();
    }

    private static void setUp(URI endpoint, Account account) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
        try (EcsClient ecs = ecs(endpoint, account);
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().endpointOverride(endpoint)
                     .region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
             ApplicationAutoScalingClient scaling = ApplicationAutoScalingClient.builder().endpointOverride(endpoint)
                     .region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
            List<Subnet> subnets = ec2.describeSubnets().subnets();
            String vpc = subnets.get(0).vpcId();
            ecs.createCluster(r -> r.clusterName("lab"));
            String balancer = elb.createLoadBalancer(r -> r.name("web").subnets(subnets.get(0).subnetId(), subnets.get(1).subnetId()))
                    .loadBalancers().get(0).loadBalancerArn();
            String group = elb.createTargetGroup(r -> r.name("web").protocol("HTTP").port(80).vpcId(vpc)
                    .targetType(TargetTypeEnum.IP)).targetGroups().get(0).targetGroupArn();
            elb.createListener(r -> r.loadBalancerArn(balancer).protocol("HTTP").port(80)
                    .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(group).build()));
            ecs.registerTaskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx:1.27").essential(true)
                            .portMappings(PortMapping.builder().containerPort(80).build()).build()));
            ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition("web").desiredCount(4)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnets.get(0).subnetId())))
                    .loadBalancers(lb -> lb.targetGroupArn(group).containerName("web").containerPort(80)));
            scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId("service/lab/web")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(8));
            scaling.putScalingPolicy(r -> r.policyName("cpu").serviceNamespace(ServiceNamespace.ECS)
                    .resourceId("service/lab/web").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .policyType(PolicyType.TARGET_TRACKING_SCALING)
                    .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0)
                            .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
        }
    }

    private static EcsClient ecs(URI endpoint, Account account) {
        return EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static void call(URI endpoint, Account account, String operation, String json) {
        var response = org.ecslabs.simulator.support.SignedHttp.json(endpoint, account.accessKeyId(),
                account.secretAccessKey(), "us-east-1", "ecs", "EcsLabsSimulator." + operation, json);
        if (response.status() != 200) {
            throw new IllegalStateException(operation + ": " + response.body());
        }
    }

    /** Per account: the clock's simulated now minus the simulated time the store has ticked to. */
    private static List<Double> lagSeconds(Connection db) throws Exception {
        List<Double> lags = new ArrayList<>();
        long nowNanos = System.currentTimeMillis() * 1_000_000L;
        try (Statement select = db.createStatement();
             ResultSet rows = select.executeQuery("SELECT sim_anchor_nanos, wall_anchor_nanos, speed, ticked_to_nanos FROM sim_account")) {
            while (rows.next()) {
                double simNow = rows.getLong(1) + (nowNanos - rows.getLong(2)) * rows.getDouble(3);
                lags.add(Math.max(0, (simNow - rows.getLong(4)) / 1e9));
            }
        }
        return lags;
    }

    private static long tickerCpu(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("simulator-tick")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long dbBytes(Path data) throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.round(p / 100 * (sorted.length - 1)))];
    }
}
