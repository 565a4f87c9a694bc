package org.ecslabs.simulator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.ecslabs.simulator.autoscaling.AutoScalingService;
import org.ecslabs.simulator.cloudwatch.CloudWatchService;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.testing.Calls;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Target tracking on ALB requests and on a custom metric, scale-in switches, and percentage steps. */
class ScalingPolicyVariantsTest {
    private static final String TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef";
    private static final String TARGET = "'ServiceNamespace':'ecs','ResourceId':'service/lab/web','ScalableDimension':'ecs:service:DesiredCount'";

    private ScriptedEcs ecs;
    private CloudWatchService cloudWatch;
    private AutoScalingService autoScaling;
    private ManualSandbox sandbox;

    @BeforeEach
    void setUp() {
        ecs = new ScriptedEcs(20);
        ecs.service("lab", "web", 2, TARGET_GROUP);
        cloudWatch = new CloudWatchService(ecs);
        autoScaling = new AutoScalingService(ecs);
        sandbox = new ManualSandbox(Instant.parse("2026-11-21T10:00:00Z"), cloudWatch, autoScaling).onEverySecond(ecs::tick);
        aas("RegisterScalableTarget", "{" + TARGET + ",'MinCapacity':1,'MaxCapacity':20}");
    }

    private JsonNode cw(String operation, String input) {
        return sandbox.call(cloudWatch, operation, Calls.input(input));
    }

    private JsonNode aas(String operation, String input) {
        return sandbox.call(autoScaling, operation, Calls.input(input));
    }

    private void trackingPolicy(String name, String configuration) {
        aas("PutScalingPolicy", "{" + TARGET + ",'PolicyName':'" + name + "','PolicyType':'TargetTrackingScaling',"
                + "'TargetTrackingScalingPolicyConfiguration':" + configuration + "}");
    }

    @Test
    void albRequestCountPerTargetIsTrackedOnTheServicesTargetGroup() {
        trackingPolicy("requests", "{'TargetValue':600,'PredefinedMetricSpecification':{'PredefinedMetricType':"
                + "'ALBRequestCountPerTarget','ResourceLabel':'app/lab-alb/fedcba9876543210/targetgroup/web/0123456789abcdef'}}");
        JsonNode alarm = cw("DescribeAlarms", "{'AlarmNamePrefix':'TargetTracking-service/lab/web-AlarmHigh'}").get("MetricAlarms").get(0);
        assertThat(alarm.get("Namespace").asText()).isEqualTo("AWS/ApplicationELB");
        assertThat(alarm.get("Dimensions").get(0).get("Value").asText()).isEqualTo("targetgroup/web/0123456789abcdef");
        // 50 requests a second over two targets: 1500 a minute each, two and a half times the target.
        cw("SetServiceLoad", "{'cluster':'lab','service':'arn:aws:ecs:us-east-1:000000000000:service/lab/web','requestsPerSecond':50}");
        sandbox.advance(3 * 60 + 5);
        assertThat(ecs.updates).containsExactly("web=5");
    }

    @Test
    void aCustomMetricCanBeTracked() {
        trackingPolicy("queue", "{'TargetValue':33,'CustomizedMetricSpecification':{'Namespace':'Lab/Worker',"
                + "'MetricName':'BacklogPerTask','Statistic':'Average','Dimensions':[{'Name':'Queue','Value':'jobs'}]}}");
        for (int minute = 0; minute < 4; minute++) {
            cw("PutMetricData", "{'Namespace':'Lab/Worker','MetricData':[{'MetricName':'BacklogPerTask',"
                    + "'Dimensions':[{'Name':'Queue','Value':'jobs'}],'Value':300}]}");
            sandbox.advance(60);
        }
        // ceil(2 * 300 / 33) = 19; the low alarm sits at 90% of the target.
        assertThat(ecs.updates).containsExactly("web=19");
        assertThat(cw("DescribeAlarms", "{'AlarmNamePrefix':'TargetTracking-service/lab/web-AlarmLow'}")
                .get("MetricAlarms").get(0).get("Threshold").asDouble()).isEqualTo(29.7);
    }

    @Test
    void disableScaleInKeepsTheCapacityWhenLoadFalls() {
        trackingPolicy("cpu", "{'TargetValue':50,'DisableScaleIn':true,'ScaleInCooldown':0,"
                + "'PredefinedMetricSpecification':{'PredefinedMetricType':'ECSServiceAverageCPUUtilization'}}");
        cw("SetServiceLoad", "{'cluster':'lab','service':'web','cpuUtilization':5}");
        sandbox.advance(30 * 60);
        assertThat(ecs.updates).isEmpty();
        assertThat(cw("DescribeAlarms", "{'StateValue':'ALARM'}").get("MetricAlarms").get(0).get("AlarmName").asText())
                .contains("-AlarmLow-");
    }

    @Test
    void suspendedDynamicScalingOutHoldsTheTargetBack() {
        aas("RegisterScalableTarget", "{" + TARGET + ",'SuspendedState':{'DynamicScalingOutSuspended':true}}");
        trackingPolicy("cpu", "{'TargetValue':50,'PredefinedMetricSpecification':{'PredefinedMetricType':'ECSServiceAverageCPUUtilization'}}");
        cw("SetServiceLoad", "{'cluster':'lab','service':'web','cpuUtilization':95}");
        sandbox.advance(10 * 60);
        assertThat(ecs.updates).isEmpty();
        JsonNode target = aas("DescribeScalableTargets", "{'ServiceNamespace':'ecs'}").get("ScalableTargets").get(0);
        assertThat(target.get("SuspendedState").get("DynamicScalingOutSuspended").asBoolean()).isTrue();
        assertThat(target.get("MinCapacity").asInt()).isEqualTo(1);
    }

    @Test
    void aPercentageStepRoundsTowardZeroButMovesAtLeastTheMinimumMagnitude() {
        String arn = aas("PutScalingPolicy", "{" + TARGET + ",'PolicyName':'grow','PolicyType':'StepScaling',"
                + "'StepScalingPolicyConfiguration':{'AdjustmentType':'PercentChangeInCapacity','MinAdjustmentMagnitude':3,"
                + "'StepAdjustments':[{'MetricIntervalLowerBound':0,'ScalingAdjustment':50}]}}").get("PolicyARN").asText();
        cw("PutMetricAlarm", "{'AlarmName':'manual','Namespace':'Lab/Any','MetricName':'Nothing','Statistic':'Sum',"
                + "'Period':60,'EvaluationPeriods':1,'Threshold':1,'ComparisonOperator':'GreaterThanThreshold',"
                + "'TreatMissingData':'ignore','AlarmActions':['" + arn + "']}");
        cw("SetAlarmState", "{'AlarmName':'manual','StateValue':'ALARM','StateReason':'testing'}");
        sandbox.advance(1);
        // 50% of 2 is 1, below the minimum magnitude of 3.
        assertThat(ecs.updates).containsExactly("web=5");
    }

    @Test
    void aPolicyHeldBackByTheMaximumLeavesANotScaledActivity() {
        aas("RegisterScalableTarget", "{" + TARGET + ",'MaxCapacity':3}");
        trackingPolicy("cpu", "{'TargetValue':50,'ScaleOutCooldown':60,"
                + "'PredefinedMetricSpecification':{'PredefinedMetricType':'ECSServiceAverageCPUUtilization'}}");
        cw("SetServiceLoad", "{'cluster':'lab','service':'web','cpuUtilization':95}");
        sandbox.advance(6 * 60);
        // Four tasks were wanted, three allowed; at three the load is still over the target.
        assertThat(ecs.updates).containsExactly("web=3");
        JsonNode plain = aas("DescribeScalingActivities", "{'ServiceNamespace':'ecs'}").get("ScalingActivities");
        assertThat(plain).hasSize(1);
        JsonNode all = aas("DescribeScalingActivities", "{'ServiceNamespace':'ecs','IncludeNotScaledActivities':true}")
                .get("ScalingActivities");
        assertThat(all).hasSize(2);
        JsonNode notScaled = all.get(0);
        assertThat(notScaled.get("Description").asText()).isEqualTo("Attempting to scale due to alarm triggered");
        assertThat(notScaled.get("StatusCode").asText()).isEqualTo("Failed");
        assertThat(notScaled.get("NotScaledReasons").get(0).get("Code").asText()).isEqualTo("AlreadyAtMaxCapacity");
        assertThat(notScaled.get("NotScaledReasons").get(0).get("MaxCapacity").asInt()).isEqualTo(3);
    }

    @Test
    void registeringATargetBringsTheServiceIntoItsRange() {
        aas("RegisterScalableTarget", "{" + TARGET + ",'MinCapacity':4}");
        assertThat(ecs.updates).containsExactly("web=4");
        aas("RegisterScalableTarget", "{" + TARGET + ",'MinCapacity':1,'MaxCapacity':3}");
        assertThat(ecs.updates).containsExactly("web=4", "web=3");
        assertThat(aas("DescribeScalingActivities", "{'ServiceNamespace':'ecs'}").get("ScalingActivities").get(0)
                .get("Cause").asText()).isEqualTo("maximum capacity was set to 3");
    }

    @Test
    void scalableTargetsCarryTags() {
        String arn = aas("RegisterScalableTarget", "{" + TARGET + ",'Tags':{'team':'web'}}").get("ScalableTargetARN").asText();
        assertThat(arn).startsWith("arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/");
        aas("TagResource", "{'ResourceARN':'" + arn + "','Tags':{'env':'lab'}}");
        assertThat(aas("ListTagsForResource", "{'ResourceARN':'" + arn + "'}").get("Tags").toString())
                .isEqualTo("{\"env\":\"lab\",\"team\":\"web\"}");
    }

    @Test
    void badConfigurationsAreRefusedAsAwsRefusesThem() {
        assertThatThrownBy(() -> trackingPolicy("x", "{'TargetValue':50,'PredefinedMetricSpecification':"
                + "{'PredefinedMetricType':'ALBRequestCountPerTarget'}}"))
                .isInstanceOf(AwsException.class).hasMessageContaining("ResourceLabel");
        assertThatThrownBy(() -> aas("PutScheduledAction", "{" + TARGET + ",'ScheduledActionName':'s',"
                + "'Schedule':'cron(0 25 * * ? *)','ScalableTargetAction':{'MinCapacity':1}}"))
                .isInstanceOf(AwsException.class).hasMessageContaining("is invalid");
        assertThatThrownBy(() -> aas("RegisterScalableTarget", "{" + TARGET + ",'MinCapacity':5,'MaxCapacity':2}"))
                .isInstanceOf(AwsException.class).hasMessage("Minimum capacity cannot be greater than maximum capacity");
    }
}
