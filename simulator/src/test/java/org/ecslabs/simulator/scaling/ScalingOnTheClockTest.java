package org.ecslabs.simulator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.autoscaling.AutoScalingService;
import org.ecslabs.simulator.cloudwatch.CloudWatchService;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.testing.Calls;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Load, metrics, alarms and scaling through the services' own operations on a hand-moved clock. */
class ScalingOnTheClockTest {
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

    private ScriptedEcs ecs;
    private CloudWatchService cloudWatch;
    private AutoScalingService autoScaling;
    private ManualSandbox sandbox;

    @BeforeEach
    void setUp() {
        ecs = new ScriptedEcs(30);
        ecs.service("lab", "web", 2);
        cloudWatch = new CloudWatchService(ecs);
        autoScaling = new AutoScalingService(ecs);
        sandbox = new ManualSandbox(START, cloudWatch, autoScaling).onEverySecond(ecs::tick);
    }

    private JsonNode cw(String operation, String input) {
        return sandbox.call(cloudWatch, operation, Calls.input(input));
    }

    private JsonNode aas(String operation, String input) {
        return sandbox.call(autoScaling, operation, Calls.input(input));
    }

    private void registerWeb(int min, int max) {
        aas("RegisterScalableTarget", "{'ServiceNamespace':'ecs','ResourceId':'service/lab/web',"
                + "'ScalableDimension':'ecs:service:DesiredCount','MinCapacity':" + min + ",'MaxCapacity':" + max + "}");
    }

    private List<String> activities() {
        List<String> lines = new ArrayList<>();
        aas("DescribeScalingActivities", "{'ServiceNamespace':'ecs','ResourceId':'service/lab/web'}")
                .get("ScalingActivities")
                .forEach(a -> lines.add(a.get("Description").asText() + " | " + a.get("Cause").asText()));
        return lines;
    }

    @Test
    void utilizationFollowsTheTaskCountAndIsPublishedEveryMinute() {
        JsonNode reading = cw("SetServiceLoad", "{'cluster':'lab','service':'web','cpuUtilization':90,'requestsPerSecond':10}");
        assertThat(reading.get("cpuUtilization").asDouble()).isEqualTo(90.0);
        sandbox.advance(120);
        ecs.setDesiredCount(sandbox, ecs.find(sandbox, "lab", "web").orElseThrow(), 3);
        sandbox.advance(120);

        JsonNode data = cw("GetMetricData", "{'StartTime':'2026-11-21T10:00:00Z','EndTime':'2026-11-21T10:05:00Z',"
                + "'MetricDataQueries':[{'Id':'cpu','MetricStat':{'Metric':{'Namespace':'AWS/ECS','MetricName':'CPUUtilization',"
                + "'Dimensions':[{'Name':'ClusterName','Value':'lab'},{'Name':'ServiceName','Value':'web'}]},"
                + "'Period':60,'Stat':'Average'}}]}");
        JsonNode result = data.get("MetricDataResults").get(0);
        assertThat(result.get("StatusCode").asText()).isEqualTo("Complete");
        // Newest first: two minutes at three tasks (60%), then two at two tasks (90%).
        assertThat(result.get("Values")).extracting(JsonNode::asDouble).containsExactly(60.0, 60.0, 90.0, 90.0);
        assertThat(result.get("Timestamps").get(0).asText()).isEqualTo("2026-11-21T10:03:00.000Z");

        JsonNode metrics = cw("ListMetrics", "{'Namespace':'AWS/ECS','Dimensions':[{'Name':'ServiceName','Value':'web'}]}");
        assertThat(metrics.get("Metrics")).hasSize(2);
        JsonNode cluster = cw("GetMetricStatistics", "{'Namespace':'AWS/ECS','MetricName':'CPUUtilization',"
                + "'Dimensions':[{'Name':'ClusterName','Value':'lab'}],'StartTime':'2026-11-21T10:00:00Z',"
                + "'EndTime':'2026-11-21T10:04:00Z','Period':240,'Statistics':['Maximum','SampleCount']}");
        assertThat(cluster.get("Datapoints").get(0).get("Maximum").asDouble()).isEqualTo(90.0);
        assertThat(cluster.get("Datapoints").get(0).get("SampleCount").asDouble()).isEqualTo(10.0);
    }

    @Test
    void targetTrackingScalesOutOnHighCpuAndBackInOneTaskAtATime() {
        registerWeb(1, 10);
        JsonNode put = aas("PutScalingPolicy", "{'PolicyName':'cpu-tracking','ServiceNamespace':'ecs',"
                + "'ResourceId':'service/lab/web','ScalableDimension':'ecs:service:DesiredCount',"
                + "'PolicyType':'TargetTrackingScaling','TargetTrackingScalingPolicyConfiguration':{'TargetValue':50,"
                + "'PredefinedMetricSpecification':{'PredefinedMetricType':'ECSServiceAverageCPUUtilization'},"
                + "'ScaleOutCooldown':60,'ScaleInCooldown':120}}");
        assertThat(put.get("PolicyARN").asText())
                .startsWith("arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:")
                .endsWith(":resource/ecs/service/lab/web:policyName/cpu-tracking");
        assertThat(put.get("Alarms")).extracting(a -> a.get("AlarmName").asText())
                .anyMatch(name -> name.startsWith("TargetTracking-service/lab/web-AlarmHigh-"))
                .anyMatch(name -> name.startsWith("TargetTracking-service/lab/web-AlarmLow-"));

        cw("SetServiceLoad", "{'cluster':'lab','service':'web','cpuUtilization':90}");
        sandbox.advance(3 * 60 + 10);
        assertThat(ecs.updates).containsExactly("web=4");
        JsonNode high = cw("DescribeAlarms", "{'AlarmNamePrefix':'TargetTracking-service/lab/web-AlarmHigh'}")
                .get("MetricAlarms").get(0);
        assertThat(high.get("StateValue").asText()).isEqualTo("ALARM");
        assertThat(high.get("StateReason").asText()).isEqualTo("Threshold Crossed: 3 datapoints [90.0 (21/11/26 10:02:00), "
                + "90.0 (21/11/26 10:01:00), 90.0 (21/11/26 10:00:00)] were greater than the threshold (50.0).");
        assertThat(activities().get(0)).startsWith("Setting desired count to 4. | monitor alarm TargetTracking-service/lab/web-AlarmHigh-")
                .endsWith(" in state ALARM triggered policy cpu-tracking");

        // Four tasks share the demand: 45%, under the target, so the high alarm returns to OK.
        sandbox.advance(5 * 60);
        assertThat(ecs.runningCount(sandbox, ecs.find(sandbox, "lab", "web").orElseThrow())).isEqualTo(4);
        assertThat(cw("DescribeAlarms", "{'StateValue':'ALARM'}").get("MetricAlarms")).isEmpty();

        cw("SetServiceLoad", "{'cluster':'lab','service':'web','cpuUtilization':10}");
        sandbox.advance(30 * 60);
        assertThat(ecs.updates).containsExactly("web=4", "web=3", "web=2", "web=1");
        assertThat(activities().get(0)).startsWith("Setting desired count to 1. | monitor alarm TargetTracking-service/lab/web-AlarmLow-");
        JsonNode history = cw("DescribeAlarmHistory", "{'HistoryItemType':'StateUpdate'}");
        assertThat(history.get("AlarmHistoryItems").get(0).get("HistorySummary").asText())
                .isEqualTo("Alarm updated from OK to ALARM");
    }

    @Test
    void aStepPolicyRunsWhenItsAlarmFires() {
        registerWeb(1, 6);
        String arn = aas("PutScalingPolicy", "{'PolicyName':'step-out','ServiceNamespace':'ecs',"
                + "'ResourceId':'service/lab/web','ScalableDimension':'ecs:service:DesiredCount','PolicyType':'StepScaling',"
                + "'StepScalingPolicyConfiguration':{'AdjustmentType':'ChangeInCapacity','Cooldown':600,"
                + "'MetricAggregationType':'Average','StepAdjustments':[{'MetricIntervalLowerBound':0,"
                + "'MetricIntervalUpperBound':20,'ScalingAdjustment':1},{'MetricIntervalLowerBound':20,'ScalingAdjustment':3}]}}")
                .get("PolicyARN").asText();
        cw("PutMetricAlarm", "{'AlarmName':'web-cpu-high','Namespace':'AWS/ECS','MetricName':'CPUUtilization',"
                + "'Dimensions':[{'Name':'ClusterName','Value':'lab'},{'Name':'ServiceName','Value':'web'}],"
                + "'Statistic':'Average','Period':'60','EvaluationPeriods':'2','Threshold':'70',"
                + "'ComparisonOperator':'GreaterThanThreshold','AlarmActions':['" + arn + "']}");
        cw("SetServiceLoad", "{'cluster':'lab','service':'web','cpuUtilization':95}");
        sandbox.advance(3 * 60);
        // 95 is 25 above the threshold of 70: the second step, three more tasks.
        assertThat(ecs.updates).containsExactly("web=5");
        assertThat(activities().get(0)).isEqualTo(
                "Setting desired count to 5. | monitor alarm web-cpu-high in state ALARM triggered policy step-out");
        JsonNode policy = aas("DescribeScalingPolicies", "{'ServiceNamespace':'ecs','PolicyNames':['step-out']}")
                .get("ScalingPolicies").get(0);
        assertThat(policy.get("Alarms").get(0).get("AlarmName").asText()).isEqualTo("web-cpu-high");
        // The cooldown of ten minutes holds further steps back although the alarm stays in ALARM.
        sandbox.advance(5 * 60);
        assertThat(ecs.updates).containsExactly("web=5");

        aas("DeleteScalingPolicy", "{'PolicyName':'step-out','ServiceNamespace':'ecs','ResourceId':'service/lab/web',"
                + "'ScalableDimension':'ecs:service:DesiredCount'}");
        JsonNode alarm = cw("DescribeAlarms", "{'AlarmNames':['web-cpu-high']}").get("MetricAlarms").get(0);
        assertThat(alarm.get("AlarmActions")).isEmpty();
    }

    @Test
    void scheduledActionsFireOnTheClockAndMoveDesiredIntoTheNewRange() {
        registerWeb(1, 10);
        aas("PutScheduledAction", "{'ServiceNamespace':'ecs','ResourceId':'service/lab/web',"
                + "'ScalableDimension':'ecs:service:DesiredCount','ScheduledActionName':'morning',"
                + "'Schedule':'at(2026-11-21T10:30:00)','ScalableTargetAction':{'MinCapacity':5,'MaxCapacity':8}}");
        aas("PutScheduledAction", "{'ServiceNamespace':'ecs','ResourceId':'service/lab/web',"
                + "'ScalableDimension':'ecs:service:DesiredCount','ScheduledActionName':'evening',"
                + "'Schedule':'cron(0 18 * * ? *)','Timezone':'Europe/Paris','ScalableTargetAction':{'MinCapacity':1,'MaxCapacity':3}}");
        sandbox.advance(29 * 60);
        assertThat(ecs.updates).isEmpty();
        sandbox.advance(60);
        assertThat(ecs.updates).containsExactly("web=5");
        assertThat(activities().get(0)).isEqualTo("Setting desired count to 5. | scheduled action name morning was triggered");
        JsonNode target = aas("DescribeScalableTargets", "{'ServiceNamespace':'ecs'}").get("ScalableTargets").get(0);
        assertThat(target.get("MinCapacity").asInt()).isEqualTo(5);
        // 18:00 in Paris is 17:00 UTC.
        sandbox.advance(6 * 3600 + 30 * 60);
        assertThat(ecs.updates).containsExactly("web=5", "web=3");
    }

    @Test
    void aRateScheduleFirstFiresOneIntervalAfterItIsCreated() {
        registerWeb(1, 10);
        sandbox.advance(30);
        aas("PutScheduledAction", "{'ServiceNamespace':'ecs','ResourceId':'service/lab/web',"
                + "'ScalableDimension':'ecs:service:DesiredCount','ScheduledActionName':'floor',"
                + "'Schedule':'rate(15 minutes)','ScalableTargetAction':{'MinCapacity':4}}");
        sandbox.advance(14 * 60);
        assertThat(ecs.updates).isEmpty();
        // Due at 10:15:30; actions run at the first whole minute from their time.
        sandbox.advance(90);
        assertThat(ecs.updates).containsExactly("web=4");
        JsonNode action = aas("DescribeScheduledActions", "{'ServiceNamespace':'ecs'}").get("ScheduledActions").get(0);
        assertThat(action.get("Schedule").asText()).isEqualTo("rate(15 minutes)");
        assertThat(action.get("ScalableTargetAction").get("MinCapacity").asInt()).isEqualTo(4);
    }

    @Test
    void policiesAndActionsNeedARegisteredTargetOnAnExistingService() {
        assertThatThrownBy(() -> aas("PutScalingPolicy", "{'PolicyName':'p','ServiceNamespace':'ecs','ResourceId':'service/c/s',"
                + "'ScalableDimension':'ecs:service:DesiredCount','PolicyType':'TargetTrackingScaling',"
                + "'TargetTrackingScalingPolicyConfiguration':{'TargetValue':50,"
                + "'PredefinedMetricSpecification':{'PredefinedMetricType':'ECSServiceAverageCPUUtilization'}}}"))
                .isInstanceOf(AwsException.class)
                .hasMessage("No scalable target registered for service namespace: ecs, resource ID: service/c/s, "
                        + "scalable dimension: ecs:service:DesiredCount")
                .extracting(e -> ((AwsException) e).code()).isEqualTo("ObjectNotFoundException");
        assertThatThrownBy(() -> aas("RegisterScalableTarget", "{'ServiceNamespace':'ecs','ResourceId':'service/lab/nope',"
                + "'ScalableDimension':'ecs:service:DesiredCount','MinCapacity':1,'MaxCapacity':2}"))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("ValidationException");
    }

    @Test
    void deregisteringATargetRemovesItsPoliciesAndTheirAlarms() {
        registerWeb(1, 4);
        aas("PutScalingPolicy", "{'PolicyName':'mem','ServiceNamespace':'ecs','ResourceId':'service/lab/web',"
                + "'ScalableDimension':'ecs:service:DesiredCount','PolicyType':'TargetTrackingScaling',"
                + "'TargetTrackingScalingPolicyConfiguration':{'TargetValue':60,"
                + "'PredefinedMetricSpecification':{'PredefinedMetricType':'ECSServiceAverageMemoryUtilization'}}}");
        assertThat(cw("DescribeAlarms", "{}").get("MetricAlarms")).hasSize(2);
        aas("DeregisterScalableTarget", "{'ServiceNamespace':'ecs','ResourceId':'service/lab/web',"
                + "'ScalableDimension':'ecs:service:DesiredCount'}");
        assertThat(cw("DescribeAlarms", "{}").get("MetricAlarms")).isEmpty();
        assertThat(aas("DescribeScalingPolicies", "{'ServiceNamespace':'ecs'}").get("ScalingPolicies")).isEmpty();
    }
}
