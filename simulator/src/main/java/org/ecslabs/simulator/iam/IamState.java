package org.ecslabs.simulator.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecslabs.simulator.engine.Sandbox;

/** The account's IAM roles. IAM is global: every region of an account sees the same roles. */
public class IamState {
    /** Roles by name; IAM role names are unique case-insensitively, so the key is lower case. */
    public Map<String, Role> roles = new TreeMap<>();
    /** Customer managed policies by ARN. */
    public Map<String, CustomerPolicy> policies = new TreeMap<>();

    public static class CustomerPolicy {
        public String policyName;
        public String policyId;
        public String path = "/";
        public String description;
        public String document;
        public long createdMillis;
    }

    /** The document of an AWS managed or customer managed policy, or null if there is none by that ARN. */
    public String policyDocument(String arn) {
        ManagedPolicies.ManagedPolicy managed = ManagedPolicies.find(arn);
        if (managed != null) {
            return managed.document();
        }
        CustomerPolicy customer = policies.get(arn);
        return customer == null ? null : customer.document;
    }

    public long attachmentCount(String policyArn) {
        return roles.values().stream().filter(r -> r.attachedPolicyArns.contains(policyArn)).count();
    }

    public static class Role {
        public String roleName;
        public String roleId;
        public String path = "/";
        public String description;
        public long createdAtMillis;
        public int maxSessionDuration = 3600;
        /** The trust policy as the caller sent it (decoded JSON text). */
        public String assumeRolePolicyDocument;
        public List<String> attachedPolicyArns = new ArrayList<>();
        public Map<String, String> inlinePolicies = new LinkedHashMap<>();
        public Map<String, String> tags = new LinkedHashMap<>();
        /** When a service (an ECS task) last assumed the role, and in which region. */
        public Long lastUsedMillis;
        public String lastUsedRegion;
    }

    /** IAM is global: an account's roles live in its us-east-1 sandbox, whichever region asks. */
    public static final String HOME_REGION = "us-east-1";

    public static IamState of(Sandbox sandbox) {
        try {
            return sandbox.inRegion(HOME_REGION).state(IamState.class);
        } catch (UnsupportedOperationException e) {
            // A sandbox that knows only its own region (a unit test's) keeps IAM there.
            return sandbox.state(IamState.class);
        }
    }

    public Role find(String roleName) {
        return roleName == null ? null : roles.get(roleName.toLowerCase());
    }

    /** The role an ARN such as arn:aws:iam::123456789012:role/path/name names, if it exists in this account. */
    public Role findByArn(String accountId, String arn) {
        if (arn == null) {
            return null;
        }
        String prefix = "arn:aws:iam::" + accountId + ":role/";
        if (!arn.startsWith(prefix)) {
            return null;
        }
        String rest = arn.substring(prefix.length());
        Role role = find(rest.substring(rest.lastIndexOf('/') + 1));
        return role != null && arn.equals(arn(accountId, role)) ? role : null;
    }

    public static String arn(String accountId, Role role) {
        return "arn:aws:iam::" + accountId + ":role" + role.path + role.roleName;
    }
}
