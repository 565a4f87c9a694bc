package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecslabs.simulator.elbv2.Elbv2State.LoadBalancer;
import org.ecslabs.simulator.elbv2.Elbv2State.Zone;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the load balancer attributes. */
final class LoadBalancerOperations {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");
    /** A new load balancer is provisioning for a while before it is active, as students see in the console. */
    static final int PROVISIONING_SECONDS = 60;

    private LoadBalancerOperations() {
    }

    static JsonNode create(Sandbox sandbox, Elbv2State state, ObjectNode input) {
        String name = QueryInput.required(input, "Name");
        if (!NAME.matcher(name).matches() || name.startsWith("internal-")) {
            throw Elbv2Errors.validation("LoadBalancer name cannot be longer than 32 characters, may only contain "
                    + "alphanumeric characters or hyphens, and must not begin or end with a hyphen");
        }
        String type = valueOr(QueryInput.text(input, "Type"), "application");
        if (!Set.of("application", "network", "gateway").contains(type)) {
            throw Elbv2Errors.validation("Load balancer type '" + type + "' is not valid");
        }
        String scheme = valueOr(QueryInput.text(input, "Scheme"), "internet-facing");
        for (LoadBalancer existing : state.loadBalancers.values()) {
            if (existing.name.equals(name)) {
                throw Elbv2Errors.duplicateLoadBalancerName();
            }
        }
        List<String> subnetIds = QueryInput.strings(input, "Subnets");
        for (JsonNode mapping : QueryInput.list(input, "SubnetMappings")) {
            subnetIds.add(QueryInput.required(mapping, "SubnetId"));
        }
        if (subnetIds.isEmpty()) {
            throw Elbv2Errors.validation("At least one subnet must be specified");
        }
        List<Zone> zones = new ArrayList<>();
        Set<String> zoneNames = new HashSet<>();
        String vpcId = null;
        for (String subnetId : subnetIds) {
            Subnets.Subnet subnet = Subnets.find(sandbox, subnetId);
            if (vpcId != null && !vpcId.equals(subnet.vpcId())) {
                throw Elbv2Errors.invalidConfiguration("The specified subnets must belong to the same VPC");
            }
            vpcId = subnet.vpcId();
            if (!zoneNames.add(subnet.zoneName())) {
                throw Elbv2Errors.invalidConfiguration("A load balancer cannot be attached to multiple subnets in the same Availability Zone");
            }
            zones.add(new Zone(subnet.zoneName(), subnet.subnetId()));
        }
        if (type.equals("application") && zones.size() < 2) {
            throw Elbv2Errors.validation("At least two subnets in two different Availability Zones must be specified");
        }

        String id = QueryInput.shortId(sandbox);
        String kind = type.equals("application") ? "app" : type.equals("network") ? "net" : "gwy";
        LoadBalancer balancer = new LoadBalancer();
        balancer.arn = sandbox.arn("elasticloadbalancing", "loadbalancer/" + kind + "/" + name + "/" + id);
        balancer.name = name;
        balancer.type = type;
        balancer.scheme = scheme;
        balancer.ipAddressType = valueOr(QueryInput.text(input, "IpAddressType"), "ipv4");
        balancer.vpcId = vpcId;
        String prefix = scheme.equals("internal") ? "internal-" : "";
        balancer.dnsName = type.equals("application")
                ? prefix + name + "-" + Long.parseLong(id.substring(0, 8), 16) % 2_000_000_000L + "." + sandbox.region() + ".elb.amazonaws.com"
                : prefix + name + "-" + id + ".elb." + sandbox.region() + ".amazonaws.com";
        balancer.canonicalHostedZoneId = type.equals("application") ? "Z35SXDOTRQ7X7K" : "Z26RNL4JYFTOTI";
        balancer.createdTime = sandbox.now().getEpochSecond();
        balancer.activeAt = balancer.createdTime + PROVISIONING_SECONDS;
        balancer.zones = zones;
        balancer.securityGroups = type.equals("application") ? QueryInput.strings(input, "SecurityGroups") : new ArrayList<>();
        if (type.equals("application") && balancer.securityGroups.isEmpty()) {
            balancer.securityGroups.add(Subnets.defaultSecurityGroup(sandbox, vpcId));
        }
        balancer.attributes.put("deletion_protection.enabled", "false");
        balancer.attributes.put("load_balancing.cross_zone.enabled", type.equals("application") ? "true" : "false");
        if (type.equals("application")) {
            balancer.attributes.put("idle_timeout.timeout_seconds", "60");
            balancer.attributes.put("routing.http2.enabled", "true");
            balancer.attributes.put("access_logs.s3.enabled", "false");
        }
        state.loadBalancers.put(balancer.arn, balancer);
        Elbv2Service.putTags(state, balancer.arn, input);

        ObjectNode output = QueryInput.object();
        output.putArray("LoadBalancers").add(render(sandbox, balancer));
        return output;
    }

    static JsonNode describe(Sandbox sandbox, Elbv2State state, ObjectNode input) {
        List<String> arns = QueryInput.strings(input, "LoadBalancerArns");
        List<String> names = QueryInput.strings(input, "Names");
        List<LoadBalancer> found = new ArrayList<>();
        if (!arns.isEmpty()) {
            for (String arn : arns) {
                found.add(find(state, arn));
            }
        } else if (!names.isEmpty()) {
            for (String name : names) {
                LoadBalancer match = state.loadBalancers.values().stream()
                        .filter(balancer -> balancer.name.equals(name)).findFirst().orElse(null);
                if (match == null) {
                    throw new AwsException("LoadBalancerNotFound",
                            "Load balancers '[" + name + "]' not found");
                }
                found.add(match);
            }
        } else {
            found.addAll(state.loadBalancers.values());
        }
        ObjectNode output = QueryInput.object();
        ArrayNode items = output.putArray("LoadBalancers");
        Paging.page(found, input, output).forEach(balancer -> items.add(render(sandbox, balancer)));
        return output;
    }

    static JsonNode delete(Elbv2State state, ObjectNode input) {
        String arn = QueryInput.required(input, "LoadBalancerArn");
        LoadBalancer balancer = state.loadBalancers.get(arn);
        if (balancer == null) {
            // Deleting a load balancer that is already gone succeeds, as in AWS.
            return QueryInput.object();
        }
        if ("true".equals(balancer.attributes.get("deletion_protection.enabled"))) {
            throw Elbv2Errors.operationNotPermitted("Load balancer '" + arn + "' cannot be deleted because deletion protection is enabled");
        }
        List<String> listenerArns = state.listeners.values().stream()
                .filter(listener -> listener.loadBalancerArn.equals(arn)).map(listener -> listener.arn).toList();
        listenerArns.forEach(listenerArn -> ListenerOperations.removeListener(state, listenerArn));
        state.loadBalancers.remove(arn);
        state.tags.remove(arn);
        return QueryInput.object();
    }

    static JsonNode describeAttributes(Elbv2State state, ObjectNode input) {
        LoadBalancer balancer = find(state, QueryInput.required(input, "LoadBalancerArn"));
        return Elbv2Service.attributes(balancer.attributes);
    }

    static JsonNode modifyAttributes(Elbv2State state, ObjectNode input) {
        LoadBalancer balancer = find(state, QueryInput.required(input, "LoadBalancerArn"));
        for (JsonNode attribute : QueryInput.list(input, "Attributes")) {
            String key = QueryInput.required(attribute, "Key");
            balancer.attributes.put(key, QueryInput.text(attribute, "Value"));
        }
        return Elbv2Service.attributes(balancer.attributes);
    }

    static LoadBalancer find(Elbv2State state, String arn) {
        LoadBalancer balancer = state.loadBalancers.get(arn);
        if (balancer == null) {
            throw Elbv2Errors.loadBalancerNotFound();
        }
        return balancer;
    }

    static ObjectNode render(Sandbox sandbox, LoadBalancer balancer) {
        ObjectNode node = QueryInput.object();
        node.put("LoadBalancerArn", balancer.arn);
        node.put("DNSName", balancer.dnsName);
        node.put("CanonicalHostedZoneId", balancer.canonicalHostedZoneId);
        node.put("CreatedTime", QueryInput.iso(balancer.createdTime));
        node.put("LoadBalancerName", balancer.name);
        node.put("Scheme", balancer.scheme);
        node.put("VpcId", balancer.vpcId);
        node.putObject("State").put("Code",
                sandbox.now().getEpochSecond() >= balancer.activeAt ? "active" : "provisioning");
        node.put("Type", balancer.type);
        ArrayNode zones = node.putArray("AvailabilityZones");
        for (Zone zone : balancer.zones) {
            zones.addObject().put("ZoneName", zone.zoneName).put("SubnetId", zone.subnetId);
        }
        if (!balancer.securityGroups.isEmpty()) {
            ArrayNode groups = node.putArray("SecurityGroups");
            balancer.securityGroups.forEach(groups::add);
        }
        node.put("IpAddressType", balancer.ipAddressType);
        return node;
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    static JsonNode setSecurityGroups(Sandbox sandbox, Elbv2State state, ObjectNode input) {
        LoadBalancer balancer = find(state, QueryInput.required(input, "LoadBalancerArn"));
        List<String> groups = QueryInput.strings(input, "SecurityGroups");
        if (balancer.type.equals("application") && groups.isEmpty()) {
            throw Elbv2Errors.validation("An Application Load Balancer must have at least one security group");
        }
        balancer.securityGroups = new ArrayList<>(groups);
        ObjectNode output = QueryInput.object();
        ArrayNode ids = output.putArray("SecurityGroupIds");
        groups.forEach(ids::add);
        return output;
    }

    static JsonNode setSubnets(Sandbox sandbox, Elbv2State state, ObjectNode input) {
        LoadBalancer balancer = find(state, QueryInput.required(input, "LoadBalancerArn"));
        List<String> subnetIds = QueryInput.strings(input, "Subnets");
        for (JsonNode mapping : QueryInput.list(input, "SubnetMappings")) {
            subnetIds.add(QueryInput.required(mapping, "SubnetId"));
        }
        List<Zone> zones = new ArrayList<>();
        Set<String> zoneNames = new HashSet<>();
        for (String subnetId : subnetIds) {
            Subnets.Subnet subnet = Subnets.find(sandbox, subnetId);
            if (!subnet.vpcId().equals(balancer.vpcId)) {
                throw Elbv2Errors.invalidConfiguration("The specified subnets must belong to the load balancer's VPC");
            }
            if (!zoneNames.add(subnet.zoneName())) {
                throw Elbv2Errors.invalidConfiguration("A load balancer cannot be attached to multiple subnets in the same Availability Zone");
            }
            zones.add(new Zone(subnet.zoneName(), subnet.subnetId()));
        }
        if (balancer.type.equals("application") && zones.size() < 2) {
            throw Elbv2Errors.validation("At least two subnets in two different Availability Zones must be specified");
        }
        balancer.zones = zones;
        ObjectNode output = QueryInput.object();
        ArrayNode items = output.putArray("AvailabilityZones");
        zones.forEach(zone -> items.addObject().put("ZoneName", zone.zoneName).put("SubnetId", zone.subnetId));
        output.put("IpAddressType", balancer.ipAddressType);
        return output;
    }

    static JsonNode setIpAddressType(Elbv2State state, ObjectNode input) {
        LoadBalancer balancer = find(state, QueryInput.required(input, "LoadBalancerArn"));
        String type = QueryInput.required(input, "IpAddressType");
        if (!Set.of("ipv4", "dualstack", "dualstack-without-public-ipv4").contains(type)) {
            throw Elbv2Errors.validation("IP address type '" + type + "' is not valid");
        }
        balancer.ipAddressType = type;
        return QueryInput.object().put("IpAddressType", type);
    }

    /** The default quotas of an account, as DescribeAccountLimits lists them. */
    static JsonNode accountLimits() {
        ObjectNode output = QueryInput.object();
        ArrayNode limits = output.putArray("Limits");
        String[][] quotas = {{"application-load-balancers", "50"}, {"network-load-balancers", "50"},
            {"target-groups", "3000"}, {"listeners-per-application-load-balancer", "50"},
            {"rules-per-application-load-balancer", "100"}, {"targets-per-application-load-balancer", "1000"},
            {"target-groups-per-action-on-application-load-balancer", "5"}};
        for (String[] quota : quotas) {
            limits.addObject().put("Name", quota[0]).put("Max", quota[1]);
        }
        return output;
    }
}
