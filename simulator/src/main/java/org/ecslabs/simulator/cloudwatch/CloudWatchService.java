package org.ecslabs.simulator.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.Dimension;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricAlarm;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricSeries;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.StatisticSet;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.load.EcsServices;
import org.ecslabs.simulator.load.LoadModel;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * Amazon CloudWatch: custom and ECS metrics in one-minute buckets, statistics over periods, metric
 * alarms evaluated every simulated minute with their history and actions. It also answers the
 * control operation SetServiceLoad, since the load model is what its ECS metrics report.
 */
public class CloudWatchService implements AwsService, TaggedResources {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final LoadModel load;
    private final EcsMetrics ecsMetrics;

    public CloudWatchService() {
        this(EcsServices.fromEcsState());
    }

    public CloudWatchService(EcsServices ecs) {
        this.load = new LoadModel(ecs);
        this.ecsMetrics = new EcsMetrics(ecs, load);
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
            case "GetMetricStatistics" -> MetricQueries.getMetricStatistics(state, input);
            case "GetMetricData" -> MetricQueries.getMetricData(state, input);
            case "ListMetrics" -> MetricQueries.listMetrics(state, input);
            case "PutMetricAlarm" -> AlarmOperations.putMetricAlarm(sandbox, state, input);
            case "DescribeAlarms" -> AlarmQueries.describeAlarms(state, input);
            case "DescribeAlarmsForMetric" -> AlarmQueries.describeAlarmsForMetric(state, input);
            case "DescribeAlarmHistory" -> AlarmQueries.describeAlarmHistory(state, input);
            case "DeleteAlarms" -> AlarmOperations.deleteAlarms(sandbox, state, input);
            case "SetAlarmState" -> AlarmOperations.setAlarmState(sandbox, state, input);
            case "TagResource" -> AlarmOperations.tagResource(state, input);
            case "UntagResource" -> AlarmOperations.untagResource(state, input);
            case "ListTagsForResource" -> AlarmOperations.listTags(state, input);
            case "EnableAlarmActions" -> AlarmOperations.alarmActions(state, input, true);
            case "DisableAlarmActions" -> AlarmOperations.alarmActions(state, input, false);
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
            ecsMetrics.publish(sandbox, state, boundary - 60);
            for (MetricAlarm alarm : new ArrayList<>(state.alarms.values())) {
                AlarmStates.evaluate(sandbox, state, alarm, boundary);
            }
        }
        MetricStore.prune(state, minute * 60);
        return true;
    }

    static ArrayNode dimensionsOut(List<Dimension> dimensions) {
        ArrayNode out = JSON.arrayNode();
        for (Dimension dimension : dimensions) {
            out.addObject().put("Name", dimension.name).put("Value", dimension.value);
        }
        return out;
    }

    static ObjectNode metricOut(MetricSeries series) {
        ObjectNode metric = JSON.objectNode();
        metric.put("Namespace", series.namespace);
        metric.put("MetricName", series.metricName);
        metric.set("Dimensions", dimensionsOut(series.dimensions));
        return metric;
    }

    @Override
    public List<TaggedResource> taggedResources(Sandbox sandbox) {
        CloudWatchState state = sandbox.state(CloudWatchState.class);
        List<TaggedResource> tagged = new ArrayList<>();
        state.alarms.values().forEach(alarm -> TaggedResource.addIfTagged(tagged, alarm.alarmArn, state.tags.get(alarm.alarmArn)));
        return tagged;
    }

    @Override
    public Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        CloudWatchState state = sandbox.state(CloudWatchState.class);
        return state.alarms.values().stream().anyMatch(alarm -> alarm.alarmArn.equals(arn)) ? state.tags.computeIfAbsent(arn, key -> new TreeMap<>()) : null;
    }

}
