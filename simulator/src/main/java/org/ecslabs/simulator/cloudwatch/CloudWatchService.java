package org.ecslabs.simulator.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.Dimension;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.HistoryItem;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricAlarm;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricSeries;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.PolicyInvocation;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.StatisticSet;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.load.EcsServices;
import org.ecslabs.simulator.load.LoadModel;
import org.ecslabs.simulator.load.ServiceRef;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * Amazon CloudWatch: custom and ECS metrics in one-minute buckets, statistics over periods, metric
 * alarms evaluated every simulated minute with their history and actions. It also answers the
 * control operation SetServiceLoad, since the load model is what its ECS metrics report.
 */
public class CloudWatchService implements AwsService {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final EcsServices ecs;
    private final LoadModel load;

    public CloudWatchService() {
        this(EcsServices.fromEcsState());
    }

    public CloudWatchService(EcsServices ecs) {
        this.ecs = ecs;
        this.load = new LoadModel(ecs);
    }

    @Override
    public String signingName() {
        return "monitoring";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public String xmlNamespace() {
        return "http://monitoring.amazonaws.com/doc/2010-08-01/";
    }

    @Override
    public String targetPrefix() {
        return "GraniteServiceVersion20100801";
    }

    @Override
    public Class<?> stateType() {
        return CloudWatchState.class;
    }

    @Override
    public Set<String> controlOperations() {
        return Set.of("SetServiceLoad");
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        CloudWatchState state = sandbox.state(CloudWatchState.class);
        return switch (operation) {
            case "SetServiceLoad" -> load.setServiceLoad(sandbox, input);
            case "PutMetricData" -> putMetricData(sandbox, state, input);
            case "GetMetricStatistics" -> MetricQueries.getMetricStatistics(sandbox, state, input);
            case "GetMetricData" -> MetricQueries.getMetricData(sandbox, state, input);
            case "ListMetrics" -> MetricQueries.listMetrics(state, input);
            case "PutMetricAlarm" -> putMetricAlarm(sandbox, state, input);
            case "DescribeAlarms" -> AlarmQueries.describeAlarms(state, input);
            case "DescribeAlarmsForMetric" -> AlarmQueries.describeAlarmsForMetric(state, input);
            case "DescribeAlarmHistory" -> AlarmQueries.describeAlarmHistory(state, input);
            case "DeleteAlarms" -> deleteAlarms(sandbox, state, input);
            case "SetAlarmState" -> setAlarmState(sandbox, state, input);
            case "TagResource" -> tagResource(state, input);
            case "UntagResource" -> untagResource(state, input);
            case "ListTagsForResource" -> listTags(state, input);
            case "EnableAlarmActions" -> alarmActions(state, input, true);
            case "DisableAlarmActions" -> alarmActions(state, input, false);
            default -> throw new AwsException("InvalidAction",
                    "Could not find operation " + operation + " for version 2010-08-01", 400);
        };
    }

    private JsonNode putMetricData(Sandbox sandbox, CloudWatchState state, ObjectNode input) {
        String namespace = Input.required(input, "Namespace");
        if (namespace.startsWith("AWS/")) {
            throw new AwsException("InvalidParameterValue",
                    "The value " + namespace + " for parameter Namespace is invalid.");
        }
        List<JsonNode> data = Input.list(input, "MetricData");
        if (data.isEmpty()) {
            throw new AwsException("MissingParameter", "The parameter MetricData is required.");
        }
        long now = sandbox.now().getEpochSecond();
        for (JsonNode datum : data) {
            String metricName = Input.required(datum, "MetricName");
            List<Dimension> dimensions = Input.dimensions(datum, "Dimensions");
            Long time = Input.timestamp(datum, "Timestamp");
            long seconds = time == null ? now : Math.floorDiv(time, 1000);
            String unit = Input.text(datum, "Unit");
            for (StatisticSet stats : statistics(datum)) {
                MetricStore.put(state, namespace, metricName, dimensions, unit, seconds, stats);
            }
        }
        return JSON.objectNode();
    }

    private static List<StatisticSet> statistics(JsonNode datum) {
        Double value = Input.number(datum, "Value");
        if (value != null) {
            return List.of(new StatisticSet(1, value, value, value));
        }
        JsonNode set = datum.get("StatisticValues");
        if (set != null && !set.isNull()) {
            double count = Input.number(set, "SampleCount");
            return List.of(new StatisticSet(count, Input.number(set, "Sum"), Input.number(set, "Minimum"),
                    Input.number(set, "Maximum")));
        }
        List<JsonNode> values = Input.list(datum, "Values");
        List<JsonNode> counts = Input.list(datum, "Counts");
        if (values.isEmpty()) {
            throw new AwsException("InvalidParameterCombination",
                    "At least one of the parameters Value, StatisticValues or Values must be specified.");
        }
        List<StatisticSet> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i).asDouble();
            double count = i < counts.size() ? counts.get(i).asDouble() : 1;
            result.add(new StatisticSet(count, v * count, v, v));
        }
        return result;
    }

    private JsonNode putMetricAlarm(Sandbox sandbox, CloudWatchState state, ObjectNode input) {
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

    private JsonNode deleteAlarms(Sandbox sandbox, CloudWatchState state, ObjectNode input) {
        List<String> names = Input.strings(input, "AlarmNames");
        List<String> unknown = names.stream().filter(name -> !state.alarms.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new AwsException("ResourceNotFound", "1 or more alarms not found: " + String.join(", ", unknown), 404);
        }
        Alarms.delete(sandbox, names);
        return JSON.objectNode();
    }

    private JsonNode setAlarmState(Sandbox sandbox, CloudWatchState state, ObjectNode input) {
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
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(data);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AwsException("InvalidFormat", "StateReasonData is not valid JSON.");
            }
        }
        transition(sandbox, state, alarm, value, reason, data, null, true);
        return JSON.objectNode();
    }

    private static JsonNode tagResource(CloudWatchState state, ObjectNode input) {
        putTags(state, taggedAlarm(state, input), Input.list(input, "Tags"));
        return JSON.objectNode();
    }

    private static JsonNode untagResource(CloudWatchState state, ObjectNode input) {
        String arn = taggedAlarm(state, input);
        TreeMap<String, String> tags = state.tags.get(arn);
        if (tags != null) {
            Input.strings(input, "TagKeys").forEach(tags::remove);
        }
        return JSON.objectNode();
    }

    private static JsonNode listTags(CloudWatchState state, ObjectNode input) {
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

    private JsonNode alarmActions(CloudWatchState state, ObjectNode input, boolean enabled) {
        for (String name : Input.strings(input, "AlarmNames")) {
            MetricAlarm alarm = state.alarms.get(name);
            if (alarm != null) {
                alarm.actionsEnabled = enabled;
            }
        }
        return JSON.objectNode();
    }

    @Override
    public boolean tick(Sandbox sandbox) {
        CloudWatchState state = sandbox.state(CloudWatchState.class);
        long minute = Math.floorDiv(sandbox.now().getEpochSecond(), 60);
        if (state.lastMinute == null) {
            state.lastMinute = minute;
            return true;
        }
        if (state.lastMinute >= minute) {
            return false;
        }
        // A long jump of the clock is lived minute by minute, as the metrics would have been.
        while (state.lastMinute < minute) {
            state.lastMinute++;
            long boundary = state.lastMinute * 60;
            publishEcsMetrics(sandbox, state, boundary - 60);
            for (MetricAlarm alarm : new ArrayList<>(state.alarms.values())) {
                evaluate(sandbox, state, alarm, boundary);
            }
        }
        MetricStore.prune(state, minute * 60);
        return true;
    }

    /** The load model's reading of every service with running tasks, as ECS reports it each minute. */
    private void publishEcsMetrics(Sandbox sandbox, CloudWatchState state, long minuteStart) {
        Map<String, StatisticSet[]> clusters = new HashMap<>();
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

    private void evaluate(Sandbox sandbox, CloudWatchState state, MetricAlarm alarm, long nowSeconds) {
        AlarmEvaluator.Outcome outcome = AlarmEvaluator.evaluate(state, alarm, nowSeconds);
        boolean changed = !outcome.state().equals(alarm.stateValue);
        if (changed) {
            transition(sandbox, state, alarm, outcome.state(), outcome.reason(), outcome.reasonData(),
                    outcome.newestValue(), true);
        } else if ("ALARM".equals(alarm.stateValue)) {
            // Scaling policies keep being invoked while their alarm stays in ALARM (each evaluation),
            // which is what lets target tracking scale again once a cooldown has passed.
            invokePolicies(sandbox, state, alarm, alarm.alarmActions, outcome.newestValue());
        }
    }

    private void transition(Sandbox sandbox, CloudWatchState state, MetricAlarm alarm, String newState, String reason,
                            String reasonData, Double newestValue, boolean runActions) {
        long now = sandbox.now().toEpochMilli();
        String oldState = alarm.stateValue;
        alarm.stateValue = newState;
        alarm.stateReason = reason;
        alarm.stateReasonData = reasonData;
        alarm.stateUpdated = now;
        if (!oldState.equals(newState)) {
            alarm.stateTransitioned = now;
        }
        ObjectNode data = JSON.objectNode();
        data.put("version", "1.0");
        data.putObject("oldState").put("stateValue", oldState);
        ObjectNode next = data.putObject("newState");
        next.put("stateValue", newState);
        next.put("stateReason", reason);
        if (reasonData != null) {
            next.put("stateReasonData", reasonData);
        }
        Alarms.history(state, alarm.alarmName, now, "StateUpdate",
                "Alarm updated from " + oldState + " to " + newState, data.toString());
        if (!runActions) {
            return;
        }
        List<String> actions = switch (newState) {
            case "ALARM" -> alarm.alarmActions;
            case "OK" -> alarm.okActions;
            default -> alarm.insufficientDataActions;
        };
        invokePolicies(sandbox, state, alarm, actions, newestValue);
        if (alarm.actionsEnabled) {
            for (String action : actions) {
                boolean known = Alarms.isScalingPolicy(action);
                Alarms.history(state, alarm.alarmName, now, "Action",
                        (known ? "Successfully executed action " : "Simulated action (not delivered) ") + action,
                        null);
            }
        }
    }

    private void invokePolicies(Sandbox sandbox, CloudWatchState state, MetricAlarm alarm, List<String> actions,
                                Double newestValue) {
        if (!alarm.actionsEnabled) {
            return;
        }
        for (String action : actions) {
            if (Alarms.isScalingPolicy(action)) {
                PolicyInvocation invocation = new PolicyInvocation();
                invocation.policyArn = action;
                invocation.alarmName = alarm.alarmName;
                invocation.alarmState = alarm.stateValue;
                invocation.metricValue = newestValue;
                invocation.threshold = alarm.threshold;
                invocation.time = sandbox.now().toEpochMilli();
                state.pendingPolicyInvocations.add(invocation);
            }
        }
    }

    static ArrayNode dimensionsOut(List<Dimension> dimensions) {
        ArrayNode out = JSON.arrayNode();
        for (Dimension dimension : dimensions) {
            out.addObject().put("Name", dimension.name).put("Value", dimension.value);
        }
        return out;
    }

    static Comparator<HistoryItem> newestFirst() {
        return Comparator.comparingLong((HistoryItem item) -> item.timestamp).reversed();
    }

    static ObjectNode metricOut(MetricSeries series) {
        ObjectNode metric = JSON.objectNode();
        metric.put("Namespace", series.namespace);
        metric.put("MetricName", series.metricName);
        metric.set("Dimensions", dimensionsOut(series.dimensions));
        return metric;
    }
}
