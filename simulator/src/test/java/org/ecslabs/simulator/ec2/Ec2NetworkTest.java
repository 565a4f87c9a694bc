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
}
