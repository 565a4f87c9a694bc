package org.ecslabs.simulator.cloudwatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.Dimension;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.HistoryItem;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricAlarm;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.PolicyInvocation;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * Alarms as other services use them: Application Auto Scaling creates the alarms of its target
 * tracking policies and collects the invocations of its policies by alarms.
 */
public final class Alarms {
    /** How many history items a sandbox keeps. */
    static final int HISTORY_LIMIT = 2000;

    private Alarms() {
    }

    /** An alarm on one metric, in the API's terms. Dimensions keep their order. */
    public record Spec(String name, String description, String namespace, String metricName,
                       Map<String, String> dimensions, String statistic, String unit, int period,
                       int evaluationPeriods, int datapointsToAlarm, double threshold,
                       String comparisonOperator, List<String> alarmActions) {
    }

    /** Creates or replaces an alarm (keeping its state when it exists) and returns its ARN. */
    public static String put(Sandbox sandbox, Spec spec) {
        CloudWatchState state = sandbox.state(CloudWatchState.class);
        MetricAlarm alarm = state.alarms.get(spec.name());
        boolean created = alarm == null;
        if (created) {
            alarm = newAlarm(sandbox, spec.name());
        }
        alarm.alarmDescription = spec.description();
        alarm.namespace = spec.namespace();
        alarm.metricName = spec.metricName();
        alarm.dimensions = new ArrayList<>();
        for (Map.Entry<String, String> entry : spec.dimensions().entrySet()) {
            alarm.dimensions.add(new Dimension(entry.getKey(), entry.getValue()));
        }
        alarm.statistic = spec.statistic();
        alarm.unit = spec.unit();
        alarm.period = spec.period();
        alarm.evaluationPeriods = spec.evaluationPeriods();
        alarm.datapointsToAlarm = spec.datapointsToAlarm();
        alarm.threshold = spec.threshold();
        alarm.comparisonOperator = spec.comparisonOperator();
        alarm.alarmActions = new ArrayList<>(spec.alarmActions());
        stored(sandbox, alarm, created);
        return alarm.alarmArn;
    }

    static MetricAlarm newAlarm(Sandbox sandbox, String name) {
        MetricAlarm alarm = new MetricAlarm();
        alarm.alarmName = name;
        alarm.alarmArn = sandbox.arn("cloudwatch", "alarm:" + name);
        long now = sandbox.now().toEpochMilli();
        alarm.stateUpdated = now;
        alarm.stateTransitioned = now;
        return alarm;
    }

    static void stored(Sandbox sandbox, MetricAlarm alarm, boolean created) {
        CloudWatchState state = sandbox.state(CloudWatchState.class);
        alarm.configurationUpdated = sandbox.now().toEpochMilli();
        state.alarms.put(alarm.alarmName, alarm);
        history(state, alarm.alarmName, alarm.configurationUpdated, "ConfigurationUpdate",
                "Alarm \"" + alarm.alarmName + "\" " + (created ? "created" : "updated"), null);
    }

    public static void delete(Sandbox sandbox, Collection<String> names) {
        CloudWatchState state = sandbox.state(CloudWatchState.class);
        for (String name : names) {
            MetricAlarm removed = state.alarms.remove(name);
            if (removed != null) {
                state.tags.remove(removed.alarmArn);
                history(state, name, sandbox.now().toEpochMilli(), "ConfigurationUpdate",
                        "Alarm \"" + name + "\" deleted", null);
            }
        }
    }

    /** Removes an action from every alarm, as deleting a step scaling policy removes it from its alarms. */
    public static void removeAction(Sandbox sandbox, String actionArn) {
        for (MetricAlarm alarm : sandbox.state(CloudWatchState.class).alarms.values()) {
            alarm.alarmActions.remove(actionArn);
            alarm.okActions.remove(actionArn);
            alarm.insufficientDataActions.remove(actionArn);
        }
    }

    /** The names and ARNs of the alarms whose actions name the given ARN. */
    public static List<Map.Entry<String, String>> withAction(Sandbox sandbox, String actionArn) {
        List<Map.Entry<String, String>> result = new ArrayList<>();
        for (MetricAlarm alarm : sandbox.state(CloudWatchState.class).alarms.values()) {
            if (alarm.alarmActions.contains(actionArn) || alarm.okActions.contains(actionArn)
                    || alarm.insufficientDataActions.contains(actionArn)) {
                result.add(Map.entry(alarm.alarmName, alarm.alarmArn));
            }
        }
        return result;
    }

    /** An invocation of a scaling policy by an alarm, handed over once. */
    public record Invocation(String policyArn, String alarmName, String alarmState, Double metricValue,
                             double threshold) {
    }

    public static List<Invocation> takePolicyInvocations(Sandbox sandbox) {
        CloudWatchState state = sandbox.state(CloudWatchState.class);
        if (state.pendingPolicyInvocations.isEmpty()) {
            return List.of();
        }
        List<Invocation> taken = new ArrayList<>();
        for (PolicyInvocation pending : state.pendingPolicyInvocations) {
            taken.add(new Invocation(pending.policyArn, pending.alarmName, pending.alarmState, pending.metricValue,
                    pending.threshold));
        }
        state.pendingPolicyInvocations.clear();
        return taken;
    }

    static boolean isScalingPolicy(String arn) {
        return arn.startsWith("arn:aws:autoscaling:") && arn.contains(":scalingPolicy:");
    }

    static void history(CloudWatchState state, String alarmName, long time, String type, String summary, String data) {
        HistoryItem item = new HistoryItem();
        item.alarmName = alarmName;
        item.timestamp = time;
        item.historyItemType = type;
        item.historySummary = summary;
        item.historyData = data;
        state.history.add(item);
        if (state.history.size() > HISTORY_LIMIT) {
            state.history.subList(0, state.history.size() - HISTORY_LIMIT).clear();
        }
    }
}
