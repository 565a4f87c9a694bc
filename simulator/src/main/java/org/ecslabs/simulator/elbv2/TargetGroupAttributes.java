package org.ecslabs.simulator.elbv2;

import java.util.List;
import java.util.Map;

/** ModifyTargetGroupAttributes' checks: known keys only, each value in its range, stickiness types per protocol. */
final class TargetGroupAttributes {
    private static final List<String> OPEN_PREFIXES = List.of("target_group_health.", "target_health_state.",
            "target_failover.", "lambda.", "load_balancing.");
    private static final List<String> KNOWN = List.of("deregistration_delay.timeout_seconds",
            "deregistration_delay.connection_termination.enabled", "stickiness.enabled", "stickiness.type",
            "stickiness.lb_cookie.duration_seconds", "stickiness.app_cookie.cookie_name",
            "stickiness.app_cookie.duration_seconds", "slow_start.duration_seconds", "preserve_client_ip.enabled",
            "proxy_protocol_v2.enabled");

    private TargetGroupAttributes() {
    }

    /** Checks one attribute against the group's protocol and the attributes it will have after the change. */
    static void check(Elbv2State.TargetGroup group, String key, String value, Map<String, String> after) {
        if (!KNOWN.contains(key) && OPEN_PREFIXES.stream().noneMatch(key::startsWith)) {
            throw Elbv2Errors.validation("Attribute key '" + key + "' is not recognized");
        }
        boolean http = "HTTP".equals(group.protocol) || "HTTPS".equals(group.protocol);
        switch (key) {
            case "deregistration_delay.timeout_seconds" -> range(key, value, 0, 3600,
                    "Deregistration delay must be between 0 and 3600 seconds");
            case "stickiness.lb_cookie.duration_seconds", "stickiness.app_cookie.duration_seconds" -> range(key, value, 1, 604800,
                    "Stickiness duration must be between 1 and 604800 seconds (7 days)");
            case "slow_start.duration_seconds" -> {
                int seconds = TargetGroupOperations.parseSeconds(key, value);
                if (seconds != 0 && (seconds < 30 || seconds > 900)) {
                    throw Elbv2Errors.validation("Slow start duration must be 0 or between 30 and 900 seconds");
                }
            }
            case "stickiness.enabled", "deregistration_delay.connection_termination.enabled",
                 "preserve_client_ip.enabled", "proxy_protocol_v2.enabled" -> {
                if (!"true".equals(value) && !"false".equals(value)) {
                    throw Elbv2Errors.validation("The value of '" + key + "' must be 'true' or 'false'");
                }
            }
            case "stickiness.type" -> {
                List<String> allowed = http ? List.of("lb_cookie", "app_cookie")
                        : List.of("source_ip", "source_ip_dest_ip", "source_ip_dest_ip_proto");
                if (!allowed.contains(value)) {
                    throw Elbv2Errors.validation("Stickiness type '" + value + "' is not supported for target groups with the "
                            + group.protocol + " protocol; use one of " + allowed);
                }
            }
            case "load_balancing.algorithm.type" -> {
                if (!List.of("round_robin", "least_outstanding_requests", "weighted_random").contains(value)) {
                    throw Elbv2Errors.validation("Load balancing algorithm type must be one of "
                            + "[round_robin, least_outstanding_requests, weighted_random]");
                }
            }
            default -> {
                // Other recognized keys take any value here.
            }
        }
        if ("app_cookie".equals(after.get("stickiness.type")) && "true".equals(after.get("stickiness.enabled"))) {
            String cookie = after.get("stickiness.app_cookie.cookie_name");
            if (cookie == null || cookie.isEmpty()) {
                throw Elbv2Errors.validation("You must specify a cookie name for app_cookie stickiness");
            }
            if (cookie.startsWith("AWSALB") || cookie.startsWith("AWSALBAPP") || cookie.startsWith("AWSALBTG")) {
                throw Elbv2Errors.validation("Cookie names starting with AWSALB, AWSALBAPP and AWSALBTG are reserved");
            }
        }
    }

    private static void range(String key, String value, int min, int max, String message) {
        int seconds = TargetGroupOperations.parseSeconds(key, value);
        if (seconds < min || seconds > max) {
            throw Elbv2Errors.validation(message);
        }
    }
}
