package org.ecslabs.simulator.cloudwatch;

import java.util.List;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.Dimension;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.StatisticSet;
import org.ecslabs.simulator.engine.Sandbox;

/** How another simulated service publishes a metric data point, as AWS services do to CloudWatch. */
public final class ServiceMetrics {
    private ServiceMetrics() {
    }

    /** One value at a time in a namespace such as AWS/ECS/ManagedScaling, with name/value dimension pairs. */
    public static void put(Sandbox sandbox, String namespace, String metricName, List<String[]> dimensions, String unit,
                           long epochSeconds, double value) {
        List<Dimension> list = dimensions.stream().map(pair -> new Dimension(pair[0], pair[1])).toList();
        MetricStore.put(sandbox.state(CloudWatchState.class), namespace, metricName, list, unit, epochSeconds,
                new StatisticSet(1, value, value, value));
    }
}
