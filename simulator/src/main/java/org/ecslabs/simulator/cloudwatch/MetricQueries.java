package org.ecslabs.simulator.cloudwatch;

import static org.ecslabs.simulator.cloudwatch.CloudWatchService.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.Dimension;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricSeries;
import org.ecslabs.simulator.protocol.AwsException;

/** GetMetricStatistics, GetMetricData and ListMetrics. */
final class MetricQueries {
    private static final int MAX_DATAPOINTS = 1440;

    private MetricQueries() {
    }

    static JsonNode getMetricStatistics(CloudWatchState state, JsonNode input) {
        String namespace = Input.required(input, "Namespace");
        String metricName = Input.required(input, "MetricName");
        List<Dimension> dimensions = Input.dimensions(input, "Dimensions");
        long start = requiredTime(input, "StartTime");
        long end = requiredTime(input, "EndTime");
        int period = period(input, "Period");
        List<String> statistics = Input.strings(input, "Statistics");
        if (statistics.isEmpty()) {
            throw new AwsException("MissingParameter",
                    "The parameter Statistics is required (ExtendedStatistics are not supported by the simulator).");
        }
        for (String statistic : statistics) {
            if (!MetricStore.isStatistic(statistic)) {
                throw new AwsException("InvalidParameterValue",
                        "The value " + statistic + " for parameter Statistics is invalid.");
            }
        }
        checkRange(start, end, period);
        ObjectNode result = JSON.objectNode();
        result.put("Label", metricName);
        ArrayNode datapoints = result.putArray("Datapoints");
        Optional<MetricSeries> series = MetricStore.find(state, namespace, metricName, dimensions);
        if (series.isPresent()) {
            for (MetricStore.Datapoint point : MetricStore.aggregate(state, series.get(), start / 1000, ceilSeconds(end), period)) {
                ObjectNode item = datapoints.addObject();
                item.set("Timestamp", Timestamps.out(point.start() * 1000));
                for (String statistic : statistics) {
                    item.put(statistic, MetricStore.value(point.stats(), statistic));
                }
                item.put("Unit", series.get().unit == null ? "None" : series.get().unit);
            }
        }
        return result;
    }

    static JsonNode getMetricData(CloudWatchState state, JsonNode input) {
        List<JsonNode> queries = Input.list(input, "MetricDataQueries");
        if (queries.isEmpty()) {
            throw new AwsException("MissingParameter", "The parameter MetricDataQueries is required.");
        }
        long start = requiredTime(input, "StartTime");
        long end = requiredTime(input, "EndTime");
        if (start >= end) {
            throw new AwsException("ValidationError", "The parameter StartTime must be less than the parameter EndTime.");
        }
        String scanBy = Input.text(input, "ScanBy");
        boolean ascending = "TimestampAscending".equals(scanBy);
        ObjectNode result = JSON.objectNode();
        ArrayNode results = result.putArray("MetricDataResults");
        for (JsonNode query : queries) {
            String id = Input.required(query, "Id");
            if (query.hasNonNull("Expression")) {
                throw new AwsException("ValidationError",
                        "Metric math expressions are not supported by the simulator (query " + id + ").");
            }
            JsonNode stat = query.get("MetricStat");
            if (stat == null || stat.isNull()) {
                throw new AwsException("ValidationError",
                        "The query " + id + " must have either an Expression or a MetricStat.");
            }
            JsonNode metric = stat.get("Metric");
            if (metric == null) {
                throw new AwsException("MissingParameter", "The parameter MetricDataQueries.member.Metric is required.");
            }
            String statistic = Input.required(stat, "Stat");
            if (!MetricStore.isStatistic(statistic)) {
                throw new AwsException("ValidationError",
                        "The statistic " + statistic + " is not supported by the simulator (use Average, Sum, Minimum, Maximum or SampleCount).");
            }
            int period = period(stat, "Period");
            String metricName = Input.required(metric, "MetricName");
            ObjectNode item = results.addObject();
            item.put("Id", id);
            String label = Input.text(query, "Label");
            item.put("Label", label == null ? metricName : label);
            ArrayNode timestamps = item.putArray("Timestamps");
            ArrayNode values = item.putArray("Values");
            Optional<MetricSeries> series = MetricStore.find(state, Input.required(metric, "Namespace"), metricName,
                    Input.dimensions(metric, "Dimensions"));
            if (series.isPresent()) {
                List<MetricStore.Datapoint> points = new ArrayList<>(
                        MetricStore.aggregate(state, series.get(), start / 1000, ceilSeconds(end), period));
                if (!ascending) {
                    points.sort(Comparator.comparingLong(MetricStore.Datapoint::start).reversed());
                }
                for (MetricStore.Datapoint point : points) {
                    timestamps.add(Timestamps.out(point.start() * 1000));
                    values.add(MetricStore.value(point.stats(), statistic));
                }
            }
            item.put("StatusCode", "Complete");
        }
        result.putArray("Messages");
        return result;
    }

    static JsonNode listMetrics(CloudWatchState state, JsonNode input) {
        String namespace = Input.text(input, "Namespace");
        String metricName = Input.text(input, "MetricName");
        List<JsonNode> filters = Input.list(input, "Dimensions");
        ObjectNode result = JSON.objectNode();
        ArrayNode metrics = result.putArray("Metrics");
        List<MetricSeries> sorted = new ArrayList<>(state.metrics);
        sorted.sort(Comparator.comparing((MetricSeries s) -> s.namespace).thenComparing(s -> s.metricName));
        for (MetricSeries series : sorted) {
            if (namespace != null && !namespace.equals(series.namespace)
                    || metricName != null && !metricName.equals(series.metricName)) {
                continue;
            }
            boolean matches = filters.stream().allMatch(filter -> series.dimensions.stream().anyMatch(d ->
                    d.name.equals(Input.text(filter, "Name"))
                            && (Input.text(filter, "Value") == null || d.value.equals(Input.text(filter, "Value")))));
            if (matches) {
                metrics.add(CloudWatchService.metricOut(series));
            }
        }
        return result;
    }

    private static long requiredTime(JsonNode input, String member) {
        Long time = Input.timestamp(input, member);
        if (time == null) {
            throw new AwsException("MissingParameter", "The parameter " + member + " is required.");
        }
        return time;
    }

    private static long ceilSeconds(long millis) {
        return Math.floorDiv(millis + 999, 1000);
    }

    private static int period(JsonNode input, String member) {
        Integer period = Input.integer(input, member);
        if (period == null) {
            throw new AwsException("MissingParameter", "The parameter " + member + " is required.");
        }
        if (period < 60 || period % 60 != 0) {
            throw new AwsException("InvalidParameterValue",
                    "The parameter Period must be a multiple of 60 (the simulator keeps one-minute datapoints).");
        }
        return period;
    }

    private static void checkRange(long start, long end, int period) {
        if (start >= end) {
            throw new AwsException("InvalidParameterValue",
                    "The parameter StartTime must be less than the parameter EndTime.");
        }
        if ((end - start) / 1000 / period > MAX_DATAPOINTS) {
            throw new AwsException("InvalidParameterCombination",
                    "You have requested up to " + ((end - start) / 1000 / period)
                            + " datapoints, which exceeds the limit of " + MAX_DATAPOINTS
                            + ". You may reduce the datapoints requested by increasing Period, or decreasing the time range.");
        }
    }
}
