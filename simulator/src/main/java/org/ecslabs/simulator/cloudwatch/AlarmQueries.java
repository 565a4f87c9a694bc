package org.ecslabs.simulator.cloudwatch;

import static org.ecslabs.simulator.cloudwatch.CloudWatchService.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.Dimension;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.HistoryItem;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricAlarm;
import org.ecslabs.simulator.protocol.AwsException;

/** DescribeAlarms, DescribeAlarmsForMetric and DescribeAlarmHistory. */
final class AlarmQueries {
    private AlarmQueries() {
    }

    static JsonNode describeAlarms(CloudWatchState state, JsonNode input) {
        List<String> names = Input.strings(input, "AlarmNames");
        String prefix = Input.text(input, "AlarmNamePrefix");
        String stateValue = Input.text(input, "StateValue");
        String actionPrefix = Input.text(input, "ActionPrefix");
        if (!names.isEmpty() && prefix != null) {
            throw new AwsException("InvalidParameterCombination",
                    "AlarmNames and AlarmNamePrefix cannot be specified together.");
        }
        List<String> types = Input.strings(input, "AlarmTypes");
        boolean metricAlarms = types.isEmpty() || types.contains("MetricAlarm");
        List<MetricAlarm> matching = new ArrayList<>();
        for (MetricAlarm alarm : state.alarms.values()) {
            if (!metricAlarms || !names.isEmpty() && !names.contains(alarm.alarmName)
                    || prefix != null && !alarm.alarmName.startsWith(prefix)
                    || stateValue != null && !stateValue.equals(alarm.stateValue)
                    || actionPrefix != null && alarm.alarmActions.stream().noneMatch(a -> a.startsWith(actionPrefix))) {
                continue;
            }
            matching.add(alarm);
        }
        int start = token(input);
        Integer max = Input.integer(input, "MaxRecords");
        int limit = max == null ? 50 : Math.max(1, Math.min(100, max));
        ObjectNode result = JSON.objectNode();
        ArrayNode alarms = result.putArray("MetricAlarms");
        for (int i = start; i < Math.min(matching.size(), start + limit); i++) {
            alarms.add(alarmOut(matching.get(i)));
        }
        result.putArray("CompositeAlarms");
        if (start + limit < matching.size()) {
            result.put("NextToken", String.valueOf(start + limit));
        }
        return result;
    }

    static JsonNode describeAlarmsForMetric(CloudWatchState state, JsonNode input) {
        String namespace = Input.required(input, "Namespace");
        String metricName = Input.required(input, "MetricName");
        List<Dimension> dimensions = Input.dimensions(input, "Dimensions");
        String statistic = Input.text(input, "Statistic");
        Integer period = Input.integer(input, "Period");
        ObjectNode result = JSON.objectNode();
        ArrayNode alarms = result.putArray("MetricAlarms");
        for (MetricAlarm alarm : state.alarms.values()) {
            if (namespace.equals(alarm.namespace) && metricName.equals(alarm.metricName)
                    && (dimensions.isEmpty() || MetricStore.sameDimensions(dimensions, alarm.dimensions))
                    && (statistic == null || statistic.equals(alarm.statistic))
                    && (period == null || period == alarm.period)) {
                alarms.add(alarmOut(alarm));
            }
        }
        return result;
    }

    static JsonNode describeAlarmHistory(CloudWatchState state, JsonNode input) {
        String name = Input.text(input, "AlarmName");
        String type = Input.text(input, "HistoryItemType");
        Long start = Input.timestamp(input, "StartDate");
        Long end = Input.timestamp(input, "EndDate");
        boolean ascending = "TimestampAscending".equals(Input.text(input, "ScanBy"));
        List<HistoryItem> matching = new ArrayList<>();
        for (HistoryItem item : state.history) {
            if (name != null && !name.equals(item.alarmName) || type != null && !type.equals(item.historyItemType)
                    || start != null && item.timestamp < start || end != null && item.timestamp > end) {
                continue;
            }
            matching.add(item);
        }
        // The history is kept in the order things happened, which also orders items of the same instant.
        if (!ascending) {
            Collections.reverse(matching);
        }
        int from = token(input);
        Integer max = Input.integer(input, "MaxRecords");
        int limit = max == null ? 100 : Math.max(1, Math.min(100, max));
        ObjectNode result = JSON.objectNode();
        ArrayNode items = result.putArray("AlarmHistoryItems");
        for (int i = from; i < Math.min(matching.size(), from + limit); i++) {
            HistoryItem item = matching.get(i);
            ObjectNode out = items.addObject();
            out.put("AlarmName", item.alarmName);
            out.put("AlarmType", "MetricAlarm");
            out.set("Timestamp", Timestamps.out(item.timestamp));
            out.put("HistoryItemType", item.historyItemType);
            out.put("HistorySummary", item.historySummary);
            if (item.historyData != null) {
                out.put("HistoryData", item.historyData);
            }
        }
        if (from + limit < matching.size()) {
            result.put("NextToken", String.valueOf(from + limit));
        }
        return result;
    }

    private static int token(JsonNode input) {
        String token = Input.text(input, "NextToken");
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(token));
        } catch (NumberFormatException e) {
            throw new AwsException("InvalidNextToken", "The service cannot process the NextToken.");
        }
    }

    static ObjectNode alarmOut(MetricAlarm alarm) {
        ObjectNode out = JSON.objectNode();
        out.put("AlarmName", alarm.alarmName);
        out.put("AlarmArn", alarm.alarmArn);
        if (alarm.alarmDescription != null) {
            out.put("AlarmDescription", alarm.alarmDescription);
        }
        out.set("AlarmConfigurationUpdatedTimestamp", Timestamps.out(alarm.configurationUpdated));
        out.put("ActionsEnabled", alarm.actionsEnabled);
        strings(out.putArray("OKActions"), alarm.okActions);
        strings(out.putArray("AlarmActions"), alarm.alarmActions);
        strings(out.putArray("InsufficientDataActions"), alarm.insufficientDataActions);
        out.put("StateValue", alarm.stateValue);
        out.put("StateReason", alarm.stateReason);
        if (alarm.stateReasonData != null) {
            out.put("StateReasonData", alarm.stateReasonData);
        }
        out.set("StateUpdatedTimestamp", Timestamps.out(alarm.stateUpdated));
        out.put("MetricName", alarm.metricName);
        out.put("Namespace", alarm.namespace);
        out.put("Statistic", alarm.statistic);
        out.set("Dimensions", CloudWatchService.dimensionsOut(alarm.dimensions));
        out.put("Period", alarm.period);
        if (alarm.unit != null) {
            out.put("Unit", alarm.unit);
        }
        out.put("EvaluationPeriods", alarm.evaluationPeriods);
        if (alarm.datapointsToAlarm != null) {
            out.put("DatapointsToAlarm", alarm.datapointsToAlarm);
        }
        out.put("Threshold", alarm.threshold);
        out.put("ComparisonOperator", alarm.comparisonOperator);
        if (alarm.treatMissingData != null) {
            out.put("TreatMissingData", alarm.treatMissingData);
        }
        out.set("StateTransitionedTimestamp", Timestamps.out(alarm.stateTransitioned));
        return out;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
