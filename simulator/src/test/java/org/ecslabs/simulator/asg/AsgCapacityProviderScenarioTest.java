package org.ecslabs.simulator.asg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ecslabs.simulator.support.Boto3Scenario;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenario with boto3: an Auto Scaling group capacity provider with managed scaling
 * grows from 0 to 3 instances when a service of 6 tasks starts, and back to 0 when it stops.
 */
class AsgCapacityProviderScenarioTest {
    static SimulatorFixture simulator;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.paused();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void anAsgCapacityProviderScalesFromZeroToThreeInstancesAndBack() {
        List<String> printed = Boto3Scenario.run(simulator, """
                import base64
                ec2, ecs, asg, cw = boto3.client("ec2"), boto3.client("ecs"), boto3.client("autoscaling"), boto3.client("cloudwatch")
                ami = boto3.client("ssm").get_parameter(
                    Name="/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id")["Parameter"]["Value"]
                user_data = base64.b64encode(b"#!/bin/bash\\necho ECS_CLUSTER=scaling >> /etc/ecs/ecs.config\\n").decode()
                ec2.create_launch_template(LaunchTemplateName="ecs-hosts", LaunchTemplateData={
                    "ImageId": ami, "InstanceType": "t3.medium", "UserData": user_data})
                subnets = [s["SubnetId"] for s in ec2.describe_subnets(
                    Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]]
                asg.create_auto_scaling_group(AutoScalingGroupName="ecs-hosts", MinSize=0, MaxSize=5, DesiredCapacity=0,
                    LaunchTemplate={"LaunchTemplateName": "ecs-hosts", "Version": "$Latest"},
                    VPCZoneIdentifier=",".join(subnets), NewInstancesProtectedFromScaleIn=True)
                group_arn = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["ecs-hosts"])["AutoScalingGroups"][0]["AutoScalingGroupARN"]
                ecs.create_capacity_provider(name="hosts", autoScalingGroupProvider={"autoScalingGroupArn": group_arn,
                    "managedScaling": {"status": "ENABLED", "targetCapacity": 100},
                    "managedTerminationProtection": "ENABLED"})
                ecs.create_cluster(clusterName="scaling", capacityProviders=["hosts"],
                    defaultCapacityProviderStrategy=[{"capacityProvider": "hosts", "weight": 1}])
                ecs.register_task_definition(family="worker", requiresCompatibilities=["EC2"], networkMode="bridge",
                    containerDefinitions=[{"name": "worker", "image": "busybox", "cpu": 1024, "memory": 1024, "essential": True}])
                ecs.create_service(cluster="scaling", serviceName="workers", taskDefinition="worker", desiredCount=6)

                def group():
                    g = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["ecs-hosts"])["AutoScalingGroups"][0]
                    return g["DesiredCapacity"], len([i for i in g["Instances"] if i["LifecycleState"] == "InService"])
                advance(60)
                print("desired %d in service %d" % group())
                advance(60)
                print("desired %d in service %d" % group())
                service = ecs.describe_services(cluster="scaling", services=["workers"])["services"][0]
                print("running", service["runningCount"], "pending", service["pendingCount"])
                advance(60)
                service = ecs.describe_services(cluster="scaling", services=["workers"])["services"][0]
                print("running", service["runningCount"])
                protected = asg.describe_auto_scaling_instances()["AutoScalingInstances"]
                print("protected", sum(1 for i in protected if i["ProtectedFromScaleIn"]))
                points = cw.get_metric_statistics(Namespace="AWS/ECS/ManagedScaling", MetricName="CapacityProviderReservation",
                    Dimensions=[{"Name": "CapacityProviderName", "Value": "hosts"}, {"Name": "ClusterName", "Value": "scaling"}],
                    StartTime="2000-01-01T00:00:00Z", EndTime="2100-01-01T00:00:00Z", Period=2592000, Statistics=["Maximum"])["Datapoints"]
                print("reservation max", max(p["Maximum"] for p in points))

                ecs.update_service(cluster="scaling", service="workers", desiredCount=0)
                advance(120)
                print("desired %d in service %d" % group())
                advance(16 * 60)
                print("desired %d in service %d" % group())
                advance(60)
                print("desired %d in service %d" % group())
                print(len(ecs.list_container_instances(cluster="scaling", status="ACTIVE")["containerInstanceArns"]), "active")
                """);
        assertThat(printed).containsExactly(
                "desired 3 in service 0",
                "desired 3 in service 3",
                "running 6 pending 0",
                "running 6",
                "protected 3",
                "reservation max 200.0",
                "desired 3 in service 3",
                "desired 0 in service 0",
                "desired 0 in service 0",
                "0 active");
    }
}
