package org.ecslabs.simulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/** IAM roles and their policies, on the query protocol. */
public class IamService implements AwsService {
    public static final String XML_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public String xmlNamespace() {
        return XML_NAMESPACE;
    }

    @Override
    public Class<?> stateType() {
        return IamState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        IamState state = IamState.of(sandbox);
        return switch (operation) {
            case "CreateRole" -> createRole(sandbox, state, input);
            case "GetRole" -> single("Role", roleNode(sandbox, role(state, input), true));
            case "ListRoles" -> listRoles(sandbox, state, input);
            case "DeleteRole" -> deleteRole(state, input);
            case "UpdateAssumeRolePolicy" -> updateAssumeRolePolicy(state, input);
            case "AttachRolePolicy" -> attachRolePolicy(state, input);
            case "DetachRolePolicy" -> detachRolePolicy(state, input);
            case "ListAttachedRolePolicies" -> listAttachedRolePolicies(state, input);
            case "PutRolePolicy" -> putRolePolicy(state, input);
            case "GetRolePolicy" -> getRolePolicy(state, input);
            case "ListRolePolicies" -> listRolePolicies(state, input);
            case "DeleteRolePolicy" -> deleteRolePolicy(state, input);
            case "TagRole" -> tagRole(state, input);
            case "UntagRole" -> untagRole(state, input);
            case "ListRoleTags" -> listRoleTags(state, input);
            case "ListInstanceProfilesForRole" -> listInstanceProfilesForRole(state, input);
            case "CreateServiceLinkedRole" -> createServiceLinkedRole(sandbox, state, input);
            case "SimulatePrincipalPolicy" -> simulatePrincipalPolicy(sandbox, state, input);
            case "CreatePolicy" -> CustomerPolicies.create(sandbox, state, input);
            case "GetPolicy" -> CustomerPolicies.get(sandbox, state, input);
            case "GetPolicyVersion" -> CustomerPolicies.getVersion(state, input);
            case "ListPolicies" -> CustomerPolicies.list(sandbox, state, input);
            case "DeletePolicy" -> CustomerPolicies.delete(state, input);
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    private JsonNode createRole(Sandbox sandbox, IamState state, ObjectNode input) {
        String name = required(input, "RoleName", "roleName");
        if (!NAME.matcher(name).matches()) {
            throw validation(name, "roleName", "[\\w+=,.@-]+");
        }
        String document = required(input, "AssumeRolePolicyDocument", "assumeRolePolicyDocument");
        validatePolicy(document);
        if (state.find(name) != null) {
            throw new AwsException("EntityAlreadyExists", "Role with name " + name + " already exists.", 409);
        }
        IamState.Role role = new IamState.Role();
        role.roleName = name;
        role.roleId = "AROA" + sandbox.newId().substring(0, 17).toUpperCase(Locale.ROOT);
        role.path = input.path("Path").asText("/");
        role.description = input.path("Description").asText(null);
        role.maxSessionDuration = input.path("MaxSessionDuration").asInt(3600);
        role.createdAtMillis = sandbox.now().toEpochMilli();
        role.assumeRolePolicyDocument = document;
        for (JsonNode tag : input.path("Tags")) {
            role.tags.put(tag.path("Key").asText(), tag.path("Value").asText(""));
        }
        state.roles.put(name.toLowerCase(Locale.ROOT), role);
        return single("Role", roleNode(sandbox, role, false));
    }

    /** The role a service such as ECS (ecs.amazonaws.com) uses on the account's behalf. */
    private JsonNode createServiceLinkedRole(Sandbox sandbox, IamState state, ObjectNode input) {
        String service = required(input, "AWSServiceName", "aWSServiceName");
        String name = switch (service) {
            case "ecs.amazonaws.com" -> "AWSServiceRoleForECS";
            case "ecs.application-autoscaling.amazonaws.com" -> "AWSServiceRoleForApplicationAutoScaling_ECSService";
            case "elasticloadbalancing.amazonaws.com" -> "AWSServiceRoleForElasticLoadBalancing";
            case "autoscaling.amazonaws.com" -> "AWSServiceRoleForAutoScaling";
            default -> throw new AwsException("InvalidInput", "Service name " + service + " is not supported by the simulator.");
        };
        if (state.find(name) != null) {
            throw new AwsException("InvalidInput", "Service role name " + name
                    + " has been taken in this account, please try a different suffix.");
        }
        IamState.Role role = new IamState.Role();
        role.roleName = name;
        role.roleId = "AROA" + sandbox.newId().substring(0, 17).toUpperCase(Locale.ROOT);
        role.path = "/aws-service-role/" + service + "/";
        role.description = input.path("Description").asText(null);
        role.createdAtMillis = sandbox.now().toEpochMilli();
        role.assumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"" + service + "\"},\"Action\":\"sts:AssumeRole\"}]}";
        state.roles.put(name.toLowerCase(Locale.ROOT), role);
        return single("Role", roleNode(sandbox, role, false));
    }

    /** Runs the policy evaluator for a role, as the IAM policy simulator does (identity policies only). */
    private JsonNode simulatePrincipalPolicy(Sandbox sandbox, IamState state, ObjectNode input) {
        String source = required(input, "PolicySourceArn", "policySourceArn");
        IamState.Role role = state.findByArn(sandbox.accountId(), source);
        if (role == null) {
            throw new AwsException("NoSuchEntity", "The principal " + source + " cannot be found.", 404);
        }
        if (input.path("ActionNames").isEmpty()) {
            throw new AwsException("ValidationError", "1 validation error detected: Value null at 'actionNames' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        List<String> resources = new ArrayList<>();
        input.path("ResourceArns").forEach(resource -> resources.add(resource.asText()));
        if (resources.isEmpty()) {
            resources.add("*");
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode results = result.putArray("EvaluationResults");
        for (JsonNode action : input.path("ActionNames")) {
            for (String resource : resources) {
                PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(state, role, action.asText(), resource);
                ObjectNode node = results.addObject()
                        .put("EvalActionName", action.asText())
                        .put("EvalResourceName", resource)
                        .put("EvalDecision", switch (decision) {
                            case ALLOW -> "allowed";
                            case EXPLICIT_DENY -> "explicitDeny";
                            case IMPLICIT_DENY -> "implicitDeny";
                        });
                node.putArray("MatchedStatements");
                node.putArray("MissingContextValues");
            }
        }
        result.put("IsTruncated", false);
        return result;
    }

    private JsonNode listRoles(Sandbox sandbox, IamState state, ObjectNode input) {
        String pathPrefix = input.path("PathPrefix").asText("/");
        ArrayNode roles = JsonNodeFactory.instance.arrayNode();
        for (IamState.Role role : state.roles.values()) {
            if (role.path.startsWith(pathPrefix)) {
                roles.add(roleNode(sandbox, role, false));
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("Roles", roles);
        result.put("IsTruncated", false);
        return result;
    }

    private JsonNode deleteRole(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        if (!role.attachedPolicyArns.isEmpty()) {
            throw new AwsException("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409);
        }
        if (!role.inlinePolicies.isEmpty()) {
            throw new AwsException("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
        }
        state.roles.remove(role.roleName.toLowerCase(Locale.ROOT));
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode updateAssumeRolePolicy(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        String document = required(input, "PolicyDocument", "policyDocument");
        validatePolicy(document);
        role.assumeRolePolicyDocument = document;
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode attachRolePolicy(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        String arn = required(input, "PolicyArn", "policyArn");
        if (state.policyDocument(arn) == null) {
            throw new AwsException("NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.", 404);
        }
        if (!role.attachedPolicyArns.contains(arn)) {
            role.attachedPolicyArns.add(arn);
        }
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode detachRolePolicy(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        String arn = required(input, "PolicyArn", "policyArn");
        if (!role.attachedPolicyArns.remove(arn)) {
            throw new AwsException("NoSuchEntity", "Policy " + arn + " was not found.", 404);
        }
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode listAttachedRolePolicies(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        ArrayNode policies = JsonNodeFactory.instance.arrayNode();
        for (String arn : role.attachedPolicyArns) {
            policies.addObject().put("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).put("PolicyArn", arn);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("AttachedPolicies", policies);
        result.put("IsTruncated", false);
        return result;
    }

    private JsonNode putRolePolicy(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        String policyName = required(input, "PolicyName", "policyName");
        if (!POLICY_NAME.matcher(policyName).matches()) {
            throw validation(policyName, "policyName", "[\\w+=,.@-]+");
        }
        String document = required(input, "PolicyDocument", "policyDocument");
        validatePolicy(document);
        role.inlinePolicies.put(policyName, document);
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode getRolePolicy(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        String policyName = required(input, "PolicyName", "policyName");
        String document = role.inlinePolicies.get(policyName);
        if (document == null) {
            throw new AwsException("NoSuchEntity", "The role policy with name " + policyName + " cannot be found.", 404);
        }
        return JsonNodeFactory.instance.objectNode()
                .put("RoleName", role.roleName)
                .put("PolicyName", policyName)
                .put("PolicyDocument", urlEncode(document));
    }

    private JsonNode listRolePolicies(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode names = result.putArray("PolicyNames");
        role.inlinePolicies.keySet().forEach(names::add);
        result.put("IsTruncated", false);
        return result;
    }

    private JsonNode tagRole(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        Map<String, String> tags = new LinkedHashMap<>(role.tags);
        for (JsonNode tag : input.path("Tags")) {
            tags.put(tag.path("Key").asText(), tag.path("Value").asText(""));
        }
        if (tags.size() > 50) {
            throw new AwsException("LimitExceeded", "Cannot exceed quota for TagsPerRole: 50.", 409);
        }
        role.tags.putAll(tags);
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode untagRole(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        input.path("TagKeys").forEach(key -> role.tags.remove(key.asText()));
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode listRoleTags(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode tags = result.putArray("Tags");
        role.tags.forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        result.put("IsTruncated", false);
        return result;
    }

    /**
     * Instance profiles are not simulated (container instances join clusters through the control API),
     * so a role is in none; a clean-up asks before it deletes the role, as on AWS.
     */
    private JsonNode listInstanceProfilesForRole(IamState state, ObjectNode input) {
        role(state, input);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.putArray("InstanceProfiles");
        result.put("IsTruncated", false);
        return result;
    }

    private JsonNode deleteRolePolicy(IamState state, ObjectNode input) {
        IamState.Role role = role(state, input);
        String policyName = required(input, "PolicyName", "policyName");
        if (role.inlinePolicies.remove(policyName) == null) {
            throw new AwsException("NoSuchEntity", "The role policy with name " + policyName + " cannot be found.", 404);
        }
        return JsonNodeFactory.instance.objectNode();
    }

    private static IamState.Role role(IamState state, ObjectNode input) {
        String name = required(input, "RoleName", "roleName");
        IamState.Role role = state.find(name);
        if (role == null) {
            throw new AwsException("NoSuchEntity", "The role with name " + name + " cannot be found.", 404);
        }
        return role;
    }

    private static ObjectNode roleNode(Sandbox sandbox, IamState.Role role, boolean detailed) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("Path", role.path)
                .put("RoleName", role.roleName)
                .put("RoleId", role.roleId)
                .put("Arn", IamState.arn(sandbox.accountId(), role))
                .put("CreateDate", Instant.ofEpochMilli(role.createdAtMillis).toString())
                .put("AssumeRolePolicyDocument", urlEncode(role.assumeRolePolicyDocument));
        if (role.description != null) {
            node.put("Description", role.description);
        }
        node.put("MaxSessionDuration", role.maxSessionDuration);
        if (detailed) {
            ArrayNode tags = node.putArray("Tags");
            role.tags.forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
            ObjectNode lastUsed = node.putObject("RoleLastUsed");
            if (role.lastUsedMillis != null) {
                lastUsed.put("LastUsedDate", Instant.ofEpochMilli(role.lastUsedMillis).toString()).put("Region", role.lastUsedRegion);
            }
        }
        return node;
    }

    /** AWS returns policy documents URL-encoded (RFC 3986), and the SDKs hand them over as they are. */
    static String urlEncode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static void validatePolicy(String document) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(document);
        } catch (Exception e) {
            throw new AwsException("MalformedPolicyDocument", "This policy contains invalid Json");
        }
        if (tree == null || !tree.isObject()) {
            throw new AwsException("MalformedPolicyDocument", "This policy contains invalid Json");
        }
        JsonNode statement = tree.path("Statement");
        if (!statement.isArray() && !statement.isObject()) {
            throw new AwsException("MalformedPolicyDocument", "Syntax errors in policy.");
        }
        for (JsonNode each : statement.isArray() ? statement : MAPPER.createArrayNode().add(statement)) {
            String effect = each.path("Effect").asText();
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                throw new AwsException("MalformedPolicyDocument", "Syntax errors in policy.");
            }
            if (!each.has("Action") && !each.has("NotAction")) {
                throw new AwsException("MalformedPolicyDocument", "Policy statement must contain actions.");
            }
        }
    }

    static String required(ObjectNode input, String member, String wireName) {
        JsonNode value = input.get(member);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw new AwsException("ValidationError", "1 validation error detected: Value null at '" + wireName
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    static AwsException validation(String value, String wireName, String pattern) {
        return new AwsException("ValidationError", "1 validation error detected: Value '" + value + "' at '" + wireName
                + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern);
    }

    private static ObjectNode single(String name, JsonNode value) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set(name, value);
        return result;
    }
}
