package org.ecslabs.simulator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;

/** Targets, policies, alarms, metrics and activities are stored, and scaling goes on after a restart. */
class ScalingSurvivesRestartTest {
    @Test
    void aRestartedSimulatorKeepsScalingWhereItLeftOff() {
        SimulatorConfig config = SimulatorConfig.withJdbcUrl(TestDatabases.freshUrl())
                .withInitialSpeed(0).withTickEvery(null);
        try (SimulatorFixture first = new SimulatorFixture(config); FargateLab lab = new FargateLab(first)) {
            lab.createWebService(2);
            lab.scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId("service/lab/web")
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(10));
            lab.scaling.putScalingPolicy(r -> r.policyName("cpu-tracking").serviceNamespace(ServiceNamespace.ECS)
                    .resourceId("service/lab/web").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .policyType(PolicyType.TARGET_TRACKING_SCALING)
                    .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0).scaleInCooldown(60)
                            .predefinedMetricSpecification(p -> p.predefinedMetricType(MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION))));
            lab.load(90);
            lab.advance(4 * 60);
            assertThat(lab.service().desiredCount()).isEqualTo(4);
        }
        try (SimulatorFixture second = new SimulatorFixture(config); FargateLab lab = new FargateLab(second)) {
            assertThat(lab.scaling.describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalingPolicies())
                    .singleElement().satisfies(p -> assertThat(p.alarms()).hasSize(2));
            String high = lab.cloudWatch.describeAlarms(r -> r.alarmNamePrefix("TargetTracking-service/lab/web-AlarmHigh"))
                    .metricAlarms().get(0).alarmName();
            assertThat(lab.cloudWatch.describeAlarmHistory(r -> r.alarmName(high).historyItemType(HistoryItemType.STATE_UPDATE))
                    .alarmHistoryItems()).extracting(item -> item.historySummary())
                    .contains("Alarm updated from OK to ALARM");
            lab.load(10);
            lab.advance(40 * 60);
            assertThat(lab.service().desiredCount()).isEqualTo(1);
            assertThat(lab.scaling.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS))
                    .scalingActivities()).extracting(ScalingActivity::description).containsExactly(
                    "Setting desired count to 1.", "Setting desired count to 2.", "Setting desired count to 3.",
                    "Setting desired count to 4.");
        }
    }
}
