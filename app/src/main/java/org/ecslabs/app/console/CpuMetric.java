package org.ecslabs.app.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.console.SandboxState.Point;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * A service's CPU utilization over simulated time for the chart: CloudWatch's AWS/ECS
 * CPUUtilization, one-minute averages, read with GetMetricData as any dashboard would.
 */
final class CpuMetric {

    private CpuMetric() {
    }

    static List<Point> read(AwsClients clients, String key, double from, double now) {
        CloudWatchClient cloudWatch = (CloudWatchClient) clients.client("cloudwatch");
        String[] parts = key.split("/", 2);
        double start = Math.min(from, now - 600);
        MetricDataResult result = cloudWatch.getMetricData(request -> request
                .startTime(Instant.ofEpochMilli((long) (start * 1000)))
                .endTime(Instant.ofEpochMilli((long) ((now + 60) * 1000)))
                .metricDataQueries(query -> query.id("cpu").returnData(true).metricStat(stat -> stat
                        .period(60).stat("Average")
                        .metric(metric -> metric.namespace("AWS/ECS").metricName("CPUUtilization").dimensions(
                                Dimension.builder().name("ClusterName").value(parts[0]).build(),
                                Dimension.builder().name("ServiceName").value(parts[1]).build())))))
                .metricDataResults().stream().findFirst().orElse(null);
        if (result == null) {
            return List.of();
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < Math.min(result.timestamps().size(), result.values().size()); i++) {
            points.add(new Point(SandboxState.seconds(result.timestamps().get(i)), result.values().get(i)));
        }
        points.sort(Comparator.comparingDouble(Point::t));
        return points;
    }
}
