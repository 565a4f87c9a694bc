package org.ecslabs.simulator.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.ecslabs.simulator.support.SignedHttp;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.AdjustmentType;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.StepAdjustment;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Metrics and auto scaling end to end with the real SDK clients: a Fargate service, load set
 * through the control API, and a paused clock moved with AdvanceClock.
 */
class ScalingOverHttpTest {
    private static final String RESOURCE = "service/lab/web";

    private SimulatorFixture fixture;
    private FargateLab lab;
    private EcsClient ecs;
    private ApplicationAutoScalingClient scaling;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void start() {
        fixture = SimulatorFixture.paused();
        lab = new FargateLab(fixture);
        ecs = lab.ecs;
        scaling = lab.scaling;
        cloudWatch = lab.cloudWatch;
        lab.createWebService(2);
        assertThat(service().runningCount()).isEqualTo(2);
    }

    @AfterEach
    void stop() {
        lab.close();
        fixture.close();
    }

    private Instant advance(int seconds) {
        return lab.advance(seconds);
    }

    private void load(int cpu) {
        lab.load(cpu);
    }

    private Service service() {
        return lab.service();
    }

    private void register(int min, int max) {
        scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(min).maxCapacity(max));
    }

    private List<ScalingActivity> activities() {
        return scaling.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE))
                .scalingActivities();
    }

    private MetricDataResult cpu(Instant from, Instant to) {
        return cloudWatch.getMetricData(r -> r.startTime(from).endTime(to).metricDataQueries(q -> q.id("cpu")
                .metricStat(s -> s.period(60).stat("Average").metric(m -> m.namespace("AWS/ECS").metricName("CPUUtilization")
                        .dimensions(d -> d.name("ClusterName").value("lab"), d -> d.name("ServiceName").value("web"))))))
                .metricDataResults().get(0);
    }

    @Test
    void targetTrackingScalesOutUnderLoadAndBackInWhenItFalls() {
        register(1, 10);
        var put = scaling.putScalingPolicy(r -> r.policyName("cpu-tracking").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0).scaleOutCooldown(120).scaleInCooldown(120)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
        assertThat(put.alarms()).extracting(a -> a.alarmName())
                .anyMatch(name -> name.startsWith("TargetTracking-service/lab/web-AlarmHigh-"))
                .anyMatch(name -> name.startsWith("TargetTracking-service/lab/web-AlarmLow-"));
        Instant loaded = advance(0);
        load(90);
        advance(4 * 60);
        assertThat(service().desiredCount()).isEqualTo(4);
        ScalingActivity out = activities().get(0);
        assertThat(out.description()).isEqualTo("Setting desired count to 4.");
        assertThat(out.cause()).startsWith("monitor alarm TargetTracking-service/lab/web-AlarmHigh-")
                .endsWith(" in state ALARM triggered policy cpu-tracking");
        assertThat(out.statusCodeAsString()).isEqualTo("Successful");

        Instant later = advance(3 * 60);
        assertThat(service().runningCount()).isEqualTo(4);
        // Newest first: the same work on four tasks shows half the utilization it showed on two.
        MetricDataResult cpu = cpu(loaded, later);
        assertThat(cpu.values().get(0)).isEqualTo(45.0);
        assertThat(cpu.values().get(cpu.values().size() - 1)).isEqualTo(90.0);

        load(10);
        advance(30 * 60);
        assertThat(service().desiredCount()).isEqualTo(1);
        assertThat(activities()).extracting(ScalingActivity::description).startsWith(
                "Setting desired count to 1.", "Setting desired count to 2.", "Setting desired count to 3.",
                "Setting desired count to 4.");
        assertThat(activities().get(0).cause()).contains("-AlarmLow-");
    }

    @Test
    void aStepPolicyRunsWhenTheAlarmThatNamesItFires() {
        register(1, 6);
        String policyArn = scaling.putScalingPolicy(r -> r.policyName("step-out").serviceNamespace(ServiceNamespace.ECS)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.STEP_SCALING)
                .stepScalingPolicyConfiguration(c -> c.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY).cooldown(300)
                        .stepAdjustments(StepAdjustment.builder().metricIntervalLowerBound(0.0).scalingAdjustment(2).build())))
                .policyARN();
        cloudWatch.putMetricAlarm(r -> r.alarmName("web-cpu-high").namespace("AWS/ECS").metricName("CPUUtilization")
                .dimensions(d -> d.name("ClusterName").value("lab"), d -> d.name("ServiceName").value("web"))
                .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(2).threshold(70.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(policyArn));
        load(85);
        advance(3 * 60 + 30);
        assertThat(service().desiredCount()).isEqualTo(4);
        assertThat(activities().get(0).cause()).isEqualTo("monitor alarm web-cpu-high in state ALARM triggered policy step-out");
        assertThat(scaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS).policyNames("step-out"))
                .scalingPolicies().get(0).alarms()).extracting(a -> a.alarmName()).containsExactly("web-cpu-high");
    }

    @Test
    void aScheduledActionFiresAtItsTime() {
        register(1, 10);
        Instant now = advance(0);
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(now.plusSeconds(300));
        scaling.putScheduledAction(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).scheduledActionName("scale-up")
                .schedule("at(" + at + ")").scalableTargetAction(a -> a.minCapacity(3).maxCapacity(10)));
        advance(240);
        assertThat(service().desiredCount()).isEqualTo(2);
        advance(120);
        assertThat(service().desiredCount()).isEqualTo(3);
        assertThat(activities().get(0).cause()).isEqualTo("scheduled action name scale-up was triggered");
        assertThat(scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalableTargets().get(0)
                .minCapacity()).isEqualTo(3);
    }

    @Test
    void setServiceLoadNamesAnExistingServiceAndAnswersWithTheReading() {
        JsonNode reading = lab.control("SetServiceLoad", "{\"cluster\": \"arn:aws:ecs:us-east-1:000000000000:cluster/lab\", "
                + "\"service\": \"web\", \"cpuUtilization\": 70, \"memoryUtilization\": 40, \"requestsPerSecond\": 12}");
        assertThat(reading.get("runningCount").asInt()).isEqualTo(2);
        assertThat(reading.get("cpuUtilization").asDouble()).isEqualTo(70.0);
        assertThat(reading.get("memoryUtilization").asDouble()).isEqualTo(40.0);
        SignedHttp.Response unknown = fixture.control("test", "test", "SetServiceLoad",
                "{\"cluster\": \"lab\", \"service\": \"nope\", \"cpuUtilization\": 70}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("ServiceNotFoundException");
        SignedHttp.Response tooHigh = fixture.control("test", "test", "SetServiceLoad",
                "{\"cluster\": \"lab\", \"service\": \"web\", \"cpuUtilization\": 170}");
        assertThat(tooHigh.body()).contains("ValidationException").contains("between 0 and 100");
    }

    @Test
    void aPolicyOnAnUnregisteredServiceIsRefused() {
        assertThatThrownBy(() -> scaling.putScalingPolicy(r -> r.policyName("p").serviceNamespace(ServiceNamespace.ECS)
                .resourceId("service/lab/other").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0)
                        .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION)))))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("No scalable target registered for service namespace: ecs, resource ID: service/lab/other, "
                                + "scalable dimension: ecs:service:DesiredCount"));
    }
}
