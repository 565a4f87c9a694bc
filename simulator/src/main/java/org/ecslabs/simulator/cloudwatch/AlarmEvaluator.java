package org.ecslabs.simulator.cloudwatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricAlarm;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricSeries;

/** Evaluates one metric alarm over its most recent periods, as CloudWatch does every minute. */
final class AlarmEvaluator {
    private static final DateTimeFormatter REASON_TIME =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    private AlarmEvaluator() {
    }

    /** The outcome: the state the alarm should be in, why, and the newest value seen. */
    record Outcome(String state, String reason, String reasonData, Double newestValue) {
    }

    /** A datapoint of the evaluation window, newest first; value null when the period had no data. */
    private record Point(long start, Double value, Double sampleCount) {
    }

    static Outcome evaluate(CloudWatchState state, MetricAlarm alarm, long nowSeconds) {
        int period = Math.max(60, alarm.period);
        int evaluationPeriods = Math.max(1, alarm.evaluationPeriods);
        int datapointsToAlarm = alarm.datapointsToAlarm == null ? evaluationPeriods : alarm.datapointsToAlarm;
        long lastEnd = Math.floorDiv(nowSeconds, period) * period;
        long windowStart = lastEnd - (long) evaluationPeriods * period;

        Map<Long, MetricStore.Datapoint> byStart = new HashMap<>();
        MetricStore.find(state, alarm.namespace, alarm.metricName, alarm.dimensions).ifPresent((MetricSeries series) ->
                MetricStore.aggregate(state, series, windowStart, lastEnd, period)
                        .forEach(point -> byStart.put(point.start(), point)));
        String statistic = alarm.statistic == null ? "Average" : alarm.statistic;
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < evaluationPeriods; i++) {
            long start = lastEnd - (long) (i + 1) * period;
            MetricStore.Datapoint datapoint = byStart.get(start);
            points.add(datapoint == null
                    ? new Point(start, null, null)
                    : new Point(start, MetricStore.value(datapoint.stats(), statistic), datapoint.stats().sampleCount));
        }

        String treatMissing = alarm.treatMissingData == null ? "missing" : alarm.treatMissingData;
        List<Point> present = points.stream().filter(p -> p.value() != null).toList();
        long missing = points.size() - present.size();
        List<Point> breaching = present.stream().filter(p -> crosses(alarm, p.value())).toList();
        List<Point> notBreaching = present.stream().filter(p -> !crosses(alarm, p.value())).toList();
        long breachingCount = breaching.size() + ("breaching".equals(treatMissing) ? missing : 0);
        Double newest = present.isEmpty() ? null : present.get(0).value();

        String newState;
        if (present.isEmpty() && !"breaching".equals(treatMissing) && !"notBreaching".equals(treatMissing)) {
            newState = "ignore".equals(treatMissing) ? alarm.stateValue : "INSUFFICIENT_DATA";
        } else {
            newState = breachingCount >= datapointsToAlarm ? "ALARM" : "OK";
            // Too few breaching datapoints yet, but none that says OK either: no decision.
            if ("OK".equals(newState) && notBreaching.isEmpty() && !"notBreaching".equals(treatMissing)) {
                newState = alarm.stateValue;
            }
        }

        String reason;
        if ("INSUFFICIENT_DATA".equals(newState)) {
            reason = "Insufficient Data: " + count(points.size()) + " " + (points.size() == 1 ? "was" : "were")
                    + " unknown.";
        } else if ("ALARM".equals(newState)) {
            reason = thresholdCrossed(breaching, alarm, false);
        } else {
            reason = thresholdCrossed(notBreaching, alarm, true);
        }
        return new Outcome(newState, reason, reasonData(alarm, points, statistic, period, nowSeconds), newest);
    }

    static boolean crosses(MetricAlarm alarm, double value) {
        return switch (alarm.comparisonOperator) {
            case "GreaterThanThreshold" -> value > alarm.threshold;
            case "GreaterThanOrEqualToThreshold" -> value >= alarm.threshold;
            case "LessThanThreshold" -> value < alarm.threshold;
            case "LessThanOrEqualToThreshold" -> value <= alarm.threshold;
            default -> false;
        };
    }

    private static String thresholdCrossed(List<Point> listed, MetricAlarm alarm, boolean negated) {
        String values = listed.stream()
                .map(p -> p.value() + " (" + REASON_TIME.format(Instant.ofEpochSecond(p.start())) + ")")
                .collect(Collectors.joining(", "));
        String verb = listed.size() == 1 ? "was" : "were";
        return "Threshold Crossed: " + count(listed.size()) + " [" + values + "] " + verb + " "
                + (negated ? "not " : "") + comparisonWords(alarm.comparisonOperator)
                + " the threshold (" + alarm.threshold + ").";
    }

    private static String count(int n) {
        return n + (n == 1 ? " datapoint" : " datapoints");
    }

    static String comparisonWords(String operator) {
        return switch (operator) {
            case "GreaterThanThreshold" -> "greater than";
            case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
            case "LessThanThreshold" -> "less than";
            case "LessThanOrEqualToThreshold" -> "less than or equal to";
            default -> operator;
        };
    }

    private static String reasonData(MetricAlarm alarm, List<Point> points, String statistic, int period, long now) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("version", "1.0");
        data.put("queryDate", DATA_TIME.format(Instant.ofEpochSecond(now)));
        if (!points.isEmpty()) {
            data.put("startDate", DATA_TIME.format(Instant.ofEpochSecond(points.get(points.size() - 1).start())));
        }
        data.put("statistic", statistic);
        data.put("period", period);
        ArrayNode recent = data.putArray("recentDatapoints");
        ArrayNode evaluated = data.putArray("evaluatedDatapoints");
        for (Point point : points) {
            if (point.value() != null) {
                recent.add(point.value());
                ObjectNode item = evaluated.addObject();
                item.put("timestamp", DATA_TIME.format(Instant.ofEpochSecond(point.start())));
                item.put("sampleCount", point.sampleCount());
                item.put("value", point.value());
            }
        }
        data.put("threshold", alarm.threshold);
        return data.toString();
    }
}
