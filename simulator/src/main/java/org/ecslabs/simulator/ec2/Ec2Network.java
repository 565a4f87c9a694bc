package org.ecslabs.simulator.ec2;

import java.util.List;
import java.util.Optional;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * The sandbox's network as other services see it: the default VPC with one default subnet per
 * availability zone and a default security group, created on first use; lookups for ECS.
 */
public final class Ec2Network {
    private static final String[] DEFAULT_SUBNET_CIDRS = {"172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20"};
    private static final String[] ZONE_LETTERS = {"a", "b", "c"};

    private Ec2Network() {
    }

    /** The sandbox's EC2 state, with the default VPC created if it is not there yet. */
    public static Ec2State state(Sandbox sandbox) {
        Ec2State state = sandbox.state(Ec2State.class);
        if (!state.initialized) {
            createDefaults(sandbox, state);
        }
        return state;
    }

    /** The availability zones of the sandbox's region, e.g. us-east-1a, us-east-1b, us-east-1c. */
    public static List<String> availabilityZones(Sandbox sandbox) {
        return List.of(sandbox.region() + "a", sandbox.region() + "b", sandbox.region() + "c");
    }

    /** EC2's zone id for a zone name: us-east-1a is use1-az1. */
    public static String zoneId(String region, String zoneName) {
        String[] parts = region.split("-");
        StringBuilder prefix = new StringBuilder();
        for (String part : parts) {
            prefix.append(Character.isDigit(part.charAt(0)) ? part : part.substring(0, 1));
        }
        if (parts.length > 0) {
            // The first part keeps its two letters: us-east-1 -> use1.
            prefix.replace(0, 1, parts[0]);
        }
        int index = zoneName.charAt(zoneName.length() - 1) - 'a' + 1;
        return prefix + "-az" + index;
    }

    public static Optional<Ec2State.Subnet> subnet(Sandbox sandbox, String subnetId) {
        return Optional.ofNullable(state(sandbox).subnets.get(subnetId));
    }

    public static Optional<Ec2State.SecurityGroup> securityGroup(Sandbox sandbox, String groupId) {
        return Optional.ofNullable(state(sandbox).securityGroups.get(groupId));
    }

    /** The security group named "default" of a VPC. */
    public static Ec2State.SecurityGroup defaultSecurityGroup(Sandbox sandbox, String vpcId) {
        return state(sandbox).securityGroups.values().stream()
                .filter(group -> group.vpcId.equals(vpcId) && group.groupName.equals("default"))
                .findFirst()
                .orElseThrow();
    }

    /** The default subnets, one per availability zone, in zone order. */
    public static List<Ec2State.Subnet> defaultSubnets(Sandbox sandbox) {
        return state(sandbox).subnets.values().stream().filter(subnet -> subnet.defaultForAz).toList();
    }

    /** A fresh private IPv4 address in a subnet (hosts from .4 up; AWS reserves the first four). */
    public static String allocateAddress(Sandbox sandbox, String subnetId) {
        Ec2State state = state(sandbox);
        Ec2State.Subnet subnet = state.subnets.get(subnetId);
        String[] cidr = subnet.cidrBlock.split("/");
        // Hosts .4 up to the last but one; after the last, numbering starts again (old tasks are long gone).
        int usable = (1 << (32 - Integer.parseInt(cidr[1]))) - 5;
        int host = state.nextHost.getOrDefault(subnetId, 4);
        state.nextHost.put(subnetId, host + 1 >= 4 + usable ? 4 : host + 1);
        String[] octets = cidr[0].split("\\.");
        long base = (Long.parseLong(octets[0]) << 24) | (Long.parseLong(octets[1]) << 16)
                | (Long.parseLong(octets[2]) << 8) | Long.parseLong(octets[3]);
        long address = base + host;
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    /** The private DNS name EC2 gives an address: ip-172-31-0-4.ec2.internal in us-east-1. */
    public static String privateDnsName(Sandbox sandbox, String address) {
        String domain = sandbox.region().equals("us-east-1") ? "ec2.internal" : sandbox.region() + ".compute.internal";
        return "ip-" + address.replace('.', '-') + "." + domain;
    }

    static String newResourceId(Sandbox sandbox, String prefix) {
        return prefix + "-" + sandbox.newId().substring(0, 17);
    }

    private static void createDefaults(Sandbox sandbox, Ec2State state) {
        state.initialized = true;
        Ec2State.Vpc vpc = new Ec2State.Vpc();
        vpc.vpcId = newResourceId(sandbox, "vpc");
        vpc.cidrBlock = "172.31.0.0/16";
        vpc.isDefault = true;
        state.vpcs.put(vpc.vpcId, vpc);
        List<String> zones = availabilityZones(sandbox);
        for (int i = 0; i < zones.size(); i++) {
            Ec2State.Subnet subnet = new Ec2State.Subnet();
            subnet.subnetId = newResourceId(sandbox, "subnet");
            subnet.vpcId = vpc.vpcId;
            subnet.cidrBlock = DEFAULT_SUBNET_CIDRS[i];
            subnet.availabilityZone = sandbox.region() + ZONE_LETTERS[i];
            subnet.availabilityZoneId = zoneId(sandbox.region(), subnet.availabilityZone);
            subnet.defaultForAz = true;
            state.subnets.put(subnet.subnetId, subnet);
        }
        Ec2State.SecurityGroup group = newGroup(sandbox, state, "default", "default VPC security group", vpc.vpcId);
        // The default group lets its own members talk to each other.
        Ec2State.Rule self = new Ec2State.Rule();
        self.ruleId = "sgr-" + String.format("%017x", ++state.ruleCounter);
        self.ipProtocol = "-1";
        self.sourceGroupId = group.groupId;
        group.ingress.add(self);
    }

    static Ec2State.SecurityGroup newGroup(Sandbox sandbox, Ec2State state, String name, String description, String vpcId) {
        Ec2State.SecurityGroup group = new Ec2State.SecurityGroup();
        group.groupId = newResourceId(sandbox, "sg");
        group.groupName = name;
        group.description = description;
        group.vpcId = vpcId;
        Ec2State.Rule allOut = new Ec2State.Rule();
        allOut.ruleId = "sgr-" + String.format("%017x", ++state.ruleCounter);
        allOut.ipProtocol = "-1";
        allOut.cidrIp = "0.0.0.0/0";
        group.egress.add(allOut);
        state.securityGroups.put(group.groupId, group);
        return group;
    }
}
