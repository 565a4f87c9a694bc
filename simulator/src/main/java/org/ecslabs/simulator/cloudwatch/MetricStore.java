package org.ecslabs.simulator.cloudwatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.Dimension;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricSeries;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.StatisticSet;

/** Stores datapoints in one-minute buckets and aggregates them over periods. */
final class MetricStore {
    /**
     * How long datapoints are kept: a day of one-minute data, enough for any lab, while the
     * persisted state (written after every call and tick) stays small.
     */
    static final long RETENTION_SECONDS = 24 * 3600;

    private MetricStore() {
    }

    /** One period's aggregate, its start in epoch seconds. */
    record Datapoint(long start, StatisticSet stats) {
    }

    static List<Dimension> sorted(List<Dimension> dimensions) {
        List<Dimension> copy = new ArrayList<>(dimensions);
        copy.sort(Comparator.comparing(d -> d.name));
        return copy;
    }

    static boolean sameDimensions(List<Dimension> a, List<Dimension> b) {
        if (a.size() != b.size()) {
            return false;
        }
        List<Dimension> left = sorted(a);
        List<Dimension> right = sorted(b);
        for (int i = 0; i < left.size(); i++) {
            if (!left.get(i).name.equals(right.get(i).name) || !left.get(i).value.equals(right.get(i).value)) {
                return false;
            }
        }
        return true;
    }

    static Optional<MetricSeries> find(CloudWatchState state, String namespace, String metricName, List<Dimension> dimensions) {
        return state.metrics.stream()
                .filter(series -> series.namespace.equals(namespace) && series.metricName.equals(metricName)
                        && sameDimensions(series.dimensions, dimensions))
                .findFirst();
    }

    static void put(CloudWatchState state, String namespace, String metricName, List<Dimension> dimensions, String unit,
                    long epochSeconds, StatisticSet stats) {
        MetricSeries series = find(state, namespace, metricName, dimensions).orElseGet(() -> {
            MetricSeries created = new MetricSeries();
            created.namespace = namespace;
            created.metricName = metricName;
            created.dimensions = sorted(dimensions);
            created.points = new TreeMap<>();
            state.metrics.add(created);
            return created;
        });
        if (unit != null) {
            series.unit = unit;
        }
        long minute = Math.floorDiv(epochSeconds, 60) * 60;
        StatisticSet point = points(state, series).get(minute);
        if (point == null) {
            point = new StatisticSet();
            series.points.put(minute, point);
        }
        point.add(stats);
        // Put again: the datapoint's entry is written whenever it changes.
        state.datapoints.put(key(series, minute), point);
    }

    private static String key(MetricSeries series, long minute) {
        return series.id + "@" + minute;
    }

    /**
     * A series' datapoints by minute. The index is not stored: after a load it is rebuilt from the
     * state's datapoint entries, once.
     */
    static TreeMap<Long, StatisticSet> points(CloudWatchState state, MetricSeries series) {
        if (series.id == null) {
            StringBuilder id = new StringBuilder(series.namespace).append('|').append(series.metricName);
            series.dimensions.forEach(d -> id.append('|').append(d.name).append('=').append(d.value));
            series.id = id.toString();
        }
        if (series.points == null) {
            series.points = new TreeMap<>();
            String prefix = series.id + "@";
            for (Map.Entry<String, StatisticSet> entry : state.datapoints.entrySet()) {
                if (entry.getKey().startsWith(prefix)) {
                    series.points.put(Long.parseLong(entry.getKey().substring(prefix.length())), entry.getValue());
                }
            }
        }
        return series.points;
    }

    /**
     * The aggregates of the periods in [start, end) that hold data, oldest first. As in CloudWatch,
     * the start is rounded down to the minute and the periods count from there.
     */
    static List<Datapoint> aggregate(CloudWatchState state, MetricSeries series, long startSeconds, long endSeconds, int period) {
        List<Datapoint> result = new ArrayList<>();
        long first = Math.floorDiv(startSeconds, 60) * 60;
        SortedMap<Long, StatisticSet> window = points(state, series).subMap(first, endSeconds);
        StatisticSet current = null;
        long currentStart = 0;
        for (Map.Entry<Long, StatisticSet> point : window.entrySet()) {
            long periodStart = first + Math.floorDiv(point.getKey() - first, period) * period;
            if (current == null || periodStart != currentStart) {
                if (current != null) {
                    result.add(new Datapoint(currentStart, current));
                }
                current = new StatisticSet();
                currentStart = periodStart;
            }
            current.add(point.getValue());
        }
        if (current != null) {
            result.add(new Datapoint(currentStart, current));
        }
        return result;
    }

    /** The value of a statistic: Average, Sum, Minimum, Maximum, SampleCount. */
    static double value(StatisticSet stats, String statistic) {
        return switch (statistic) {
            case "Average" -> stats.sampleCount == 0 ? 0 : stats.sum / stats.sampleCount;
            case "Sum" -> stats.sum;
            case "Minimum" -> stats.minimum;
            case "Maximum" -> stats.maximum;
            case "SampleCount" -> stats.sampleCount;
            default -> throw new IllegalArgumentException(statistic);
        };
    }

    static boolean isStatistic(String statistic) {
        return List.of("Average", "Sum", "Minimum", "Maximum", "SampleCount").contains(statistic);
    }

    static void prune(CloudWatchState state, long nowSeconds) {
        long oldest = nowSeconds - RETENTION_SECONDS;
        for (MetricSeries series : state.metrics) {
            SortedMap<Long, StatisticSet> expired = points(state, series).headMap(oldest);
            for (Long minute : expired.keySet()) {
                state.datapoints.remove(key(series, minute));
            }
            expired.clear();
        }
        state.metrics.removeIf(series -> series.points.isEmpty());
    }
}
