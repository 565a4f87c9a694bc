package org.ecslabs.simulator.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ecslabs.simulator.support.Boto3Scenario;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenario with boto3 as a user writes it: a VPC with a public and a private subnet; a
 * task in the private subnet cannot pull its image until a NAT gateway routes it out; then three
 * instances from a launch template join the cluster, and one leaves when it is terminated.
 */
class VpcAndInstancesScenarioTest {
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
    void aVpcWithPublicAndPrivateSubnetsANatAndThreeInstancesJoiningACluster() {
        List<String> printed = Boto3Scenario.run(simulator, """
                import base64
                ec2, ecs, ssm = boto3.client("ec2"), boto3.client("ecs"), boto3.client("ssm")

                vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
                public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
                private = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
                igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
                ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
                public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
                ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
                ec2.associate_route_table(RouteTableId=public_rt, SubnetId=public)
                private_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
                ec2.associate_route_table(RouteTableId=private_rt, SubnetId=private)
                sg = ec2.create_security_group(GroupName="ecs-hosts", Description="ECS hosts", VpcId=vpc)["GroupId"]
                ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
                    {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "UserIdGroupPairs": [{"GroupId": sg}]}])
                rules = ec2.describe_security_groups(GroupIds=[sg])["SecurityGroups"][0]["IpPermissions"]
                assert rules[0]["UserIdGroupPairs"][0]["GroupId"] == sg, rules

                ecs.create_cluster(clusterName="lab")
                ecs.register_task_definition(family="web", requiresCompatibilities=["FARGATE"], networkMode="awsvpc",
                    cpu="256", memory="512", containerDefinitions=[{"name": "web", "image": "nginx:1.27", "essential": True}])
                network = {"awsvpcConfiguration": {"subnets": [private], "securityGroups": [sg]}}
                task = ecs.run_task(cluster="lab", taskDefinition="web", launchType="FARGATE",
                    networkConfiguration=network)["tasks"][0]["taskArn"]
                advance(40)
                stopped = ecs.describe_tasks(cluster="lab", tasks=[task])["tasks"][0]
                print(stopped["lastStatus"], stopped["stopCode"])
                print(stopped["stoppedReason"])

                eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
                nat = ec2.create_nat_gateway(SubnetId=public, AllocationId=eip)["NatGateway"]["NatGatewayId"]
                ec2.create_route(RouteTableId=private_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
                print(ec2.describe_nat_gateways(NatGatewayIds=[nat])["NatGateways"][0]["State"])
                advance(60)
                print(ec2.describe_nat_gateways(NatGatewayIds=[nat])["NatGateways"][0]["State"])
                task = ecs.run_task(cluster="lab", taskDefinition="web", launchType="FARGATE",
                    networkConfiguration=network)["tasks"][0]["taskArn"]
                advance(40)
                print(ecs.describe_tasks(cluster="lab", tasks=[task])["tasks"][0]["lastStatus"])

                ami = ssm.get_parameter(Name="/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id")["Parameter"]["Value"]
                user_data = base64.b64encode(b"#!/bin/bash\\necho ECS_CLUSTER=lab >> /etc/ecs/ecs.config\\n").decode()
                ec2.create_launch_template(LaunchTemplateName="ecs-lab", LaunchTemplateData={
                    "ImageId": ami, "InstanceType": "t3.medium", "UserData": user_data,
                    "IamInstanceProfile": {"Name": "ecsInstanceRole"}, "SecurityGroupIds": [sg]})
                launched = ec2.run_instances(LaunchTemplate={"LaunchTemplateName": "ecs-lab"}, SubnetId=private,
                    MinCount=3, MaxCount=3)["Instances"]
                print(" ".join(i["State"]["Name"] for i in launched))
                advance(40)
                running = ec2.describe_instances(Filters=[{"Name": "instance-state-name", "Values": ["running"]}])
                print(sum(len(r["Instances"]) for r in running["Reservations"]), "running")
                arns = ecs.list_container_instances(cluster="lab")["containerInstanceArns"]
                for ci in ecs.describe_container_instances(cluster="lab", containerInstances=arns)["containerInstances"]:
                    resources = {r["name"]: r.get("integerValue") for r in ci["registeredResources"]}
                    print(ci["ec2InstanceId"], ci["status"], resources["CPU"], resources["MEMORY"])

                ec2.terminate_instances(InstanceIds=[launched[0]["InstanceId"]])
                advance(15)
                print(len(ecs.list_container_instances(cluster="lab", status="ACTIVE")["containerInstanceArns"]), "active")
                gone = ec2.describe_instances(InstanceIds=[launched[0]["InstanceId"]])["Reservations"][0]["Instances"][0]
                print(gone["State"]["Name"])
                """);
        assertThat(printed.get(0)).isEqualTo("STOPPED TaskFailedToStart");
        assertThat(printed.get(1)).isEqualTo("CannotPullContainerError: pull image manifest has been retried 7 time(s): "
                + "failed to resolve ref docker.io/library/nginx:1.27: failed to do request: "
                + "Head \"https://registry-1.docker.io/v2/library/nginx/manifests/1.27\": dial tcp 44.208.254.194:443: i/o timeout");
        assertThat(printed.subList(2, 6)).containsExactly("pending", "available", "RUNNING", "pending pending pending");
        assertThat(printed.get(6)).isEqualTo("3 running");
        assertThat(printed.subList(7, 10)).allMatch(line -> line.matches("i-[0-9a-f]{17} ACTIVE 2048 3912"));
        assertThat(printed.subList(10, 12)).containsExactly("2 active", "terminated");
    }
}
