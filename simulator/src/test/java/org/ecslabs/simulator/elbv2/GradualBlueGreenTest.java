package org.ecslabs.simulator.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS's LINEAR and CANARY deployments over HTTP with the real SDK: green scales up in full, then the
 * production listener's forward action moves its weights from blue to green on the simulated clock.
 */
class GradualBlueGreenTest {
    private final LoadBalancerLab lab = new LoadBalancerLab();
    private String productionRule;
    private String v1;
    private String v2;

    @BeforeEach
    void setUp() {
        lab.loadBalancer(false);
        v1 = lab.taskDefinition("nginx:1.26");
        v2 = lab.taskDefinition("nginx:1.27");
        lab.elb.modifyListener(r -> r.listenerArn(lab.prodListenerArn).defaultActions(a -> a.type("forward")
                .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(lab.blueArn).weight(100),
                        t -> t.targetGroupArn(lab.greenArn).weight(0)))));
        productionRule = lab.elb.describeRules(r -> r.listenerArn(lab.prodListenerArn)).rules().stream()
                .filter(rule -> rule.isDefault()).findFirst().orElseThrow().ruleArn();
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private void createService(Consumer<DeploymentConfiguration.Builder> deployment) {
        lab.ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition(v1).desiredCount(2)
                .launchType("FARGATE").networkConfiguration(lab.network)
                .deploymentConfiguration(deployment)
                .loadBalancers(lb -> lb.targetGroupArn(lab.blueArn).containerName("web").containerPort(80)
                        .advancedConfiguration(a -> a.alternateTargetGroupArn(lab.greenArn).productionListenerRule(productionRule)
                                .roleArn("arn:aws:iam::000000000000:role/ecs-blue-green"))));
    }

    private int greenWeight() {
        return lab.weights(lab.prodListenerArn).get(lab.greenArn);
    }

    private int blueWeight() {
        return lab.weights(lab.prodListenerArn).get(lab.blueArn);
    }

    /** Advances second by second until green first gets production traffic; returns the seconds it took. */
    private int untilShiftStarts() {
        for (int second = 1; second <= 300; second++) {
            lab.advance(1);
            if (greenWeight() > 0) {
                return second;
            }
        }
        throw new AssertionError("production traffic never started shifting");
    }

    private List<Task> runningTasks() {
        List<String> arns = lab.ecs.listTasks(r -> r.cluster("lab").serviceName("web")).taskArns();
        return arns.isEmpty() ? List.of() : lab.ecs.describeTasks(r -> r.cluster("lab").tasks(arns)).tasks();
    }

    @Test
    void linearShiftsAQuarterEachMinuteThenBakesAndStopsBlue() {
        createService(d -> d.strategy("LINEAR").bakeTimeInMinutes(1)
                .linearConfiguration(l -> l.stepPercent(25.0).stepBakeTimeInMinutes(1)));
        lab.advance(40);
        assertThat(lab.states(lab.blueArn)).containsExactly("healthy", "healthy");
        assertThat(blueWeight()).isEqualTo(100);

        lab.ecs.updateService(r -> r.cluster("lab").service("web").taskDefinition(v2));
        untilShiftStarts();
        assertThat(lab.targets(lab.greenArn)).hasSize(2);
        assertThat(blueWeight()).isEqualTo(75);
        assertThat(greenWeight()).isEqualTo(25);
        assertThat(lab.describeService().deploymentConfiguration().linearConfiguration().stepPercent()).isEqualTo(25.0);
        String record = lab.ecs.listServiceDeployments(r -> r.cluster("lab").service("web")
                .status(ServiceDeploymentStatus.IN_PROGRESS)).serviceDeployments().get(0).serviceDeploymentArn();
        assertThat(lab.ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(record)).serviceDeployments().get(0)
                .lifecycleStage()).isEqualTo(ServiceDeploymentLifecycleStage.PRODUCTION_TRAFFIC_SHIFT);
        lab.advance(59);
        assertThat(greenWeight()).isEqualTo(25);
        lab.advance(1);
        assertThat(blueWeight()).isEqualTo(50);
        assertThat(greenWeight()).isEqualTo(50);
        lab.advance(60);
        assertThat(greenWeight()).isEqualTo(75);
        lab.advance(60);
        assertThat(greenWeight()).isEqualTo(100);
        assertThat(blueWeight()).isZero();
        // Both revisions still run through bakeTimeInMinutes after the last step.
        assertThat(runningTasks()).hasSize(4);

        lab.advance(600);
        assertThat(lab.describeService().deployments()).singleElement().satisfies(d -> {
            assertThat(d.taskDefinition()).isEqualTo(v2);
            assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);
        });
        assertThat(runningTasks()).extracting(Task::taskDefinitionArn).containsExactly(v2, v2);
        assertThat(lab.targets(lab.blueArn)).isEmpty();
        assertThat(greenWeight()).isEqualTo(100);
    }

    @Test
    void canarySendsTenPercentForTheBakeThenTheRest() {
        createService(d -> d.strategy("CANARY").bakeTimeInMinutes(0)
                .canaryConfiguration(c -> c.canaryPercent(10.0).canaryBakeTimeInMinutes(2)));
        lab.advance(40);
        lab.ecs.updateService(r -> r.cluster("lab").service("web").taskDefinition(v2));
        untilShiftStarts();
        assertThat(blueWeight()).isEqualTo(90);
        assertThat(greenWeight()).isEqualTo(10);
        lab.advance(60);
        assertThat(greenWeight()).isEqualTo(10);
        lab.advance(59);
        assertThat(blueWeight()).isEqualTo(90);
        lab.advance(1);
        assertThat(blueWeight()).isZero();
        assertThat(greenWeight()).isEqualTo(100);
        lab.advance(600);
        assertThat(lab.describeService().deployments()).singleElement()
                .satisfies(d -> assertThat(d.rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED));
        assertThat(runningTasks()).extracting(Task::taskDefinitionArn).containsExactly(v2, v2);
    }

    @Test
    void aFailingGreenRollsProductionBackToBlue() {
        createService(d -> d.strategy("CANARY").bakeTimeInMinutes(0)
                .canaryConfiguration(c -> c.canaryPercent(10.0).canaryBakeTimeInMinutes(2))
                .deploymentCircuitBreaker(b -> b.enable(true).rollback(true)));
        lab.advance(40);
        String broken = lab.taskDefinition("nginx:does-not-exist");
        lab.ecs.updateService(r -> r.cluster("lab").service("web").taskDefinition(broken));
        for (int second = 0; second < 300; second++) {
            lab.advance(1);
            assertThat(blueWeight()).isEqualTo(100);
        }
        assertThat(lab.describeService().taskDefinition()).isEqualTo(v1);
        assertThat(runningTasks()).extracting(Task::taskDefinitionArn).containsExactly(v1, v1);
    }

    @Test
    void theConfigurationsAreCheckedAsEcsDoes() {
        assertThatThrownBy(() -> createService(d -> d.strategy("LINEAR").bakeTimeInMinutes(1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("linearConfiguration must be specified when the deployment strategy is LINEAR.");
        assertThatThrownBy(() -> createService(d -> d.strategy("LINEAR")
                .linearConfiguration(l -> l.stepPercent(2.0).stepBakeTimeInMinutes(1))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("linearConfiguration.stepPercent must be a multiple of 0.1 between 3.0 and 100.0.");
        assertThatThrownBy(() -> createService(d -> d.strategy("CANARY")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("canaryConfiguration must be specified when the deployment strategy is CANARY.");
        assertThatThrownBy(() -> createService(d -> d.strategy("CANARY")
                .canaryConfiguration(c -> c.canaryPercent(150.0).canaryBakeTimeInMinutes(2))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("canaryConfiguration.canaryPercent must be a multiple of 0.1 between 0.1 and 100.0.");
        assertThatThrownBy(() -> createService(d -> d.strategy("CANARY")
                .canaryConfiguration(c -> c.canaryPercent(5.0).canaryBakeTimeInMinutes(2000))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("canaryConfiguration.canaryBakeTimeInMinutes must be between 0 and 1440.");
        assertThatThrownBy(() -> createService(d -> d.strategy("BLUE_GREEN")
                .canaryConfiguration(c -> c.canaryPercent(5.0))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("canaryConfiguration can only be specified when the deployment strategy is CANARY.");
    }
}
