package org.ecslabs.simulator.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ecslabs.simulator.ec2.Ec2Network;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Elbv2ServiceTest {
    private final Elbv2Service elb = new Elbv2Service();
    private ManualSandbox sandbox;
    private String vpcId;
    private String subnets;

    @BeforeEach
    void setUp() {
        sandbox = new ManualSandbox(elb);
        vpcId = Subnets.defaultVpcId(sandbox);
        List<String> ids = Ec2Network.defaultSubnets(sandbox).stream().map(subnet -> subnet.subnetId).toList();
        subnets = "[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\"]";
    }

    private JsonNode call(String operation, String json) {
        return sandbox.call(elb, operation, json);
    }

    private String createAlb(String name) {
        return call("CreateLoadBalancer", "{\"Name\":\"" + name + "\",\"Subnets\":" + subnets + "}")
                .at("/LoadBalancers/0/LoadBalancerArn").asText();
    }

    private String createTargetGroup(String name, String targetType) {
        return call("CreateTargetGroup", "{\"Name\":\"" + name + "\",\"Protocol\":\"HTTP\",\"Port\":\"80\",\"VpcId\":\""
                + vpcId + "\",\"TargetType\":\"" + targetType + "\"}").at("/TargetGroups/0/TargetGroupArn").asText();
    }

    private String createListener(String balancerArn, String targetGroupArn) {
        return call("CreateListener", "{\"LoadBalancerArn\":\"" + balancerArn + "\",\"Protocol\":\"HTTP\",\"Port\":\"80\","
                + "\"DefaultActions\":[{\"Type\":\"forward\",\"TargetGroupArn\":\"" + targetGroupArn + "\"}]}")
                .at("/Listeners/0/ListenerArn").asText();
    }

    private JsonNode health(String targetGroupArn) {
        return call("DescribeTargetHealth", "{\"TargetGroupArn\":\"" + targetGroupArn + "\"}").get("TargetHealthDescriptions");
    }

    @Test
    void loadBalancerIsProvisioningThenActiveAndNamesAreUnique() {
        String arn = createAlb("web");
        assertThat(arn).startsWith("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/");
        JsonNode described = call("DescribeLoadBalancers", "{\"Names\":[\"web\"]}").at("/LoadBalancers/0");
        assertThat(described.at("/State/Code").asText()).isEqualTo("provisioning");
        assertThat(described.at("/DNSName").asText()).startsWith("web-").endsWith(".us-east-1.elb.amazonaws.com");
        assertThat(described.get("AvailabilityZones")).hasSize(2);
        sandbox.advance(60);
        assertThat(call("DescribeLoadBalancers", "{}").at("/LoadBalancers/0/State/Code").asText()).isEqualTo("active");

        assertThatThrownBy(() -> createAlb("web")).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code()).isEqualTo("DuplicateLoadBalancerName");
        assertThatThrownBy(() -> call("DescribeLoadBalancers", "{\"Names\":[\"nope\"]}"))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("LoadBalancerNotFound");
        assertThatThrownBy(() -> call("CreateLoadBalancer", "{\"Name\":\"one\",\"Subnets\":[\"subnet-1111\"]}"))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("SubnetNotFound");
        String oneSubnet = subnets.substring(0, subnets.indexOf(',')) + "]";
        assertThatThrownBy(() -> call("CreateLoadBalancer", "{\"Name\":\"one\",\"Subnets\":" + oneSubnet + "}"))
                .hasMessageContaining("At least two subnets");
    }

    @Test
    void describeLoadBalancersPagesWithMarker() {
        for (int i = 0; i < 3; i++) {
            createAlb("lb" + i);
        }
        JsonNode first = call("DescribeLoadBalancers", "{\"PageSize\":\"2\"}");
        assertThat(first.get("LoadBalancers")).hasSize(2);
        String marker = first.get("NextMarker").asText();
        JsonNode second = call("DescribeLoadBalancers", "{\"PageSize\":\"2\",\"Marker\":\"" + marker + "\"}");
        assertThat(second.get("LoadBalancers")).hasSize(1);
        assertThat(second.at("/LoadBalancers/0/LoadBalancerName").asText()).isEqualTo("lb2");
        assertThat(second.has("NextMarker")).isFalse();
    }

    @Test
    void targetGroupHasAwsDefaultsAndCannotBeDeletedWhileInUse() {
        String groupArn = createTargetGroup("blue", "ip");
        JsonNode group = call("DescribeTargetGroups", "{\"Names\":[\"blue\"]}").at("/TargetGroups/0");
        assertThat(group.get("HealthCheckIntervalSeconds").asInt()).isEqualTo(30);
        assertThat(group.get("HealthCheckTimeoutSeconds").asInt()).isEqualTo(5);
        assertThat(group.get("HealthyThresholdCount").asInt()).isEqualTo(5);
        assertThat(group.get("UnhealthyThresholdCount").asInt()).isEqualTo(2);
        assertThat(group.get("HealthCheckPath").asText()).isEqualTo("/");
        assertThat(group.at("/Matcher/HttpCode").asText()).isEqualTo("200");
        assertThat(group.get("TargetType").asText()).isEqualTo("ip");
        JsonNode attributes = call("DescribeTargetGroupAttributes", "{\"TargetGroupArn\":\"" + groupArn + "\"}");
        assertThat(attributes.get("Attributes").findValuesAsText("Key")).contains("deregistration_delay.timeout_seconds");
        assertThat(attributes.get("Attributes").get(0).get("Value").asText()).isEqualTo("300");

        String balancerArn = createAlb("web");
        createListener(balancerArn, groupArn);
        assertThat(call("DescribeTargetGroups", "{}").at("/TargetGroups/0/LoadBalancerArns/0").asText()).isEqualTo(balancerArn);
        assertThatThrownBy(() -> call("DeleteTargetGroup", "{\"TargetGroupArn\":\"" + groupArn + "\"}"))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("ResourceInUse");
        call("DeleteLoadBalancer", "{\"LoadBalancerArn\":\"" + balancerArn + "\"}");
        call("DeleteTargetGroup", "{\"TargetGroupArn\":\"" + groupArn + "\"}");
        assertThatThrownBy(() -> call("DescribeTargetGroups", "{\"TargetGroupArns\":[\"" + groupArn + "\"]}"))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("TargetGroupNotFound");
    }

    @Test
    void targetsGoThroughHealthStatesOnTheClock() {
        String groupArn = createTargetGroup("blue", "ip");
        call("ModifyTargetGroupAttributes", "{\"TargetGroupArn\":\"" + groupArn + "\",\"Attributes\":"
                + "[{\"Key\":\"deregistration_delay.timeout_seconds\",\"Value\":\"30\"}]}");
        call("RegisterTargets", "{\"TargetGroupArn\":\"" + groupArn + "\",\"Targets\":[{\"Id\":\"10.0.1.5\"}]}");
        assertThat(health(groupArn).at("/0/TargetHealth/State").asText()).isEqualTo("unused");
        assertThat(health(groupArn).at("/0/TargetHealth/Reason").asText()).isEqualTo("Target.NotInUse");
        assertThat(health(groupArn).at("/0/Target/Port").asInt()).isEqualTo(80);

        createListener(createAlb("web"), groupArn);
        assertThat(health(groupArn).at("/0/TargetHealth/State").asText()).isEqualTo("initial");
        assertThat(health(groupArn).at("/0/TargetHealth/Reason").asText()).isEqualTo("Elb.RegistrationInProgress");
        sandbox.advance(149);
        assertThat(health(groupArn).at("/0/TargetHealth/State").asText()).isEqualTo("initial");
        sandbox.advance(1);
        assertThat(health(groupArn).at("/0/TargetHealth/State").asText()).isEqualTo("healthy");
        assertThat(health(groupArn).at("/0/TargetHealth").has("Reason")).isFalse();

        call("SetTargetHealth", "{\"targetGroupArn\":\"" + groupArn + "\",\"targetId\":\"10.0.1.5\",\"healthy\":false}");
        sandbox.advance(59);
        assertThat(health(groupArn).at("/0/TargetHealth/State").asText()).isEqualTo("healthy");
        sandbox.advance(1);
        assertThat(health(groupArn).at("/0/TargetHealth/State").asText()).isEqualTo("unhealthy");
        assertThat(health(groupArn).at("/0/TargetHealth/Reason").asText()).isEqualTo("Target.ResponseCodeMismatch");

        call("DeregisterTargets", "{\"TargetGroupArn\":\"" + groupArn + "\",\"Targets\":[{\"Id\":\"10.0.1.5\"}]}");
        assertThat(health(groupArn).at("/0/TargetHealth/State").asText()).isEqualTo("draining");
        assertThat(health(groupArn).at("/0/TargetHealth/Reason").asText()).isEqualTo("Target.DeregistrationInProgress");
        sandbox.advance(30);
        assertThat(health(groupArn)).isEmpty();
    }

    @Test
    void askingForAnUnregisteredTargetSaysSo() {
        String groupArn = createTargetGroup("blue", "instance");
        JsonNode described = call("DescribeTargetHealth", "{\"TargetGroupArn\":\"" + groupArn
                + "\",\"Targets\":[{\"Id\":\"i-0123456789abcdef0\"}]}").get("TargetHealthDescriptions");
        assertThat(described.at("/0/TargetHealth/Reason").asText()).isEqualTo("Target.NotRegistered");
        assertThatThrownBy(() -> call("RegisterTargets", "{\"TargetGroupArn\":\"" + groupArn
                + "\",\"Targets\":[{\"Id\":\"10.0.0.1\"}]}")).extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidTarget");
    }

    @Test
    void weightedForwardAndRules() {
        String balancerArn = createAlb("web");
        String blue = createTargetGroup("blue", "ip");
        String green = createTargetGroup("green", "ip");
        String listenerArn = call("CreateListener", "{\"LoadBalancerArn\":\"" + balancerArn + "\",\"Port\":\"80\",\"Protocol\":\"HTTP\","
                + "\"DefaultActions\":[{\"Type\":\"forward\",\"ForwardConfig\":{\"TargetGroups\":["
                + "{\"TargetGroupArn\":\"" + blue + "\",\"Weight\":\"90\"},{\"TargetGroupArn\":\"" + green + "\",\"Weight\":\"10\"}]}}]}")
                .at("/Listeners/0/ListenerArn").asText();
        JsonNode action = call("DescribeListeners", "{\"LoadBalancerArn\":\"" + balancerArn + "\"}").at("/Listeners/0/DefaultActions/0");
        assertThat(action.has("TargetGroupArn")).isFalse();
        assertThat(action.at("/ForwardConfig/TargetGroups/1/Weight").asInt()).isEqualTo(10);
        assertThatThrownBy(() -> call("CreateListener", "{\"LoadBalancerArn\":\"" + balancerArn + "\",\"Port\":\"80\","
                + "\"DefaultActions\":[{\"Type\":\"forward\",\"TargetGroupArn\":\"" + blue + "\"}]}"))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("DuplicateListener");

        String apiRule = call("CreateRule", "{\"ListenerArn\":\"" + listenerArn + "\",\"Priority\":\"10\","
                + "\"Conditions\":[{\"Field\":\"path-pattern\",\"PathPatternConfig\":{\"Values\":[\"/api/*\"]}}],"
                + "\"Actions\":[{\"Type\":\"forward\",\"TargetGroupArn\":\"" + green + "\"}]}").at("/Rules/0/RuleArn").asText();
        assertThatThrownBy(() -> call("CreateRule", "{\"ListenerArn\":\"" + listenerArn + "\",\"Priority\":\"10\","
                + "\"Conditions\":[{\"Field\":\"host-header\",\"Values\":[\"a.example.com\"]}],"
                + "\"Actions\":[{\"Type\":\"forward\",\"TargetGroupArn\":\"" + green + "\"}]}"))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("PriorityInUse");
        call("SetRulePriorities", "{\"RulePriorities\":[{\"RuleArn\":\"" + apiRule + "\",\"Priority\":\"5\"}]}");
        JsonNode rules = call("DescribeRules", "{\"ListenerArn\":\"" + listenerArn + "\"}").get("Rules");
        assertThat(rules).hasSize(2);
        assertThat(rules.at("/0/Priority").asText()).isEqualTo("5");
        assertThat(rules.at("/0/Conditions/0/Values/0").asText()).isEqualTo("/api/*");
        assertThat(rules.at("/1/IsDefault").asBoolean()).isTrue();
        assertThat(rules.at("/1/Priority").asText()).isEqualTo("default");

        call("DeleteRule", "{\"RuleArn\":\"" + apiRule + "\"}");
        call("ModifyListener", "{\"ListenerArn\":\"" + listenerArn + "\",\"DefaultActions\":[{\"Type\":\"forward\",\"TargetGroupArn\":\"" + blue + "\"}]}");
        call("DeleteTargetGroup", "{\"TargetGroupArn\":\"" + green + "\"}");
        String other = createAlb("other");
        assertThatThrownBy(() -> createListener(other, blue))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("TargetGroupAssociationLimit");
    }

    @Test
    void tagsAreAddedDescribedAndRemoved() {
        String arn = createAlb("web");
        call("AddTags", "{\"ResourceArns\":[\"" + arn + "\"],\"Tags\":[{\"Key\":\"team\",\"Value\":\"blue\"},{\"Key\":\"env\",\"Value\":\"lab\"}]}");
        call("RemoveTags", "{\"ResourceArns\":[\"" + arn + "\"],\"TagKeys\":[\"env\"]}");
        JsonNode tags = call("DescribeTags", "{\"ResourceArns\":[\"" + arn + "\"]}").at("/TagDescriptions/0/Tags");
        assertThat(tags).hasSize(1);
        assertThat(tags.at("/0/Key").asText()).isEqualTo("team");
    }

    @Test
    void securityGroupsSubnetsAndLimitsOfALoadBalancer() {
        String arn = createAlb("web");
        JsonNode groups = call("SetSecurityGroups", "{\"LoadBalancerArn\":\"" + arn + "\",\"SecurityGroups\":[\"sg-0123\"]}");
        assertThat(groups.at("/SecurityGroupIds/0").asText()).isEqualTo("sg-0123");
        assertThat(call("DescribeLoadBalancers", "{}").at("/LoadBalancers/0/SecurityGroups/0").asText()).isEqualTo("sg-0123");
        JsonNode zones = call("SetSubnets", "{\"LoadBalancerArn\":\"" + arn + "\",\"Subnets\":" + subnets + "}");
        assertThat(zones.get("AvailabilityZones")).hasSize(2);
        assertThatThrownBy(() -> call("SetSubnets", "{\"LoadBalancerArn\":\"" + arn + "\",\"Subnets\":[\"subnet-nope\"]}"))
                .extracting(e -> ((AwsException) e).code()).isEqualTo("SubnetNotFound");
        assertThat(call("DescribeAccountLimits", "{}").get("Limits").findValuesAsText("Name")).contains("target-groups");
    }
}
