package org.ecslabs.simulator.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.ecslabs.simulator.elbv2.LoadBalancerLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.ECSTarget;
import software.amazon.awssdk.services.codedeploy.model.ECSTaskSet;
import software.amazon.awssdk.services.codedeploy.model.InvalidEcsServiceException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** A CodeDeploy blue/green deployment of an ECS service, over HTTP with the real SDK clients. */
class CodeDeployBlueGreenTest {
    private final LoadBalancerLab lab = new LoadBalancerLab();
    private String v1;
    private String v2;

    @BeforeEach
    void setUp() {
        lab.loadBalancer(true);
        v1 = lab.taskDefinition("nginx:1.26");
        v2 = lab.taskDefinition("nginx:1.27");
        lab.codeDeploy.createApplication(r -> r.applicationName("web").computePlatform("ECS"));
        assertThatThrownBy(() -> deploymentGroup("CodeDeployDefault.ECSAllAtOnce"))
                .isInstanceOf(InvalidEcsServiceException.class);
        lab.service(v1, 2, "CODE_DEPLOY", r -> { });
        lab.advance(40);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private void deploymentGroup(String config) {
        deploymentGroup(config, "CONTINUE_DEPLOYMENT", 5);
    }

    private void deploymentGroup(String config, String readyAction, int terminationWait) {
        lab.codeDeploy.createDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("web-dg")
                .serviceRoleArn("arn:aws:iam::000000000000:role/ecsCodeDeployRole")
                .deploymentConfigName(config)
                .ecsServices(s -> s.clusterName("lab").serviceName("web"))
                .deploymentStyle(s -> s.deploymentType("BLUE_GREEN").deploymentOption("WITH_TRAFFIC_CONTROL"))
                .blueGreenDeploymentConfiguration(b -> b
                        .terminateBlueInstancesOnDeploymentSuccess(t -> t.action("TERMINATE").terminationWaitTimeInMinutes(terminationWait))
                        .deploymentReadyOption(d -> d.actionOnTimeout(readyAction).waitTimeInMinutes(30)))
                .autoRollbackConfiguration(a -> a.enabled(true).eventsWithStrings("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST"))
                .loadBalancerInfo(l -> l.targetGroupPairInfoList(p -> p
                        .targetGroups(g -> g.name("web-blue"), g -> g.name("web-green"))
                        .prodTrafficRoute(t -> t.listenerArns(lab.prodListenerArn))
                        .testTrafficRoute(t -> t.listenerArns(lab.testListenerArn)))));
    }

    private String deploy() {
        return deploy(v2);
    }

    private String deploy(String taskDefinition) {
        return lab.deploy(taskDefinition);
    }

    private DeploymentInfo deployment(String id) {
        return lab.codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
    }

    private ECSTarget target(String id) {
        return lab.codeDeploy.getDeploymentTarget(r -> r.deploymentId(id).targetId("lab:web")).deploymentTarget().ecsTarget();
    }

    @Test
    void aLinearDeploymentShiftsTrafficMinuteByMinuteAndRetiresTheOriginal() {
        TaskSet original = lab.describeService().taskSets().get(0);
        assertThat(original.status()).isEqualTo("PRIMARY");
        assertThat(original.runningCount()).isEqualTo(2);
        assertThat(lab.states(lab.blueArn)).containsExactly("healthy", "healthy");
        assertThatThrownBy(() -> lab.ecs.updateService(r -> r.cluster("lab").service("web").taskDefinition(v2)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("Unable to update task definition on services with a CODE_DEPLOY deployment controller. "
                        + "Use AWS CodeDeploy to trigger a new deployment.");

        deploymentGroup("CodeDeployDefault.ECSLinear10PercentEvery1Minutes");
        String id = deploy();
        assertThat(deployment(id).status()).isEqualTo(DeploymentStatus.CREATED);
        assertThatThrownBy(this::deploy).isInstanceOf(DeploymentLimitExceededException.class);
        lab.advance(1);
        assertThat(deployment(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(lab.describeService().taskSets()).hasSize(2);

        // The replacement tasks start, register with the green group and turn healthy; then 10% moves.
        lab.advance(40);
        Map<String, Integer> weights = lab.weights(lab.prodListenerArn);
        assertThat(weights).containsEntry(lab.blueArn, 90).containsEntry(lab.greenArn, 10);
        assertThat(lab.weights(lab.testListenerArn)).containsEntry(lab.greenArn, 100);
        lab.advance(150);
        weights = lab.weights(lab.prodListenerArn);
        int green = weights.get(lab.greenArn);
        assertThat(green).isBetween(20, 90);
        assertThat(weights.get(lab.blueArn)).isEqualTo(100 - green);
        ECSTarget target = target(id);
        assertThat(target.taskSetsInfo()).extracting(ECSTaskSet::taskSetLabelAsString).containsExactly("Blue", "Green");
        assertThat(target.taskSetsInfo().get(1).trafficWeight()).isEqualTo((double) green);
        assertThat(target.taskSetsInfo().get(1).runningCount()).isEqualTo(2);
        assertThat(target.taskSetsInfo().get(1).targetGroup().name()).isEqualTo("web-green");

        lab.advance(600);
        DeploymentInfo waiting = deployment(id);
        assertThat(waiting.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(waiting.instanceTerminationWaitTimeStarted()).isTrue();
        assertThat(lab.weights(lab.prodListenerArn)).containsEntry(lab.greenArn, 100).containsEntry(lab.blueArn, 0);
        assertThat(lab.describeService().taskSets()).filteredOn(t -> t.status().equals("PRIMARY"))
                .singleElement().satisfies(t -> assertThat(t.taskDefinition()).isEqualTo(v2));

        lab.advance(300);
        DeploymentInfo done = deployment(id);
        assertThat(done.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.deploymentOverview().succeeded()).isEqualTo(1);
        assertThat(target(id).lifecycleEvents()).extracting(e -> e.lifecycleEventName() + "=" + e.statusAsString())
                .contains("BeforeInstall=Succeeded", "AfterInstall=Succeeded", "AfterAllowTestTraffic=Succeeded",
                        "BeforeAllowTraffic=Succeeded", "AfterAllowTraffic=Succeeded");
        assertThat(lab.weights(lab.prodListenerArn)).containsOnlyKeys(lab.greenArn);
        assertThat(lab.describeService().taskSets()).extracting(TaskSet::status).containsExactlyInAnyOrder("PRIMARY", "DRAINING");
        // The original tasks' targets drain for the deregistration delay (300 s) before the tasks stop.
        lab.advance(400);
        assertThat(lab.describeService().taskSets()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo("PRIMARY");
            assertThat(t.taskDefinition()).isEqualTo(v2);
        });
        assertThat(lab.describeService().taskDefinition()).isEqualTo(v2);
    }

    @Test
    void stoppingADeploymentSendsTrafficBackToTheOriginal() {
        deploymentGroup("CodeDeployDefault.ECSCanary10Percent5Minutes");
        String id = deploy();
        lab.advance(60);
        assertThat(deployment(id).status()).as(String.valueOf(deployment(id).errorInformation())).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(lab.weights(lab.prodListenerArn)).containsEntry(lab.blueArn, 90).containsEntry(lab.greenArn, 10);

        lab.codeDeploy.stopDeployment(r -> r.deploymentId(id).autoRollbackEnabled(true));
        DeploymentInfo stopped = deployment(id);
        assertThat(stopped.status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(stopped.errorInformation().codeAsString()).isEqualTo("MANUAL_STOP");
        assertThat(stopped.rollbackInfo().rollbackDeploymentId()).startsWith("d-");
        assertThat(lab.weights(lab.prodListenerArn)).containsOnlyKeys(lab.blueArn);
        assertThat(lab.weights(lab.testListenerArn)).containsOnlyKeys(lab.blueArn);
        DeploymentInfo rollback = deployment(stopped.rollbackInfo().rollbackDeploymentId());
        assertThat(rollback.creatorAsString()).isEqualTo("codeDeployRollback");
        assertThat(rollback.rollbackInfo().rollbackTriggeringDeploymentId()).isEqualTo(id);

        lab.advance(400);
        assertThat(lab.describeService().taskSets()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo("PRIMARY");
            assertThat(t.taskDefinition()).isEqualTo(v1);
        });
        assertThat(lab.codeDeploy.listDeployments(r -> r.applicationName("web").deploymentGroupName("web-dg")).deployments())
                .contains(id, stopped.rollbackInfo().rollbackDeploymentId());
    }

    @Test
    void aDeploymentWaitsReadyUntilToldToRerouteTraffic() {
        deploymentGroup("CodeDeployDefault.ECSAllAtOnce", "STOP_DEPLOYMENT", 60);
        String id = deploy();
        lab.advance(60);
        assertThat(deployment(id).status()).isEqualTo(DeploymentStatus.READY);
        assertThat(lab.weights(lab.testListenerArn)).containsEntry(lab.greenArn, 100);
        assertThat(lab.weights(lab.prodListenerArn)).containsEntry(lab.blueArn, 100).containsEntry(lab.greenArn, 0);
        lab.advance(600);
        assertThat(deployment(id).status()).isEqualTo(DeploymentStatus.READY);

        lab.codeDeploy.continueDeployment(r -> r.deploymentId(id).deploymentWaitType("READY_WAIT"));
        assertThat(deployment(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(deployment(id).instanceTerminationWaitTimeStarted()).isTrue();
        lab.codeDeploy.continueDeployment(r -> r.deploymentId(id).deploymentWaitType("TERMINATION_WAIT"));
        assertThat(deployment(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(lab.weights(lab.prodListenerArn)).containsOnlyKeys(lab.greenArn);
    }

    @Test
    void aReplacementThatNeverTurnsHealthyFailsAndRollsBack() {
        deploymentGroup("CodeDeployDefault.ECSAllAtOnce");
        String broken = lab.taskDefinition("registry.example.com/does-not-exist:1");
        String id = deploy(broken);
        lab.advance(3700);
        DeploymentInfo failed = deployment(id);
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(failed.errorInformation().message()).contains("timed out while waiting for the replacement task set");
        assertThat(failed.rollbackInfo().rollbackDeploymentId()).isNotNull();
        assertThat(lab.weights(lab.prodListenerArn)).containsOnlyKeys(lab.blueArn);
        lab.advance(60);
        assertThat(lab.describeService().taskSets()).singleElement()
                .satisfies(t -> assertThat(t.taskDefinition()).isEqualTo(v1));
        assertThat(lab.states(lab.blueArn)).containsExactly("healthy", "healthy");
    }

    @Test
    void theNextDeploymentSwapsTheTargetGroupsBack() {
        deploymentGroup("CodeDeployDefault.ECSAllAtOnce", "CONTINUE_DEPLOYMENT", 0);
        String first = deploy(v2);
        lab.advance(60);
        assertThat(deployment(first).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(lab.weights(lab.prodListenerArn)).containsOnlyKeys(lab.greenArn);
        lab.advance(400);

        String second = deploy(v1);
        lab.advance(60);
        assertThat(deployment(second).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(lab.weights(lab.prodListenerArn)).containsOnlyKeys(lab.blueArn);
        assertThat(target(second).taskSetsInfo()).extracting(ECSTaskSet::targetGroup)
                .extracting(g -> g.name()).containsExactly("web-green", "web-blue");
        lab.advance(400);
        assertThat(lab.describeService().taskSets()).singleElement()
                .satisfies(t -> assertThat(t.taskDefinition()).isEqualTo(v1));
        assertThat(lab.states(lab.blueArn)).containsExactly("healthy", "healthy");
        assertThat(lab.targets(lab.greenArn)).isEmpty();
    }
}
