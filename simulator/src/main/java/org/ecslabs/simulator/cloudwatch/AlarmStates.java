package org.ecslabs.simulator.cloudwatch;

import static org.ecslabs.simulator.cloudwatch.CloudWatchService.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.MetricAlarm;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.PolicyInvocation;
import org.ecslabs.simulator.engine.Sandbox;

/** Alarm state changes, from evaluation or SetAlarmState: reason, history, and the actions they run. */
final class AlarmStates {
    /** Pending policy invocations kept at most, should no Application Auto Scaling take them. */
    static final int PENDING_LIMIT = 100;

    private AlarmStates() {
    }

    static void evaluate(Sandbox sandbox, CloudWatchState state, MetricAlarm alarm, long nowSeconds) {
        AlarmEvaluator.Outcome outcome = AlarmEvaluator.evaluate(state, alarm, nowSeconds);
        boolean changed = !outcome.state().equals(alarm.stateValue);
        if (changed) {
            transition(sandbox, state, alarm, outcome.state(), outcome.reason(), outcome.reasonData(),
                    outcome.newestValue());
        } else if ("ALARM".equals(alarm.stateValue)) {
            // Scaling policies keep being invoked while their alarm stays in ALARM (each evaluation),
            // which is what lets target tracking scale again once a cooldown has passed.
            invokePolicies(sandbox, state, alarm, alarm.alarmActions, outcome.newestValue());
        }
    }

    static void transition(Sandbox sandbox, CloudWatchState state, MetricAlarm alarm, String newState, String reason,
                           String reasonData, Double newestValue) {
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

    private static void invokePolicies(Sandbox sandbox, CloudWatchState state, MetricAlarm alarm, List<String> actions,
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
                if (state.pendingPolicyInvocations.size() > PENDING_LIMIT) {
                    state.pendingPolicyInvocations.remove(0);
                }
            }
        }
    }
}
