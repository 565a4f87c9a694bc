package org.ecslabs.simulator.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.elbv2.LoadBalancerLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;

/**
 * A simulated day of the worst a learner can leave running: a CODE_DEPLOY service behind an ALB
 * target group whose tasks can never start (the execution role does not exist), with CodeDeploy
 * deployments started now and then. What the account lists and stores must level off: stopped
 * tasks leave after about an hour, launches back off, events and targets are capped.
 */
class BoundedGrowthTest {
    private final LoadBalancerLab lab = new LoadBalancerLab();

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void aServiceWhoseTasksCannotStartLevelsOffOverASimulatedDay() throws SQLException {
        lab.loadBalancer(true);
        String v1 = taskDefinition("nginx:1.26");
        String v2 = taskDefinition("nginx:1.27");
        lab.codeDeploy.createApplication(r -> r.applicationName("web").computePlatform("ECS"));
        lab.service(v1, 3, "CODE_DEPLOY", r -> { });
        lab.codeDeploy.createDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("web-dg")
                .serviceRoleArn("arn:aws:iam::000000000000:role/ecsCodeDeployRole")
                .deploymentConfigName("CodeDeployDefault.ECSAllAtOnce")
                .ecsServices(s -> s.clusterName("lab").serviceName("web"))
                .deploymentStyle(s -> s.deploymentType("BLUE_GREEN").deploymentOption("WITH_TRAFFIC_CONTROL"))
                .blueGreenDeploymentConfiguration(b -> b
                        .terminateBlueInstancesOnDeploymentSuccess(t -> t.action("TERMINATE").terminationWaitTimeInMinutes(5))
                        .deploymentReadyOption(d -> d.actionOnTimeout("CONTINUE_DEPLOYMENT")))
                .autoRollbackConfiguration(a -> a.enabled(true).eventsWithStrings("DEPLOYMENT_FAILURE"))
                .loadBalancerInfo(l -> l.targetGroupPairInfoList(p -> p
                        .targetGroups(g -> g.name("web-blue"), g -> g.name("web-green"))
                        .prodTrafficRoute(t -> t.listenerArns(lab.prodListenerArn))
                        .testTrafficRoute(t -> t.listenerArns(lab.testListenerArn)))));

        List<String> hourly = new ArrayList<>();
        long[] stored = new long[25];
        for (int hour = 1; hour <= 24; hour++) {
            if (hour % 4 == 0) {
                // A learner tries again: each deployment of the failing revision must end, not pile up.
                deploy(hour % 8 == 0 ? v1 : v2);
            }
            lab.advance(3600);
            int stopped = lab.ecs.listTasks(r -> r.cluster("lab").desiredStatus(DesiredStatus.STOPPED)).taskArns().size();
            int running = lab.ecs.listTasks(r -> r.cluster("lab")).taskArns().size();
            int events = lab.describeService().events().size();
            int targets = lab.targets(lab.blueArn).size() + lab.targets(lab.greenArn).size();
            int deployments = lab.codeDeploy.listDeployments(r -> r.applicationName("web")
                    .deploymentGroupName("web-dg")).deployments().size();
            stored[hour] = storedBytes();
            hourly.add("h" + hour + ": stopped " + stopped + ", running/pending " + running + ", events " + events
                    + ", targets " + targets + ", deployments " + deployments + ", stored " + stored[hour] + " B");
            if (hour >= 2) {
                // Stopped tasks stay listed about an hour; with the throttle at 15 minutes that is a few dozen.
                assertThat(stopped).as(hourly.get(hour - 1)).isLessThanOrEqualTo(40);
                assertThat(running).as(hourly.get(hour - 1)).isLessThanOrEqualTo(6);
                assertThat(events).as(hourly.get(hour - 1)).isLessThanOrEqualTo(100);
                assertThat(targets).as(hourly.get(hour - 1)).isLessThanOrEqualTo(6);
            }
        }
        hourly.forEach(System.out::println);
        String table = String.join("\n", hourly);
        // Once the event list is full, time alone adds nothing: hours without a new deployment store the same.
        assertThat(Math.abs(stored[23] - stored[22])).as(table).isLessThan(1024);
        assertThat(Math.abs(stored[19] - stored[18])).as(table).isLessThan(1024);
        // What remains is the deployment history a learner's own actions add, a few KB per deployment.
        assertThat(stored[23] - stored[19]).as(table).isLessThan(8 * 1024);
        assertThat(stored[24]).as(table).isLessThan(256 * 1024);
        assertThat(lab.describeService().events()).anySatisfy(event -> assertThat(event.message())
                .contains("is unable to consistently start tasks successfully"));
    }

    private String taskDefinition(String image) {
        return lab.ecs.registerTaskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .executionRoleArn("arn:aws:iam::000000000000:role/ecsTaskExecutionRole")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(image).essential(true)
                        .portMappings(PortMapping.builder().containerPort(80).build()).build()))
                .taskDefinition().taskDefinitionArn();
    }

    private void deploy(String taskDefinition) {
        try {
            lab.deploy(taskDefinition);
        } catch (DeploymentLimitExceededException e) {
            // The previous one is still running: AWS refuses a second, and so does the simulator.
        }
    }

    private long storedBytes() throws SQLException {
        try (Connection connection = DriverManager.getConnection(lab.fixture.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet sum = statement.executeQuery("SELECT COALESCE(SUM(LENGTH(body)), 0) FROM sim_entry")) {
            sum.next();
            return sum.getLong(1);
        }
    }
}
