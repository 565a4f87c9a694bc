package org.ecslabs.simulator.cloudwatch;

import static org.ecslabs.simulator.cloudwatch.CloudWatchService.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricAlarm;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** PutMetricAlarm, DeleteAlarms, SetAlarmState, alarm actions switches and alarm tags. */
final class AlarmOperations {
    private static final ObjectMapper STATE_REASON_DATA = new ObjectMapper();

    private AlarmOperations() {
    }

    static JsonNode putMetricAlarm(Sandbox sandbox, CloudWatchState state, ObjectNode input) {
        String name = Input.required(input, "AlarmName");
        if (input.has("Metrics")) {
            throw new AwsException("InvalidParameterValue",
                    "Alarms on metric math expressions are not supported by the simulator; use MetricName and Namespace.");
        }
        String metricName = Input.required(input, "MetricName");
        String namespace = Input.required(input, "Namespace");
        String statistic = Input.text(input, "Statistic");
        if (statistic == null || !MetricStore.isStatistic(statistic)) {
            throw new AwsException("InvalidParameterValue",
                    statistic == null ? "The parameter Statistic is required (ExtendedStatistic is not supported by the simulator)."
                            : "The value " + statistic + " for parameter Statistic is invalid.");
        }
        Integer period = Input.integer(input, "Period");
        if (period == null) {
            throw new AwsException("MissingParameter", "The parameter Period is required.");
        }
        if (period < 60 || period % 60 != 0) {
            throw new AwsException("InvalidParameterValue",
                    "The parameter Period must be a multiple of 60 (high-resolution alarms are not simulated).");
        }
        Integer evaluationPeriods = Input.integer(input, "EvaluationPeriods");
        if (evaluationPeriods == null || evaluationPeriods < 1) {
            throw new AwsException("MissingParameter", "The parameter EvaluationPeriods is required and must be at least 1.");
        }
        Integer datapointsToAlarm = Input.integer(input, "DatapointsToAlarm");
        if (datapointsToAlarm != null && (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)) {
            throw new AwsException("ValidationError",
                    "DatapointsToAlarm must be between 1 and EvaluationPeriods (" + evaluationPeriods + ").");
        }
        Double threshold = Input.number(input, "Threshold");
        if (threshold == null) {
            throw new AwsException("MissingParameter", "The parameter Threshold is required.");
        }
        String operator = Input.required(input, "ComparisonOperator");
        if (!List.of("GreaterThanThreshold", "GreaterThanOrEqualToThreshold", "LessThanThreshold",
                "LessThanOrEqualToThreshold").contains(operator)) {
            throw new AwsException("ValidationError", "1 validation error detected: Value '" + operator
                    + "' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold]");
        }
        String treatMissing = Input.text(input, "TreatMissingData");
        if (treatMissing != null && !List.of("breaching", "notBreaching", "ignore", "missing").contains(treatMissing)) {
            throw new AwsException("ValidationError",
                    "TreatMissingData must be one of breaching, notBreaching, ignore, missing.");
        }
        MetricAlarm alarm = state.alarms.get(name);
        boolean created = alarm == null;
        if (created) {
            alarm = Alarms.newAlarm(sandbox, name);
        }
        alarm.alarmDescription = Input.text(input, "AlarmDescription");
        Boolean enabled = Input.bool(input, "ActionsEnabled");
        alarm.actionsEnabled = enabled == null || enabled;
        alarm.okActions = new ArrayList<>(Input.strings(input, "OKActions"));
        alarm.alarmActions = new ArrayList<>(Input.strings(input, "AlarmActions"));
        alarm.insufficientDataActions = new ArrayList<>(Input.strings(input, "InsufficientDataActions"));
        alarm.metricName = metricName;
        alarm.namespace = namespace;
        alarm.statistic = statistic;
        alarm.dimensions = Input.dimensions(input, "Dimensions");
        alarm.period = period;
        alarm.unit = Input.text(input, "Unit");
        alarm.evaluationPeriods = evaluationPeriods;
        alarm.datapointsToAlarm = datapointsToAlarm;
        alarm.threshold = threshold;
        alarm.comparisonOperator = operator;
        alarm.treatMissingData = treatMissing;
        Alarms.stored(sandbox, alarm, created);
        putTags(state, alarm.alarmArn, Input.list(input, "Tags"));
        return JSON.objectNode();
    }

    static JsonNode deleteAlarms(Sandbox sandbox, CloudWatchState state, ObjectNode input) {
        List<String> names = Input.strings(input, "AlarmNames");
        List<String> unknown = names.stream().filter(name -> !state.alarms.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new AwsException("ResourceNotFound", "1 or more alarms not found: " + String.join(", ", unknown), 404);
        }
        Alarms.delete(sandbox, names);
        return JSON.objectNode();
    }

    static JsonNode setAlarmState(Sandbox sandbox, CloudWatchState state, ObjectNode input) {
        String name = Input.required(input, "AlarmName");
        String value = Input.required(input, "StateValue");
        String reason = Input.required(input, "StateReason");
        if (!List.of("OK", "ALARM", "INSUFFICIENT_DATA").contains(value)) {
            throw new AwsException("ValidationError", "1 validation error detected: Value '" + value
                    + "' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]");
        }
        MetricAlarm alarm = state.alarms.get(name);
        if (alarm == null) {
            throw new AwsException("ResourceNotFound", "Alarm " + name + " not found", 404);
        }
        String data = Input.text(input, "StateReasonData");
        if (data != null) {
            try {
                STATE_REASON_DATA.readTree(data);
            } catch (JsonProcessingException e) {
                throw new AwsException("InvalidFormat", "StateReasonData is not valid JSON.");
            }
        }
        AlarmStates.transition(sandbox, state, alarm, value, reason, data, null);
        return JSON.objectNode();
    }

    static JsonNode tagResource(CloudWatchState state, ObjectNode input) {
        putTags(state, taggedAlarm(state, input), Input.list(input, "Tags"));
        return JSON.objectNode();
    }

    static JsonNode untagResource(CloudWatchState state, ObjectNode input) {
        String arn = taggedAlarm(state, input);
        TreeMap<String, String> tags = state.tags.get(arn);
        if (tags != null) {
            Input.strings(input, "TagKeys").forEach(tags::remove);
        }
        return JSON.objectNode();
    }

    static JsonNode listTags(CloudWatchState state, ObjectNode input) {
        ObjectNode result = JSON.objectNode();
        ArrayNode tags = result.putArray("Tags");
        state.tags.getOrDefault(taggedAlarm(state, input), new TreeMap<>())
                .forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        return result;
    }

    private static String taggedAlarm(CloudWatchState state, ObjectNode input) {
        String arn = Input.required(input, "ResourceARN");
        if (state.alarms.values().stream().noneMatch(alarm -> alarm.alarmArn.equals(arn))) {
            throw new AwsException("ResourceNotFoundException", "The specified resource does not exist: " + arn, 404);
        }
        return arn;
    }

    private static void putTags(CloudWatchState state, String arn, List<JsonNode> tags) {
        for (JsonNode tag : tags) {
            state.tags.computeIfAbsent(arn, key -> new TreeMap<>())
                    .put(Input.required(tag, "Key"), Input.text(tag, "Value") == null ? "" : Input.text(tag, "Value"));
        }
    }

    static JsonNode alarmActions(CloudWatchState state, ObjectNode input, boolean enabled) {
        for (String name : Input.strings(input, "AlarmNames")) {
            MetricAlarm alarm = state.alarms.get(name);
            if (alarm != null) {
                alarm.actionsEnabled = enabled;
            }
        }
        return JSON.objectNode();
    }
}
