package org.ecslabs.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses an operation that names another account's resource by ARN (DeleteTargetGroup on a
 * target group of account B, signed by account A): each simulated account sees only its own
 * resources, and AWS answers such a call with an access-denied error rather than a quiet success.
 * Checked once for every service on the request's top-level members, which is where operations
 * take the ARN of the resource they act on, and only for ARNs of the called service itself: a role,
 * topic or secret of another account named as a reference (an alarm action, an execution role) is
 * the business of that resource's policy, not of this call. Thread-safe: stateless.
 */
public final class CrossAccount {
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:([a-z0-9-]+):[a-z0-9-]*:([0-9]{12}):.+");
    /** Services whose operations take other accounts' ARNs by design (AssumeRole on a trusted role). */
    private static final Set<String> CROSS_ACCOUNT_BY_DESIGN = Set.of("sts");

    private CrossAccount() {
    }

    /**
     * @param signingName the service the request was signed for
     * @param query       whether the caller speaks a query protocol (its code is AccessDenied, 403)
     */
    public static void check(String signingName, String operation, ObjectNode input, String accountId, boolean query) {
        if (CROSS_ACCOUNT_BY_DESIGN.contains(signingName)) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> members = input.fields();
        while (members.hasNext()) {
            JsonNode value = members.next().getValue();
            if (value.isTextual()) {
                refuseForeign(value.asText(), signingName, operation, accountId, query);
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    if (item.isTextual()) {
                        refuseForeign(item.asText(), signingName, operation, accountId, query);
                    }
                }
            }
        }
    }

    private static void refuseForeign(String text, String signingName, String operation, String accountId, boolean query) {
        Matcher arn = ARN.matcher(text);
        if (!arn.matches() || !arn.group(1).equals(signingName) || arn.group(2).equals(accountId)) {
            return;
        }
        String message = "User: arn:aws:iam::" + accountId + ":root is not authorized to perform: " + signingName + ":"
                + operation + " on resource: " + text + " because no resource-based policy allows the " + signingName
                + ":" + operation + " action";
        throw query ? new AwsException("AccessDenied", message, 403) : new AwsException("AccessDeniedException", message);
    }
}
