package org.ecslabs.simulator.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.junit.jupiter.api.Test;

class Ec2NetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Ec2Service ec2 = new Ec2Service();
    private final Sandbox sandbox = new Sandbox() {
        private final Map<Class<?>, Object> states = new HashMap<>();
        private final Random random = new Random(7);

        @Override
        public String accountId() {
            return "000000000000";
        }

        @Override
        public String region() {
            return "eu-west-2";
        }

        @Override
        public Instant now() {
            return Instant.parse("2026-01-05T10:00:00Z");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T state(Class<T> type) {
            return (T) states.computeIfAbsent(type, t -> new Ec2State());
        }

        @Override
        public String newId() {
            return String.format("%016x%016x", random.nextLong(), random.nextLong());
        }
    };

    private JsonNode call(String operation, String json) {
        try {
            return ec2.call(sandbox, operation, (ObjectNode) JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertError(String operation, String json, String code, String message) {
        assertThatThrownBy(() -> call(operation, json)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void theDefaultVpcIsThereOnFirstUseInTheSandboxRegion() {
        JsonNode vpc = call("DescribeVpcs", "{}").get("vpcSet").get(0);
        assertThat(vpc.get("isDefault").asBoolean()).isTrue();
        assertThat(vpc.get("vpcId").asText()).matches("vpc-[0-9a-f]{17}");
        JsonNode subnets = call("DescribeSubnets", """
                {"Filter": [{"Name": "availability-zone", "Value": ["eu-west-2b"]}]}""").get("subnetSet");
        assertThat(subnets).hasSize(1);
        assertThat(subnets.get(0).get("cidrBlock").asText()).isEqualTo("172.31.16.0/20");
        assertThat(subnets.get(0).get("availabilityZoneId").asText()).isEqualTo("euw2-az2");
        assertThat(call("DescribeSubnets", "{\"Filter\": [{\"Name\": \"vpc-id\", \"Value\": [\"vpc-other\"]}]}").get("subnetSet")).isEmpty();
        assertThat(call("DescribeAvailabilityZones", "{}").get("availabilityZoneInfo")).hasSize(3);
    }

    @Test
    void securityGroupsWithTheirRulesAndAwsErrors() {
        String groupId = call("CreateSecurityGroup", "{\"GroupName\": \"web\", \"GroupDescription\": \"web tier\"}")
                .get("groupId").asText();
        call("AuthorizeSecurityGroupIngress", """
                {"GroupId": "%s", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": "443", "ToPort": "443",
                  "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}""".formatted(groupId));
        assertError("AuthorizeSecurityGroupIngress", """
                {"GroupId": "%s", "IpProtocol": "tcp", "FromPort": "443", "ToPort": "443", "CidrIp": "0.0.0.0/0"}""".formatted(groupId),
                "InvalidPermission.Duplicate",
                "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 443, to port: 443, ALLOW\" already exists");
        JsonNode group = call("DescribeSecurityGroups", "{\"GroupId\": [\"" + groupId + "\"]}").get("securityGroupInfo").get(0);
        assertThat(group.get("ipPermissions").get(0).get("fromPort").asInt()).isEqualTo(443);
        assertThat(group.get("ipPermissionsEgress").get(0).get("ipProtocol").asText()).isEqualTo("-1");
        String defaultId = call("DescribeSecurityGroups", "{\"Filter\": [{\"Name\": \"group-name\", \"Value\": [\"default\"]}]}")
                .get("securityGroupInfo").get(0).get("groupId").asText();
        assertError("DeleteSecurityGroup", "{\"GroupId\": \"" + defaultId + "\"}", "CannotDelete",
                "the specified group: \"" + defaultId + "\" name: \"default\" cannot be deleted by a user");
        assertError("DescribeSecurityGroups", "{\"GroupId\": [\"sg-nope\"]}", "InvalidGroup.NotFound",
                "The security group 'sg-nope' does not exist");
        call("DeleteSecurityGroup", "{\"GroupId\": \"" + groupId + "\"}");
        assertThat(call("DescribeSecurityGroups", "{}").get("securityGroupInfo")).hasSize(1);
        assertError("DescribeSubnets", "{\"SubnetId\": [\"subnet-nope\"]}", "InvalidSubnetID.NotFound",
                "The subnet ID 'subnet-nope' does not exist");
    }

    @Test
    void networkDependenciesAndConflictsGetEc2sErrors() {
        String vpc = call("CreateVpc", "{\"CidrBlock\": \"10.1.0.0/16\"}").get("vpc").get("vpcId").asText();
        assertError("CreateVpc", "{\"CidrBlock\": \"10.0.0.0/8\"}", "InvalidVpc.Range", "The CIDR '10.0.0.0/8' is invalid.");
        String subnet = call("CreateSubnet", "{\"VpcId\": \"%s\", \"CidrBlock\": \"10.1.0.0/24\"}".formatted(vpc))
                .get("subnet").get("subnetId").asText();
        assertError("CreateSubnet", "{\"VpcId\": \"%s\", \"CidrBlock\": \"10.1.0.128/25\"}".formatted(vpc),
                "InvalidSubnet.Conflict", "The CIDR '10.1.0.128/25' conflicts with another subnet");
        assertError("CreateSubnet", "{\"VpcId\": \"%s\", \"CidrBlock\": \"10.2.0.0/24\"}".formatted(vpc),
                "InvalidSubnet.Range", "The CIDR '10.2.0.0/24' is invalid.");
        assertError("DeleteVpc", "{\"VpcId\": \"%s\"}".formatted(vpc), "DependencyViolation",
                "The vpc '" + vpc + "' has dependencies and cannot be deleted.");
        String gateway = call("CreateInternetGateway", "{}").get("internetGateway").get("internetGatewayId").asText();
        call("AttachInternetGateway", "{\"InternetGatewayId\": \"%s\", \"VpcId\": \"%s\"}".formatted(gateway, vpc));
        assertError("DeleteInternetGateway", "{\"InternetGatewayId\": \"%s\"}".formatted(gateway), "DependencyViolation",
                "The internetGateway '" + gateway + "' has dependencies and cannot be deleted.");
        String table = call("DescribeRouteTables", """
                {"Filter": [{"Name": "vpc-id", "Value": ["%s"]}, {"Name": "association.main", "Value": ["true"]}]}""".formatted(vpc))
                .get("routeTableSet").get(0).get("routeTableId").asText();
        assertThat(Ec2Network.imagePullProblem(sandbox, subnet, "nginx")).startsWith("CannotPullContainerError: ");

        // No route out: ECR works through its two interface endpoints and the S3 gateway endpoint.
        String ecrImage = "000000000000.dkr.ecr.eu-west-2.amazonaws.com/web:1";
        call("CreateVpcEndpoint", """
                {"VpcId": "%s", "VpcEndpointType": "Interface", "ServiceName": "com.amazonaws.eu-west-2.ecr.dkr", "SubnetId": ["%s"]}"""
                .formatted(vpc, subnet));
        call("CreateVpcEndpoint", """
                {"VpcId": "%s", "VpcEndpointType": "Interface", "ServiceName": "com.amazonaws.eu-west-2.ecr.api", "SubnetId": ["%s"]}"""
                .formatted(vpc, subnet));
        assertThat(Ec2Network.imagePullProblem(sandbox, subnet, ecrImage)).contains("dial tcp 52.46.145.1:443: i/o timeout");
        call("CreateVpcEndpoint", """
                {"VpcId": "%s", "ServiceName": "com.amazonaws.eu-west-2.s3", "RouteTableId": ["%s"]}""".formatted(vpc, table));
        assertThat(Ec2Network.imagePullProblem(sandbox, subnet, ecrImage)).isNull();
        assertThat(Ec2Network.imagePullProblem(sandbox, subnet, "nginx")).isNotNull();
        JsonNode routes = call("DescribeRouteTables", "{\"RouteTableId\": [\"" + table + "\"]}").get("routeTableSet").get(0).get("routeSet");
        assertThat(routes.get(1).get("destinationPrefixListId").asText()).startsWith("pl-");
        assertError("CreateVpcEndpoint", "{\"VpcId\": \"%s\", \"ServiceName\": \"com.amazonaws.eu-west-2.nope\"}".formatted(vpc),
                "InvalidServiceName", "The Vpc Endpoint Service 'com.amazonaws.eu-west-2.nope' does not exist");

        call("CreateRoute", "{\"RouteTableId\": \"%s\", \"DestinationCidrBlock\": \"0.0.0.0/0\", \"GatewayId\": \"%s\"}"
                .formatted(table, gateway));
        assertThat(Ec2Network.imagePullProblem(sandbox, subnet, "nginx")).isNull();
        assertError("CreateRoute", "{\"RouteTableId\": \"%s\", \"DestinationCidrBlock\": \"0.0.0.0/0\", \"GatewayId\": \"%s\"}"
                .formatted(table, gateway), "RouteAlreadyExists", "The route identified by 0.0.0.0/0 already exists.");
        assertError("RunInstances", "{\"ImageId\": \"ami-0123456789abcdef0\", \"MinCount\": \"1\", \"MaxCount\": \"1\"}",
                "InvalidAMIID.NotFound", "The image id '[ami-0123456789abcdef0]' does not exist");
        assertError("TerminateInstances", "{\"InstanceId\": [\"i-0123456789abcdef0\"]}", "InvalidInstanceID.NotFound",
                "The instance ID 'i-0123456789abcdef0' does not exist");
    }
}
