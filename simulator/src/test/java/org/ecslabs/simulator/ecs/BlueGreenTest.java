package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecslabs.simulator.ecs.ClusterAndTaskDefinitionTest.fargate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ECS native blue/green: green scales up beside blue, takes production, bakes, then blue goes. */
class BlueGreenTest {
    private static final String MAIN = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/main/1111111111111111";
    private static final String ALTERNATE = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/alt/2222222222222222";
    private final EcsSandbox sandbox = new EcsSandbox();
    private String serviceArn;

    @BeforeEach
    void setUp() {
        sandbox.ecs("CreateCluster", "{\"clusterName\": \"lab\"}");
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512"));
        sandbox.ecs("RegisterTaskDefinition", fargate("512", "1024"));
        String subnet = sandbox.ec2("DescribeSubnets", "{}").get("subnetSet").get(0).get("subnetId").asText();
        serviceArn = sandbox.ecs("CreateService", """
                {"cluster": "lab", "serviceName": "web", "taskDefinition": "web:1", "desiredCount": 2, "launchType": "FARGATE",
                 "deploymentConfiguration": {"strategy": "BLUE_GREEN", "bakeTimeInMinutes": 2},
                 "loadBalancers": [{"targetGroupArn": "%s", "containerName": "web", "containerPort": 80,
                   "advancedConfiguration": {"alternateTargetGroupArn": "%s",
                     "productionListenerRule": "arn:aws:elasticloadbalancing:us-east-1:000000000000:listener-rule/app/lb/1/2/3",
                     "roleArn": "arn:aws:iam::000000000000:role/ecs-bg"}}],
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["%s"]}}}""".formatted(MAIN, ALTERNATE, subnet))
                .get("service").get("serviceArn").asText();
        sandbox.advance(20);
    }

    private JsonNode service() {
        return sandbox.ecs("DescribeServices", "{\"cluster\": \"lab\", \"services\": [\"web\"]}").get("services").get(0);
    }

    private List<String> targetGroups() {
        List<String> groups = new ArrayList<>();
        EcsLink.loadBalancerTargets(sandbox, serviceArn).forEach(t -> groups.add(t.targetGroupArn()));
        return groups;
    }

    @Test
    void greenScalesUpTakesProductionBakesAndBlueGoes() {
        assertThat(targetGroups()).containsExactly(MAIN, MAIN);
        assertThat(EcsLink.productionTargetGroup(sandbox, serviceArn)).isEqualTo(MAIN);
        sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", \"taskDefinition\": \"web:2\"}");
        sandbox.advance(20);
        JsonNode baking = service();
        assertThat(baking.get("runningCount").asInt()).isEqualTo(4);
        assertThat(baking.get("deployments")).hasSize(2);
        assertThat(targetGroups()).containsExactlyInAnyOrder(MAIN, MAIN, ALTERNATE, ALTERNATE);
        assertThat(EcsLink.productionTargetGroup(sandbox, serviceArn)).isEqualTo(ALTERNATE);
        String record = sandbox.ecs("ListServiceDeployments", "{\"cluster\": \"lab\", \"service\": \"web\", \"status\": [\"IN_PROGRESS\"]}")
                .get("serviceDeployments").get(0).get("serviceDeploymentArn").asText();
        assertThat(sandbox.ecs("DescribeServiceDeployments", "{\"serviceDeploymentArns\": [\"" + record + "\"]}")
                .get("serviceDeployments").get(0).get("lifecycleStage").asText()).isEqualTo("BAKE_TIME");

        sandbox.advance(100);
        assertThat(service().get("runningCount").asInt()).isEqualTo(4);
        sandbox.advance(60);
        JsonNode done = service();
        assertThat(done.get("deployments")).hasSize(1);
        assertThat(done.get("deployments").get(0).get("rolloutState").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("runningCount").asInt()).isEqualTo(2);
        assertThat(targetGroups()).containsExactly(ALTERNATE, ALTERNATE);

        // The next deployment goes back to the main target group.
        sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", \"taskDefinition\": \"web:1\"}");
        sandbox.advance(20);
        assertThat(targetGroups()).containsExactlyInAnyOrder(MAIN, MAIN, ALTERNATE, ALTERNATE);
        assertThat(EcsLink.productionTargetGroup(sandbox, serviceArn)).isEqualTo(MAIN);
    }

    @Test
    void aFailingGreenRollsBackToTheBlueThatStillServes() {
        sandbox.ecs("UpdateService", """
                {"cluster": "lab", "service": "web", "deploymentConfiguration": {"strategy": "BLUE_GREEN",
                 "deploymentCircuitBreaker": {"enable": true, "rollback": true}}}""");
        sandbox.ecs("RegisterTaskDefinition", fargate("256", "512").replace("nginx:1.27", "nginx:does-not-exist"));
        sandbox.ecs("UpdateService", "{\"cluster\": \"lab\", \"service\": \"web\", \"taskDefinition\": \"web:3\"}");
        int minRunning = Integer.MAX_VALUE;
        for (int second = 0; second < 200; second++) {
            sandbox.advance(1);
            minRunning = Math.min(minRunning, service().get("runningCount").asInt());
        }
        JsonNode done = service();
        assertThat(minRunning).isEqualTo(2);
        assertThat(done.get("taskDefinition").asText()).endsWith("web:1");
        assertThat(done.get("deployments")).hasSize(1);
        assertThat(done.get("deployments").get(0).get("rolloutState").asText()).isEqualTo("COMPLETED");
        assertThat(targetGroups()).containsExactly(MAIN, MAIN);
    }
}
