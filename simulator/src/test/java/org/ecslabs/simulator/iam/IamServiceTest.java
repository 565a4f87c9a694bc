package org.ecslabs.simulator.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.ecslabs.simulator.testing.Calls;
import org.ecslabs.simulator.testing.ManualSandbox;
import org.junit.jupiter.api.Test;

class IamServiceTest {
    static final String TRUST_ECS_TASKS = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
            + "'Principal':{'Service':'ecs-tasks.amazonaws.com'},'Action':'sts:AssumeRole'}]}";

    // A test below holds a Role from IamState across calls; the engine, too, keeps live state between calls.
    private final ManualSandbox sandbox = new ManualSandbox().keepingLiveStates();
    private final Calls iam = new Calls(new IamService(), sandbox);

    @Test
    void createdRoleHasGlobalArnAndUrlEncodedTrustPolicy() {
        JsonNode role = iam.call("CreateRole", "{'RoleName':'exec','AssumeRolePolicyDocument':\""
                + TRUST_ECS_TASKS.replace("'", "\\'") + "\"}").path("Role");

        assertThat(role.path("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:role/exec");
        assertThat(role.path("RoleId").asText()).startsWith("AROA").hasSize(21);
        String encoded = role.path("AssumeRolePolicyDocument").asText();
        assertThat(encoded).startsWith("%7B");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).contains("ecs-tasks.amazonaws.com");
        assertThat(iam.call("ListRoles", "{}").path("Roles")).hasSize(1);
    }

    @Test
    void errorsAreWordedAsIamWordsThem() {
        createExecRole();
        assertThat(iam.error("GetRole", "{'RoleName':'nope'}").getMessage())
                .isEqualTo("The role with name nope cannot be found.");
        assertThat(iam.error("CreateRole", "{'RoleName':'exec','AssumeRolePolicyDocument':'{}'}").code())
                .isEqualTo("MalformedPolicyDocument");
        assertThat(iam.error("CreateRole", "{'RoleName':'x','AssumeRolePolicyDocument':'not json'}").code())
                .isEqualTo("MalformedPolicyDocument");
        iam.call("AttachRolePolicy", "{'RoleName':'exec','PolicyArn':'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'}");
        assertThat(iam.error("DeleteRole", "{'RoleName':'exec'}").code()).isEqualTo("DeleteConflict");
        assertThat(iam.error("AttachRolePolicy", "{'RoleName':'exec','PolicyArn':'arn:aws:iam::aws:policy/Nope'}").code())
                .isEqualTo("NoSuchEntity");
        // No instance profiles are simulated: a role is in none, and a missing role is still an error.
        assertThat(iam.call("ListInstanceProfilesForRole", "{'RoleName':'exec'}").path("InstanceProfiles")).isEmpty();
        assertThat(iam.error("ListInstanceProfilesForRole", "{'RoleName':'nope'}").code()).isEqualTo("NoSuchEntity");
    }

    @Test
    void managedAndInlinePoliciesDecideWithExplicitDenyWinning() {
        createExecRole();
        IamState.Role role = IamState.of(sandbox).find("exec");
        assertThat(PolicyEvaluator.trustsService(role, "ecs-tasks.amazonaws.com")).isTrue();
        assertThat(PolicyEvaluator.allows(IamState.of(sandbox), role, "logs:PutLogEvents", "arn:aws:logs:us-east-1:000000000000:log-group:x")).isFalse();

        iam.call("AttachRolePolicy", "{'RoleName':'exec','PolicyArn':'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'}");
        assertThat(iam.call("ListAttachedRolePolicies", "{'RoleName':'exec'}").path("AttachedPolicies").get(0).path("PolicyName").asText())
                .isEqualTo("AmazonECSTaskExecutionRolePolicy");
        assertThat(PolicyEvaluator.allows(IamState.of(sandbox), role, "logs:PutLogEvents", "arn:aws:logs:us-east-1:000000000000:log-group:x")).isTrue();
        assertThat(PolicyEvaluator.allows(IamState.of(sandbox), role, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf")).isFalse();

        iam.call("PutRolePolicy", "{'RoleName':'exec','PolicyName':'secrets','PolicyDocument':\"{\\\"Version\\\":\\\"2012-10-17\\\","
                + "\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"secretsmanager:Get*\\\",\\\"Resource\\\":\\\"arn:aws:secretsmanager:*:*:secret:db-*\\\"},"
                + "{\\\"Effect\\\":\\\"Deny\\\",\\\"Action\\\":\\\"logs:*\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}");
        assertThat(PolicyEvaluator.allows(IamState.of(sandbox), role, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCdEf")).isTrue();
        assertThat(PolicyEvaluator.allows(IamState.of(sandbox), role, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:000000000000:secret:api-AbCdEf")).isFalse();
        assertThat(PolicyEvaluator.evaluate(IamState.of(sandbox), role, "logs:PutLogEvents", "arn:aws:logs:us-east-1:000000000000:log-group:x"))
                .isEqualTo(PolicyEvaluator.Decision.EXPLICIT_DENY);
        assertThat(iam.call("ListRolePolicies", "{'RoleName':'exec'}").path("PolicyNames").get(0).asText()).isEqualTo("secrets");
        assertThat(iam.call("GetRolePolicy", "{'RoleName':'exec','PolicyName':'secrets'}").path("PolicyDocument").asText()).startsWith("%7B");

        iam.call("DeleteRolePolicy", "{'RoleName':'exec','PolicyName':'secrets'}");
        iam.call("DetachRolePolicy", "{'RoleName':'exec','PolicyArn':'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'}");
        iam.call("DeleteRole", "{'RoleName':'exec'}");
        assertThat(iam.call("ListRoles", "{}").path("Roles")).isEmpty();
    }

    private void createExecRole() {
        iam.call("CreateRole", "{'RoleName':'exec','AssumeRolePolicyDocument':\"" + TRUST_ECS_TASKS.replace("'", "\\'") + "\"}");
    }

    @Test
    void customerManagedPoliciesAttachAndGrant() {
        createExecRole();
        String arn = iam.call("CreatePolicy", "{'PolicyName':'read-db','PolicyDocument':\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
                + "\\\"Action\\\":\\\"secretsmanager:GetSecretValue\\\",\\\"Resource\\\":\\\"*\\\"}]}\"}").path("Policy").path("Arn").asText();
        assertThat(arn).isEqualTo("arn:aws:iam::000000000000:policy/read-db");
        iam.call("AttachRolePolicy", "{'RoleName':'exec','PolicyArn':'" + arn + "'}");
        IamState.Role role = IamState.of(sandbox).find("exec");
        assertThat(PolicyEvaluator.allows(IamState.of(sandbox), role, "secretsmanager:GetSecretValue", "arn:x")).isTrue();
        assertThat(iam.call("GetPolicy", "{'PolicyArn':'" + arn + "'}").path("Policy").path("AttachmentCount").asInt()).isEqualTo(1);
        assertThat(iam.call("ListPolicies", "{'Scope':'Local'}").path("Policies")).hasSize(1);
        assertThat(iam.call("GetPolicyVersion", "{'PolicyArn':'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy','VersionId':'v1'}")
                .path("PolicyVersion").path("Document").asText()).contains("logs%3APutLogEvents");
        assertThat(iam.error("DeletePolicy", "{'PolicyArn':'" + arn + "'}").code()).isEqualTo("DeleteConflict");
    }

    @Test
    void serviceLinkedRoleForEcsIsCreatedOnce() {
        JsonNode role = iam.call("CreateServiceLinkedRole", "{'AWSServiceName':'ecs.amazonaws.com'}").path("Role");
        assertThat(role.path("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS");
        assertThat(iam.error("CreateServiceLinkedRole", "{'AWSServiceName':'ecs.amazonaws.com'}").code()).isEqualTo("InvalidInput");
        assertThat(IamState.of(sandbox).findByArn("000000000000", role.path("Arn").asText())).isNotNull();
    }
}
