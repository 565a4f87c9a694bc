package org.ecslabs.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * During a CodeDeploy blue/green deployment the live view shows how production traffic is split
 * between blue and green, and the split moves as simulated time passes.
 */
class ConsoleTrafficSplitTest {
    @TempDir
    Path dataDir;

    private static final List<String> SETUP = List.of(
            "ecslabs clock pause",
            "aws ecs create-cluster --cluster-name bg",
            "aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc"
                    + " --cpu 256 --memory 512 --container-definitions '[{\"name\":\"web\",\"image\":\"nginx:1.26\","
                    + "\"essential\":true,\"portMappings\":[{\"containerPort\":80}]}]'",
            "VPC=$(aws ec2 describe-vpcs --query 'Vpcs[0].VpcId' --output text)",
            "SUBNETS=$(aws ec2 describe-subnets --query 'Subnets[0:2].SubnetId' --output text)",
            "SUBNET=$(aws ec2 describe-subnets --query 'Subnets[0].SubnetId' --output text)",
            "BLUE=$(aws elbv2 create-target-group --name blue --protocol HTTP --port 80 --vpc-id $VPC --target-type ip"
                    + " --query 'TargetGroups[0].TargetGroupArn' --output text)",
            "GREEN=$(aws elbv2 create-target-group --name green --protocol HTTP --port 80 --vpc-id $VPC --target-type ip"
                    + " --query 'TargetGroups[0].TargetGroupArn' --output text)",
            "LB=$(aws elbv2 create-load-balancer --name web-alb --type application --subnets $SUBNETS"
                    + " --query 'LoadBalancers[0].LoadBalancerArn' --output text)",
            "PROD=$(aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 80"
                    + " --default-actions Type=forward,TargetGroupArn=$BLUE --query 'Listeners[0].ListenerArn' --output text)",
            "TEST=$(aws elbv2 create-listener --load-balancer-arn $LB --protocol HTTP --port 8080"
                    + " --default-actions Type=forward,TargetGroupArn=$GREEN --query 'Listeners[0].ListenerArn' --output text)",
            "aws ecs create-service --cluster bg --service-name web --task-definition web:1 --desired-count 2"
                    + " --launch-type FARGATE --deployment-controller type=CODE_DEPLOY"
                    + " --network-configuration \"awsvpcConfiguration={subnets=[$SUBNET],assignPublicIp=ENABLED}\""
                    + " --load-balancers targetGroupArn=$BLUE,containerName=web,containerPort=80",
            "ecslabs clock advance --seconds 180",
            "aws deploy create-application --application-name web-app --compute-platform ECS",
            "aws deploy create-deployment-group --application-name web-app --deployment-group-name web-dg"
                    + " --service-role-arn arn:aws:iam::000000000000:role/ecsCodeDeployRole"
                    + " --ecs-services serviceName=web,clusterName=bg"
                    + " --deployment-config-name CodeDeployDefault.ECSLinear10PercentEvery1Minutes"
                    + " --deployment-style deploymentType=BLUE_GREEN,deploymentOption=WITH_TRAFFIC_CONTROL"
                    + " --blue-green-deployment-configuration \"terminateBlueInstancesOnDeploymentSuccess={action=TERMINATE,"
                    + "terminationWaitTimeInMinutes=5},deploymentReadyOption={actionOnTimeout=CONTINUE_DEPLOYMENT}\""
                    + " --load-balancer-info \"targetGroupPairInfoList=[{targetGroups=[{name=blue},{name=green}],"
                    + "prodTrafficRoute={listenerArns=[$PROD]},testTrafficRoute={listenerArns=[$TEST]}}]\"",
            "TD=$(aws ecs register-task-definition --family web --requires-compatibilities FARGATE --network-mode awsvpc"
                    + " --cpu 256 --memory 512 --query taskDefinition.taskDefinitionArn --output text"
                    + " --container-definitions '[{\"name\":\"web\",\"image\":\"nginx:1.27\",\"essential\":true,"
                    + "\"portMappings\":[{\"containerPort\":80}]}]')",
            "APPSPEC=\"{\\\"version\\\":0.0,\\\"Resources\\\":[{\\\"TargetService\\\":{\\\"Type\\\":\\\"AWS::ECS::Service\\\","
                    + "\\\"Properties\\\":{\\\"TaskDefinition\\\":\\\"$TD\\\",\\\"LoadBalancerInfo\\\":{\\\"ContainerName\\\":"
                    + "\\\"web\\\",\\\"ContainerPort\\\":80}}}}]}\"",
            "aws deploy create-deployment --application-name web-app --deployment-group-name web-dg"
                    + " --revision \"revisionType=AppSpecContent,appSpecContent={content='$APPSPEC'}\"");

    /** The weight of {@code name} in the production listener's split, or -1 when it is not shown. */
    private static double productionWeight(JsonNode state, String name) {
        for (JsonNode split : state.get("trafficSplits")) {
            if (split.get("source").asText().endsWith(":80")) {
                for (JsonNode share : split.get("shares")) {
                    if (share.get("name").asText().equals(name)) {
                        return share.get("weight").asDouble();
                    }
                }
            }
        }
        return -1;
    }

    @Test
    void theLiveViewShowsTheProductionSplitMovingFromBlueToGreen() {
        AppContext context = TestApp.context(dataDir);
        try {
            JavalinTest.test(App.create(context), (server, client) -> {
                ConsoleClient console = new ConsoleClient(server.port());
                for (String command : SETUP) {
                    console.ok(command);
                }
                List<Double> green = new ArrayList<>();
                console.ok("ecslabs clock advance --seconds 300");
                green.add(productionWeight(console.state(null), "green"));
                console.ok("ecslabs clock advance --seconds 180");
                green.add(productionWeight(console.state(null), "green"));
                console.ok("ecslabs clock advance --seconds 600");
                JsonNode done = console.state(null);
                green.add(productionWeight(done, "green"));

                assertThat(green.get(0)).as("green's share part-way").isGreaterThan(0).isLessThan(100);
                assertThat(green.get(1)).as("green's share later").isGreaterThan(green.get(0));
                // At the end the listener forwards to green alone: the view shows no split, or green at 100.
                assertThat(green.get(2)).as("green's share at the end").isIn(100.0, -1.0);
                assertThat(productionWeight(done, "blue")).as("blue's share at the end").isIn(0.0, -1.0);
            });
        } finally {
            context.close();
        }
    }
}
