package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EcsLinkTest {
    private final EcsSandbox sandbox = new EcsSandbox();

    @Test
    void otherServicesSeeCountsScaleThroughUpdateServiceAndGetLoadBalancerTargets() {
        sandbox.ecs("CreateCluster", "{\"clusterName\": \"lab\"}");
        sandbox.ecs("RegisterTaskDefinition", ClusterAndTaskDefinitionTest.fargate("256", "512"));
        String subnet = sandbox.ec2("DescribeSubnets", "{}").get("subnetSet").get(0).get("subnetId").asText();
        String targetGroup = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef";
        sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "web", "desiredCount": 2, "launchType": "FARGATE",
                 "loadBalancers": [{"targetGroupArn": "%s", "containerName": "web", "containerPort": 80}],
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["%s"]}}}""".formatted(targetGroup, subnet));
        sandbox.advance(20);
        EcsLink.ServiceSummary web = EcsLink.service(sandbox, "lab", "web").orElseThrow();
        assertThat(web.runningCount()).isEqualTo(2);
        assertThat(web.targetGroupArns()).containsExactly(targetGroup);
        List<EcsLink.Target> targets = EcsLink.loadBalancerTargets(sandbox, web.serviceArn());
        assertThat(targets).hasSize(2).allMatch(t -> t.port() == 80 && t.id().startsWith("172.31.0."));

        EcsLink.setDesiredCount(sandbox, "lab", "web", 4);
        // No call follows: the scheduler must still see the change on the next tick.
        sandbox.advance(20);
        assertThat(EcsLink.service(sandbox, "lab", "web").orElseThrow().runningCount()).isEqualTo(4);
        assertThat(EcsLink.services(sandbox)).hasSize(1);
        assertThat(EcsLink.service(sandbox, "lab", "nope")).isEmpty();
    }
}
