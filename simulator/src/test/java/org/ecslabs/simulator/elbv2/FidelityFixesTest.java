package org.ecslabs.simulator.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ecslabs.simulator.support.Boto3Scenario;
import org.ecslabs.simulator.support.SimulatorFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fidelity gaps issue 15 lists, seen from boto3 (whose parser checks every response against the
 * model): http-header and query-string conditions keep their configs, AuthenticationRequestExtraParams
 * comes back as a map, target group attributes are checked, and ECS's familyPrefix, Fargate pidMode
 * and the =~ operator of memberOf behave as in AWS.
 */
class FidelityFixesTest {
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
    void loadBalancerRulesAttributesAndEcsChecksMatchAws() {
        List<String> printed = Boto3Scenario.run(simulator, """
                ec2, elb, ecs = boto3.client("ec2"), boto3.client("elbv2"), boto3.client("ecs")
                def error(call, **kwargs):
                    try:
                        call(**kwargs)
                        return "no error"
                    except Exception as e:
                        return e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]
                subnets = [s["SubnetId"] for s in ec2.describe_subnets(
                    Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]]
                vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
                lb = elb.create_load_balancer(Name="web", Subnets=subnets[:2])["LoadBalancers"][0]["LoadBalancerArn"]
                tg = elb.create_target_group(Name="web", Protocol="HTTP", Port=80, VpcId=vpc, TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
                listener = elb.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80,
                    DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])["Listeners"][0]["ListenerArn"]
                rule = elb.create_rule(ListenerArn=listener, Priority=10, Actions=[{"Type": "forward", "TargetGroupArn": tg}],
                    Conditions=[{"Field": "http-header", "HttpHeaderConfig": {"HttpHeaderName": "X-Beta", "Values": ["on"]}},
                                {"Field": "query-string", "QueryStringConfig": {"Values": [{"Key": "version", "Value": "2"}]}}])["Rules"][0]
                print(rule["Conditions"][0]["HttpHeaderConfig"])
                print(rule["Conditions"][1]["QueryStringConfig"])
                print(error(elb.create_rule, ListenerArn=listener, Priority=11, Actions=[{"Type": "forward", "TargetGroupArn": tg}],
                    Conditions=[]))
                oidc = elb.create_rule(ListenerArn=listener, Priority=20, Conditions=[{"Field": "path-pattern", "Values": ["/admin/*"]}],
                    Actions=[{"Type": "authenticate-oidc", "Order": 1, "AuthenticateOidcConfig": {"Issuer": "https://idp.example.com",
                        "AuthorizationEndpoint": "https://idp.example.com/auth", "TokenEndpoint": "https://idp.example.com/token",
                        "UserInfoEndpoint": "https://idp.example.com/user", "ClientId": "lab", "ClientSecret": "s3cret",
                        "AuthenticationRequestExtraParams": {"prompt": "login", "display": "page"}}},
                        {"Type": "forward", "Order": 2, "TargetGroupArn": tg}])["Rules"][0]
                print(sorted(oidc["Actions"][0]["AuthenticateOidcConfig"]["AuthenticationRequestExtraParams"].items()))

                def attribute(key, value):
                    return error(elb.modify_target_group_attributes, TargetGroupArn=tg, Attributes=[{"Key": key, "Value": value}])
                print(attribute("stickiness.lb_cookie.duration_seconds", "0"))
                print(attribute("deregistration_delay.timeout_seconds", "4000"))
                print(attribute("stickiness.type", "source_ip"))
                print(attribute("stickiness.colour", "blue"))
                print(attribute("deregistration_delay.timeout_seconds", "30"))

                ecs.register_task_definition(family="web", containerDefinitions=[{"name": "web", "image": "nginx", "memory": 128}])
                ecs.register_task_definition(family="web-worker", containerDefinitions=[{"name": "w", "image": "nginx", "memory": 128}])
                print(len(ecs.list_task_definitions(familyPrefix="web")["taskDefinitionArns"]),
                      len(ecs.list_task_definition_families(familyPrefix="web")["families"]))
                print(error(ecs.register_task_definition, family="host-pid", requiresCompatibilities=["FARGATE"],
                    networkMode="awsvpc", cpu="256", memory="512", pidMode="host",
                    containerDefinitions=[{"name": "web", "image": "nginx"}]))
                ecs.create_cluster(clusterName="placement")
                ami = boto3.client("ssm").get_parameter(
                    Name="/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id")["Parameter"]["Value"]
                ec2.run_instances(ImageId=ami, InstanceType="t3.small", MinCount=1, MaxCount=1,
                    UserData="#!/bin/bash\\necho ECS_CLUSTER=placement >> /etc/ecs/ecs.config")
                advance(40)
                for expression in ["attribute:ecs.instance-type =~ t3.*", "attribute:ecs.instance-type =~ m5\\..*"]:
                    result = ecs.run_task(cluster="placement", taskDefinition="web",
                        placementConstraints=[{"type": "memberOf", "expression": expression}])
                    print(len(result["tasks"]), [f["reason"] for f in result["failures"]])
                """);
        assertThat(printed).containsExactly(
                "{'HttpHeaderName': 'X-Beta', 'Values': ['on']}",
                "{'Values': [{'Key': 'version', 'Value': '2'}]}",
                "ValidationError: A rule must have at least one condition",
                "[('display', 'page'), ('prompt', 'login')]",
                "ValidationError: Stickiness duration must be between 1 and 604800 seconds (7 days)",
                "ValidationError: Deregistration delay must be between 0 and 3600 seconds",
                "ValidationError: Stickiness type 'source_ip' is not supported for target groups with the HTTP protocol; "
                        + "use one of [lb_cookie, app_cookie]",
                "ValidationError: Attribute key 'stickiness.colour' is not recognized",
                "no error",
                "1 2",
                "ClientException: The 'host' pidMode is not supported on Fargate. Use 'task' or leave pidMode unset.",
                "1 []",
                "0 ['MemberOf placement constraint unsatisfied.']");
    }
}
