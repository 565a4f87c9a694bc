package org.ecslabs.simulator.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** An ECS service behind an ALB, over HTTP with the real SDK: targets follow the service's tasks. */
class LoadBalancedServiceTest {
    private final LoadBalancerLab lab = new LoadBalancerLab();

    @AfterEach
    void close() {
        lab.close();
    }

    private List<Task> runningTasks() {
        List<String> arns = lab.ecs.listTasks(r -> r.cluster("lab").serviceName("web")).taskArns();
        return arns.isEmpty() ? List.of() : lab.ecs.describeTasks(r -> r.cluster("lab").tasks(arns)).tasks();
    }

    private static String address(Task task) {
        return task.containers().get(0).networkInterfaces().get(0).privateIpv4Address();
    }

    @Test
    void tasksBecomeTargetsThatTurnHealthyAndDrainOnScaleIn() {
        lab.loadBalancer(false);
        String taskDefinition = lab.taskDefinition("nginx:1.27");
        String instanceGroup = lab.elb.createTargetGroup(r -> r.name("by-instance").protocol("HTTP").port(80)
                .vpcId(lab.vpcId).targetType(TargetTypeEnum.INSTANCE)).targetGroups().get(0).targetGroupArn();
        lab.listener(81, instanceGroup);
        assertThatThrownBy(() -> lab.ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition(taskDefinition)
                .desiredCount(1).launchType("FARGATE").networkConfiguration(lab.network)
                .loadBalancers(lb -> lb.targetGroupArn(instanceGroup).containerName("web").containerPort(80))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("The provided target group " + instanceGroup + " has target type instance, which is "
                        + "incompatible with the awsvpc network mode specified in the task definition.");

        lab.elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(lab.blueArn)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("30")));
        lab.service(taskDefinition, 2, "ECS", r -> { });
        lab.advance(20);
        List<Task> tasks = runningTasks();
        assertThat(tasks).extracting(Task::lastStatus).containsOnly("RUNNING");
        List<TargetHealthDescription> targets = lab.targets(lab.blueArn);
        assertThat(targets).extracting(t -> t.target().id()).containsExactlyInAnyOrderElementsOf(
                tasks.stream().map(LoadBalancedServiceTest::address).toList());
        assertThat(targets).extracting(t -> t.target().port()).containsOnly(80);
        assertThat(lab.states(lab.blueArn)).containsOnly("initial");
        assertThat(lab.describeService().events()).anySatisfy(e -> assertThat(e.message())
                .isEqualTo("(service web) registered 2 targets in (target-group " + lab.blueArn + ")"));
        assertThat(lab.describeService().deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);

        lab.advance(15);
        assertThat(lab.states(lab.blueArn)).containsExactly("healthy", "healthy");
        assertThat(lab.describeService().deployments().get(0).rolloutState()).isEqualTo(DeploymentRolloutState.COMPLETED);

        lab.ecs.updateService(r -> r.cluster("lab").service("web").desiredCount(1));
        lab.advance(3);
        assertThat(lab.states(lab.blueArn)).containsExactly("draining", "healthy");
        assertThat(lab.describeService().events().get(0).message())
                .isEqualTo("(service web) deregistered 1 targets in (target-group " + lab.blueArn + ")");
        Task leaving = lab.ecs.describeTasks(r -> r.cluster("lab").tasks(tasks.stream().map(Task::taskArn).toList())).tasks()
                .stream().filter(t -> "STOPPED".equals(t.desiredStatus())).findFirst().orElseThrow();
        lab.advance(20);
        // ECS holds the task in DEACTIVATING while its target drains.
        assertThat(lab.ecs.describeTasks(r -> r.cluster("lab").tasks(leaving.taskArn())).tasks().get(0).lastStatus())
                .isEqualTo("DEACTIVATING");
        lab.advance(15);
        assertThat(lab.states(lab.blueArn)).containsExactly("healthy");
        lab.advance(30);
        assertThat(lab.ecs.describeTasks(r -> r.cluster("lab").tasks(leaving.taskArn())).tasks().get(0).lastStatus())
                .isEqualTo("STOPPED");
    }

    @Test
    void anUnhealthyTargetGetsItsTaskReplacedAfterTheGracePeriod() {
        lab.loadBalancer(false);
        String taskDefinition = lab.taskDefinition("nginx:1.27");
        lab.service(taskDefinition, 1, "ECS", r -> r.healthCheckGracePeriodSeconds(60));
        lab.advance(40);
        Task first = runningTasks().get(0);
        assertThat(lab.states(lab.blueArn)).containsExactly("healthy");

        lab.control("SetTargetHealth", "{\"cluster\":\"lab\",\"task\":\"" + first.taskArn() + "\",\"healthy\":false}");
        lab.advance(10);
        assertThat(lab.targets(lab.blueArn).get(0).targetHealth().reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
        // Still within healthCheckGracePeriodSeconds of the task's start: ECS leaves it alone.
        assertThat(lab.ecs.describeTasks(r -> r.cluster("lab").tasks(first.taskArn())).tasks().get(0).desiredStatus())
                .isEqualTo("RUNNING");

        lab.advance(30);
        Task stopped = lab.ecs.describeTasks(r -> r.cluster("lab").tasks(first.taskArn())).tasks().get(0);
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed ELB health checks in (target-group " + lab.blueArn + ")");
        assertThat(lab.describeService().events()).anySatisfy(e -> assertThat(e.message()).contains("is unhealthy in (target-group"));

        lab.advance(400);
        List<Task> now = runningTasks().stream().filter(t -> "RUNNING".equals(t.lastStatus())).toList();
        assertThat(now).hasSize(1);
        assertThat(now.get(0).taskArn()).isNotEqualTo(first.taskArn());
        assertThat(lab.targets(lab.blueArn)).singleElement().satisfies(t -> {
            assertThat(t.target().id()).isEqualTo(address(now.get(0)));
            assertThat(t.targetHealth().stateAsString()).isEqualTo("healthy");
        });
    }

    @Test
    void bridgeTasksOnEc2BecomeInstanceTargetsOnTheirDynamicHostPorts() {
        lab.loadBalancer(false);
        String byInstance = lab.elb.createTargetGroup(r -> r.name("by-instance").protocol("HTTP").port(80)
                .vpcId(lab.vpcId).targetType(TargetTypeEnum.INSTANCE)).targetGroups().get(0).targetGroupArn();
        lab.listener(81, byInstance);
        lab.control("AddContainerInstances", "{\"cluster\":\"lab\",\"count\":1,\"instanceType\":\"t3.large\"}");
        String bridge = lab.ecs.registerTaskDefinition(r -> r.family("web-bridge").networkMode("bridge")
                .containerDefinitions(c -> c.name("web").image("nginx:1.27").memory(256).essential(true)
                        .portMappings(m -> m.containerPort(80).hostPort(0)))).taskDefinition().taskDefinitionArn();
        assertThatThrownBy(() -> lab.ecs.createService(r -> r.cluster("lab").serviceName("bad").taskDefinition(bridge)
                .desiredCount(1).launchType("EC2")
                .loadBalancers(lb -> lb.targetGroupArn(lab.blueArn).containerName("web").containerPort(80))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("has target type ip");
        lab.ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition(bridge).desiredCount(2)
                .launchType("EC2").loadBalancers(lb -> lb.targetGroupArn(byInstance).containerName("web").containerPort(80)));
        lab.advance(200);
        String instanceId = lab.ecs.describeContainerInstances(r -> r.cluster("lab").containerInstances(
                lab.ecs.listContainerInstances(l -> l.cluster("lab")).containerInstanceArns())).containerInstances().get(0).ec2InstanceId();
        List<Integer> hostPorts = runningTasks().stream()
                .map(t -> t.containers().get(0).networkBindings().get(0).hostPort()).sorted().toList();
        List<TargetHealthDescription> targets = lab.targets(byInstance);
        assertThat(targets).extracting(t -> t.target().id()).containsOnly(instanceId);
        assertThat(targets).extracting(t -> t.target().port()).containsExactlyInAnyOrderElementsOf(hostPorts);
        assertThat(hostPorts).doesNotContain(80);
        assertThat(lab.states(byInstance)).containsExactly("healthy", "healthy");
    }

    @Test
    void nativeBlueGreenMovesTheProductionRuleToTheGreenTargetGroup() {
        lab.loadBalancer(false);
        String v1 = lab.taskDefinition("nginx:1.26");
        String v2 = lab.taskDefinition("nginx:1.27");
        // As AWS asks: the production rule forwards to both groups, the alternate at weight 0.
        lab.elb.modifyListener(r -> r.listenerArn(lab.prodListenerArn).defaultActions(a -> a.type("forward")
                .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(lab.blueArn).weight(100),
                        t -> t.targetGroupArn(lab.greenArn).weight(0)))));
        String productionRule = lab.elb.describeRules(r -> r.listenerArn(lab.prodListenerArn)).rules().stream()
                .filter(rule -> rule.isDefault()).findFirst().orElseThrow().ruleArn();
        lab.ecs.createService(r -> r.cluster("lab").serviceName("web").taskDefinition(v1).desiredCount(2)
                .launchType("FARGATE").networkConfiguration(lab.network)
                .deploymentConfiguration(d -> d.strategy("BLUE_GREEN").bakeTimeInMinutes(2))
                .loadBalancers(lb -> lb.targetGroupArn(lab.blueArn).containerName("web").containerPort(80)
                        .advancedConfiguration(a -> a.alternateTargetGroupArn(lab.greenArn).productionListenerRule(productionRule)
                                .roleArn("arn:aws:iam::000000000000:role/ecs-blue-green"))));
        lab.advance(40);
        assertThat(lab.states(lab.blueArn)).containsExactly("healthy", "healthy");

        lab.ecs.updateService(r -> r.cluster("lab").service("web").taskDefinition(v2));
        lab.advance(25);
        assertThat(lab.weights(lab.prodListenerArn)).containsEntry(lab.greenArn, 100).containsEntry(lab.blueArn, 0);
        assertThat(lab.targets(lab.greenArn)).hasSize(2);
        lab.advance(600);
        assertThat(lab.states(lab.greenArn)).containsExactly("healthy", "healthy");
        assertThat(lab.targets(lab.blueArn)).isEmpty();
        assertThat(lab.describeService().deployments()).singleElement()
                .satisfies(d -> assertThat(d.taskDefinition()).isEqualTo(v2));
    }
}
