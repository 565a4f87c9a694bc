package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One sandbox's load balancers, target groups, listeners, rules and tags, keyed by ARN in creation order. */
public class Elbv2State {
    public Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
    public Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    public Map<String, Listener> listeners = new LinkedHashMap<>();
    public Map<String, Rule> rules = new LinkedHashMap<>();
    public Map<String, Map<String, String>> tags = new LinkedHashMap<>();

    public static class LoadBalancer {
        public String arn;
        public String name;
        public String type;
        public String scheme;
        public String ipAddressType;
        public String vpcId;
        public String dnsName;
        public String canonicalHostedZoneId;
        public long createdTime;
        /** provisioning until {@link #activeAt}, then active. */
        public long activeAt;
        public List<Zone> zones = new ArrayList<>();
        public List<String> securityGroups = new ArrayList<>();
        public Map<String, String> attributes = new LinkedHashMap<>();
    }

    public static class Zone {
        public String zoneName;
        public String subnetId;

        public Zone() {
        }

        public Zone(String zoneName, String subnetId) {
            this.zoneName = zoneName;
            this.subnetId = subnetId;
        }
    }

    public static class TargetGroup {
        public String arn;
        public String name;
        public String protocol;
        public String protocolVersion;
        public Integer port;
        public String vpcId;
        public String targetType;
        public String ipAddressType;
        public String healthCheckProtocol;
        public String healthCheckPort;
        public boolean healthCheckEnabled;
        public int healthCheckIntervalSeconds;
        public int healthCheckTimeoutSeconds;
        public int healthyThresholdCount;
        public int unhealthyThresholdCount;
        public String healthCheckPath;
        public String matcherHttpCode;
        public Map<String, String> attributes = new LinkedHashMap<>();
        public List<Target> targets = new ArrayList<>();
    }

    /** A registered target and where it is in its health check life. Times are epoch seconds. */
    public static class Target {
        public String id;
        public Integer port;
        public String availabilityZone;
        public String state;
        public String reason;
        public String description;
        /** When the target entered its current state. */
        public long since;
        /** Set by the simulator's control API: health checks fail from then on. */
        public boolean failing;
        /** When health checks started to fail (or to pass again), to count thresholds. */
        public long flippedAt;
        /** When a draining target is gone for good. */
        public long drainUntil;
        /** The ECS task ARN when the ECS scheduler registered the target, else null. */
        public String owner;
    }

    public static class Listener {
        public String arn;
        public String loadBalancerArn;
        public String protocol;
        public int port;
        public String sslPolicy;
        public List<String> certificateArns = new ArrayList<>();
        public List<Action> defaultActions = new ArrayList<>();
    }

    public static class Rule {
        public String arn;
        public String listenerArn;
        /** "default" for a listener's default rule, otherwise 1..50000. */
        public String priority;
        public boolean isDefault;
        public List<Condition> conditions = new ArrayList<>();
        public List<Action> actions = new ArrayList<>();
    }

    public static class Condition {
        public String field;
        public List<String> values = new ArrayList<>();
        /** http-header: the header's name (its values are in values). */
        public String httpHeaderName;
        /** query-string: the key/value pairs, a null key matching any key. */
        public List<KeyValue> queryStrings = new ArrayList<>();
    }

    public static class KeyValue {
        public String key;
        public String value;
    }

    /** A forward action (the only kind whose targets matter here) or any other kind, kept as given. */
    public static class Action {
        public String type;
        public Integer order;
        public List<WeightedTargetGroup> targetGroups = new ArrayList<>();
        public boolean stickinessEnabled;
        public Integer stickinessDurationSeconds;
        /** Set when the request named a single TargetGroupArn, which AWS then echoes. */
        public boolean singleTarget;
        /** Other action kinds (redirect, fixed-response) as the request gave them. */
        public JsonNode config;
        public String configName;
    }

    public static class WeightedTargetGroup {
        public String targetGroupArn;
        public int weight;

        public WeightedTargetGroup() {
        }

        public WeightedTargetGroup(String targetGroupArn, int weight) {
            this.targetGroupArn = targetGroupArn;
            this.weight = weight;
        }
    }
}
