package org.ecslabs.simulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** Customer managed policies (one version each) and read access to the AWS managed ones. */
final class CustomerPolicies {
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    /** The simulator's AWS managed policies have no history: they are all shown at their first version. */
    private static final long AWS_POLICY_CREATED = Instant.parse("2017-11-17T00:00:00Z").toEpochMilli();

    private CustomerPolicies() {
    }

    static JsonNode create(Sandbox sandbox, IamState state, ObjectNode input) {
        String name = IamService.required(input, "PolicyName", "policyName");
        if (!NAME.matcher(name).matches()) {
            throw IamService.validation(name, "policyName", "[\\w+=,.@-]+");
        }
        String document = IamService.required(input, "PolicyDocument", "policyDocument");
        IamService.validatePolicy(document);
        IamState.CustomerPolicy policy = new IamState.CustomerPolicy();
        policy.policyName = name;
        policy.path = input.path("Path").asText("/");
        policy.description = input.path("Description").asText(null);
        policy.document = document;
        policy.createdMillis = sandbox.now().toEpochMilli();
        policy.policyId = "ANPA" + sandbox.newId().substring(0, 17).toUpperCase(Locale.ROOT);
        String arn = "arn:aws:iam::" + sandbox.accountId() + ":policy" + policy.path + name;
        if (state.policies.containsKey(arn)) {
            throw new AwsException("EntityAlreadyExists", "A policy called " + name + " already exists. Duplicate names are not allowed.", 409);
        }
        state.policies.put(arn, policy);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("Policy", node(state, arn));
        return result;
    }

    static JsonNode get(Sandbox sandbox, IamState state, ObjectNode input) {
        String arn = existing(state, input);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("Policy", node(state, arn));
        return result;
    }

    static JsonNode getVersion(IamState state, ObjectNode input) {
        String arn = existing(state, input);
        String versionId = IamService.required(input, "VersionId", "versionId");
        if (!versionId.equals("v1")) {
            throw new AwsException("NoSuchEntity", "Policy " + arn + " version " + versionId + " does not exist or is not attachable.", 404);
        }
        IamState.CustomerPolicy customer = state.policies.get(arn);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.putObject("PolicyVersion")
                .put("Document", IamService.urlEncode(state.policyDocument(arn)))
                .put("VersionId", "v1")
                .put("IsDefaultVersion", true)
                .put("CreateDate", Instant.ofEpochMilli(customer == null ? AWS_POLICY_CREATED : customer.createdMillis).toString());
        return result;
    }

    static JsonNode list(Sandbox sandbox, IamState state, ObjectNode input) {
        String scope = input.path("Scope").asText("All");
        boolean onlyAttached = input.path("OnlyAttached").asBoolean(false);
        String pathPrefix = input.path("PathPrefix").asText("/");
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("Policies");
        List<String> arns = new ArrayList<>();
        if (!scope.equals("Local")) {
            arns.addAll(ManagedPolicies.arns());
        }
        if (!scope.equals("AWS")) {
            arns.addAll(state.policies.keySet());
        }
        for (String arn : arns) {
            ObjectNode node = node(state, arn);
            if (node.path("Path").asText().startsWith(pathPrefix) && (!onlyAttached || state.attachmentCount(arn) > 0)) {
                node.remove("Description");
                list.add(node);
            }
        }
        result.put("IsTruncated", false);
        return result;
    }

    static JsonNode delete(IamState state, ObjectNode input) {
        String arn = IamService.required(input, "PolicyArn", "policyArn");
        if (!state.policies.containsKey(arn)) {
            throw new AwsException("NoSuchEntity", "Policy " + arn + " was not found.", 404);
        }
        if (state.attachmentCount(arn) > 0) {
            throw new AwsException("DeleteConflict", "Cannot delete a policy attached to entities.", 409);
        }
        state.policies.remove(arn);
        return JsonNodeFactory.instance.objectNode();
    }

    private static String existing(IamState state, ObjectNode input) {
        String arn = IamService.required(input, "PolicyArn", "policyArn");
        if (state.policyDocument(arn) == null) {
            throw new AwsException("NoSuchEntity", "Policy " + arn + " was not found.", 404);
        }
        return arn;
    }

    private static ObjectNode node(IamState state, String arn) {
        IamState.CustomerPolicy customer = state.policies.get(arn);
        ManagedPolicies.ManagedPolicy managed = ManagedPolicies.find(arn);
        long created = customer == null ? AWS_POLICY_CREATED : customer.createdMillis;
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("PolicyName", customer == null ? managed.name() : customer.policyName)
                .put("PolicyId", customer == null ? "ANPA" + Integer.toHexString(arn.hashCode()).toUpperCase(Locale.ROOT) : customer.policyId)
                .put("Arn", arn)
                .put("Path", customer == null ? managed.path() : customer.path)
                .put("DefaultVersionId", "v1")
                .put("AttachmentCount", state.attachmentCount(arn))
                .put("PermissionsBoundaryUsageCount", 0)
                .put("IsAttachable", true);
        if (customer != null && customer.description != null) {
            node.put("Description", customer.description);
        }
        return node.put("CreateDate", Instant.ofEpochMilli(created).toString())
                .put("UpdateDate", Instant.ofEpochMilli(created).toString());
    }
}
