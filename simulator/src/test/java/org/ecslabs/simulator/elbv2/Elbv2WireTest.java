package org.ecslabs.simulator.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateLoadBalancerNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** ELBv2 over HTTP with the real SDK client: the query protocol, the XML, the errors, the clock. */
class Elbv2WireTest {
    private final LoadBalancerLab lab = new LoadBalancerLab();
    private final ElasticLoadBalancingV2Client elb = lab.elb;

    @AfterEach
    void close() {
        lab.close();
    }

    private void advance(int seconds) {
        lab.advance(seconds);
    }

    @Test
    void aLoadBalancerWithAWeightedListenerAndTargetsThatBecomeHealthy() {
        LoadBalancer balancer = elb.createLoadBalancer(b -> b.name("web").subnets(lab.subnets.get(0), lab.subnets.get(1))
                .tags(t -> t.key("lab").value("lb"))).loadBalancers().get(0);
        assertThat(balancer.loadBalancerArn()).contains(":loadbalancer/app/web/");
        assertThat(balancer.createdTime()).isNotNull();
        assertThat(balancer.availabilityZones()).hasSize(2);
        assertThatThrownBy(() -> elb.createLoadBalancer(b -> b.name("web").subnets(lab.subnets.get(0), lab.subnets.get(1))))
                .isInstanceOf(DuplicateLoadBalancerNameException.class);

        TargetGroup blue = elb.createTargetGroup(b -> b.name("blue").protocol("HTTP").port(80)
                .vpcId(balancer.vpcId()).targetType(TargetTypeEnum.IP).healthCheckPath("/health")).targetGroups().get(0);
        TargetGroup green = elb.createTargetGroup(b -> b.name("green").protocol("HTTP").port(80)
                .vpcId(balancer.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0);
        assertThat(blue.healthyThresholdCount()).isEqualTo(5);
        assertThat(blue.healthCheckPath()).isEqualTo("/health");
        assertThat(blue.matcher().httpCode()).isEqualTo("200");

        Listener listener = elb.createListener(b -> b.loadBalancerArn(balancer.loadBalancerArn()).protocol("HTTP").port(80)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(ForwardActionConfig.builder()
                        .targetGroups(TargetGroupTuple.builder().targetGroupArn(blue.targetGroupArn()).weight(80).build(),
                                TargetGroupTuple.builder().targetGroupArn(green.targetGroupArn()).weight(20).build())
                        .build()).build())).listeners().get(0);
        Listener described = elb.describeListeners(b -> b.listenerArns(listener.listenerArn())).listeners().get(0);
        assertThat(described.defaultActions().get(0).forwardConfig().targetGroups())
                .extracting(TargetGroupTuple::weight).containsExactly(80, 20);

        elb.registerTargets(b -> b.targetGroupArn(blue.targetGroupArn())
                .targets(TargetDescription.builder().id("10.0.1.10").build(), TargetDescription.builder().id("10.0.2.20").port(8080).build()));
        DescribeTargetHealthResponse health = elb.describeTargetHealth(b -> b.targetGroupArn(blue.targetGroupArn()));
        assertThat(health.targetHealthDescriptions()).extracting(d -> d.targetHealth().state())
                .containsOnly(TargetHealthStateEnum.INITIAL);
        assertThat(health.targetHealthDescriptions()).extracting(d -> d.target().port()).containsExactly(80, 8080);

        advance(150);
        health = elb.describeTargetHealth(b -> b.targetGroupArn(blue.targetGroupArn()));
        assertThat(health.targetHealthDescriptions()).extracting(d -> d.targetHealth().state())
                .containsOnly(TargetHealthStateEnum.HEALTHY);

        elb.deregisterTargets(b -> b.targetGroupArn(blue.targetGroupArn()).targets(TargetDescription.builder().id("10.0.1.10").build()));
        health = elb.describeTargetHealth(b -> b.targetGroupArn(blue.targetGroupArn()));
        assertThat(health.targetHealthDescriptions().get(0).targetHealth().state()).isEqualTo(TargetHealthStateEnum.DRAINING);
        advance(300);
        assertThat(elb.describeTargetHealth(b -> b.targetGroupArn(blue.targetGroupArn())).targetHealthDescriptions()).hasSize(1);

        assertThatThrownBy(() -> elb.deleteTargetGroup(b -> b.targetGroupArn(blue.targetGroupArn())))
                .isInstanceOf(ResourceInUseException.class);
        assertThat(elb.describeTags(b -> b.resourceArns(balancer.loadBalancerArn())).tagDescriptions().get(0).tags())
                .extracting(t -> t.key() + "=" + t.value()).containsExactly("lab=lb");
        assertThat(elb.describeTargetGroupAttributes(b -> b.targetGroupArn(green.targetGroupArn())).attributes())
                .anySatisfy(a -> assertThat(a.key() + "=" + a.value()).isEqualTo("deregistration_delay.timeout_seconds=300"));
        assertThatThrownBy(() -> elb.describeTargetGroups(b -> b.names("nope")))
                .isInstanceOf(TargetGroupNotFoundException.class);
    }
}
