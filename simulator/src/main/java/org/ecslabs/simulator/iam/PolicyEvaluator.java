package org.ecslabs.simulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A small IAM policy evaluator: does a role's identity policies allow an action on a resource?
 * Default deny, an Allow grants, an explicit Deny wins. Action, NotAction, Resource and
 * NotResource with {@code *} and {@code ?} wildcards; conditions are not evaluated (a statement
 * with a condition applies as if the condition held), which is enough for the labs.
 */
public final class PolicyEvaluator {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public enum Decision { ALLOW, IMPLICIT_DENY, EXPLICIT_DENY }

    private PolicyEvaluator() {
    }

    public static boolean allows(IamState iam, IamState.Role role, String action, String resource) {
        return evaluate(iam, role, action, resource) == Decision.ALLOW;
    }

    public static Decision evaluate(IamState iam, IamState.Role role, String action, String resource) {
        List<String> documents = new ArrayList<>(role.inlinePolicies.values());
        for (String arn : role.attachedPolicyArns) {
            String document = iam.policyDocument(arn);
            if (document != null) {
                documents.add(document);
            }
        }
        boolean allowed = false;
        for (String document : documents) {
            for (JsonNode statement : statements(document)) {
                if (!appliesTo(statement, action, resource)) {
                    continue;
                }
                if ("Deny".equals(statement.path("Effect").asText())) {
                    return Decision.EXPLICIT_DENY;
                }
                if ("Allow".equals(statement.path("Effect").asText())) {
                    allowed = true;
                }
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    /** Whether the role's trust policy lets the given service principal assume it. */
    public static boolean trustsService(IamState.Role role, String servicePrincipal) {
        for (JsonNode statement : statements(role.assumeRolePolicyDocument)) {
            if (!"Allow".equals(statement.path("Effect").asText())
                    || !anyMatches(statement.path("Action"), "sts:AssumeRole", true)) {
                continue;
            }
            JsonNode principal = statement.path("Principal");
            if (principal.isTextual() && principal.asText().equals("*")) {
                return true;
            }
            for (JsonNode service : values(principal.path("Service"))) {
                if (service.asText().equals(servicePrincipal)) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<JsonNode> statements(String document) {
        List<JsonNode> result = new ArrayList<>();
        if (document == null) {
            return result;
        }
        try {
            JsonNode statement = MAPPER.readTree(document).path("Statement");
            result.addAll(values(statement));
        } catch (Exception e) {
            // A stored document was validated when it was put; an unreadable one grants nothing.
        }
        return result;
    }

    private static boolean appliesTo(JsonNode statement, String action, String resource) {
        boolean actionMatches = statement.has("NotAction")
                ? !anyMatches(statement.path("NotAction"), action, true)
                : anyMatches(statement.path("Action"), action, true);
        boolean resourceMatches = statement.has("NotResource")
                ? !anyMatches(statement.path("NotResource"), resource, false)
                : !statement.has("Resource") || anyMatches(statement.path("Resource"), resource, false);
        return actionMatches && resourceMatches;
    }

    private static boolean anyMatches(JsonNode patterns, String value, boolean ignoreCase) {
        for (JsonNode pattern : values(patterns)) {
            if (wildcard(pattern.asText(), ignoreCase).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> values(JsonNode node) {
        List<JsonNode> result = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(result::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            result.add(node);
        }
        return result;
    }

    static Pattern wildcard(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.DOTALL : Pattern.DOTALL);
    }
}
