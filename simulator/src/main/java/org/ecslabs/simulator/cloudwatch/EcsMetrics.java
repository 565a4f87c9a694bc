package org.ecslabs.simulator.cloudwatch;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.Dimension;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.StatisticSet;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.load.EcsServices;
import org.ecslabs.simulator.load.LoadModel;
import org.ecslabs.simulator.load.ServiceRef;

/** The AWS/ECS and AWS/ApplicationELB metrics ECS and the load balancer publish every minute, from the load model. */
final class EcsMetrics {
    private final EcsServices ecs;
    private final LoadModel load;

    EcsMetrics(EcsServices ecs, LoadModel load) {
        this.ecs = ecs;
        this.load = load;
    }

    /** The load model's reading of every service with running tasks, as ECS reports it each minute. */
    void publish(Sandbox sandbox, CloudWatchState state, long minuteStart) {
        Map<String, StatisticSet[]> clusters = new TreeMap<>();
        for (ServiceRef service : ecs.services(sandbox)) {
            LoadModel.Reading reading = load.read(sandbox, service);
            int running = reading.runningCount();
            if (running == 0) {
                continue;
            }
            List<Dimension> dimensions = List.of(new Dimension("ClusterName", service.cluster()),
                    new Dimension("ServiceName", service.service()));
            StatisticSet cpu = new StatisticSet(running, reading.cpuUtilization() * running,
                    reading.cpuUtilization(), reading.cpuUtilization());
            StatisticSet memory = new StatisticSet(running, reading.memoryUtilization() * running,
                    reading.memoryUtilization(), reading.memoryUtilization());
            MetricStore.put(state, "AWS/ECS", "CPUUtilization", dimensions, "Percent", minuteStart, cpu);
            MetricStore.put(state, "AWS/ECS", "MemoryUtilization", dimensions, "Percent", minuteStart, memory);
            StatisticSet[] cluster = clusters.computeIfAbsent(service.cluster(),
                    key -> new StatisticSet[] {new StatisticSet(), new StatisticSet()});
            cluster[0].add(cpu);
            cluster[1].add(memory);
            Double requests = reading.requestCountPerTargetPerMinute();
            if (requests != null) {
                for (String targetGroupArn : ecs.targetGroupArns(sandbox, service)) {
                    int at = targetGroupArn.indexOf("targetgroup/");
                    if (at < 0) {
                        continue;
                    }
                    MetricStore.put(state, "AWS/ApplicationELB", "RequestCountPerTarget",
                            List.of(new Dimension("TargetGroup", targetGroupArn.substring(at))), "Count",
                            minuteStart, new StatisticSet(1, requests, requests, requests));
                }
            }
        }
        clusters.forEach((cluster, stats) -> {
            List<Dimension> dimensions = List.of(new Dimension("ClusterName", cluster));
            MetricStore.put(state, "AWS/ECS", "CPUUtilization", dimensions, "Percent", minuteStart, stats[0]);
            MetricStore.put(state, "AWS/ECS", "MemoryUtilization", dimensions, "Percent", minuteStart, stats[1]);
        });
    }
}
