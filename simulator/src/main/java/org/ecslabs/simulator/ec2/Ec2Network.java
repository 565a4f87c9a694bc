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
        if (!state.routingInitialized) {
            createDefaultRouting(sandbox, state);
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
        vpc.enableDnsHostnames = true;
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
        defaultGroup(sandbox, state, vpc.vpcId, "default VPC security group");
    }

    /** The default VPC's internet gateway and main route table with its route to it (added to older sandboxes too). */
    private static void createDefaultRouting(Sandbox sandbox, Ec2State state) {
        state.routingInitialized = true;
        Ec2State.Vpc vpc = defaultVpc(state);
        Ec2State.InternetGateway gateway = newInternetGateway(sandbox, state);
        gateway.vpcId = vpc.vpcId;
        Ec2State.RouteTable main = newRouteTable(sandbox, state, vpc, true);
        Ec2State.Route route = new Ec2State.Route();
        route.destinationCidrBlock = "0.0.0.0/0";
        route.gatewayId = gateway.internetGatewayId;
        route.origin = "CreateRoute";
        main.routes.add(route);
    }

    /** A new VPC with its main route table and default security group, as CreateVpc makes them. */
    static Ec2State.Vpc createVpc(Sandbox sandbox, Ec2State state, String cidr, boolean isDefault) {
        Ec2State.Vpc vpc = new Ec2State.Vpc();
        vpc.vpcId = newResourceId(sandbox, "vpc");
        vpc.cidrBlock = cidr;
        vpc.isDefault = isDefault;
        state.vpcs.put(vpc.vpcId, vpc);
        newRouteTable(sandbox, state, vpc, true);
        defaultGroup(sandbox, state, vpc.vpcId, "default VPC security group");
        return vpc;
    }

    private static void defaultGroup(Sandbox sandbox, Ec2State state, String vpcId, String description) {
        Ec2State.SecurityGroup group = newGroup(sandbox, state, "default", description, vpcId);
        // The default group lets its own members talk to each other.
        Ec2State.Rule self = new Ec2State.Rule();
        self.ruleId = newRuleId(state);
        self.ipProtocol = "-1";
        self.sourceGroupId = group.groupId;
        group.ingress.add(self);
    }

    static Ec2State.InternetGateway newInternetGateway(Sandbox sandbox, Ec2State state) {
        Ec2State.InternetGateway gateway = new Ec2State.InternetGateway();
        gateway.internetGatewayId = newResourceId(sandbox, "igw");
        state.internetGateways.put(gateway.internetGatewayId, gateway);
        return gateway;
    }

    /** A route table with the VPC's local route; the main one carries the main association. */
    static Ec2State.RouteTable newRouteTable(Sandbox sandbox, Ec2State state, Ec2State.Vpc vpc, boolean main) {
        Ec2State.RouteTable table = new Ec2State.RouteTable();
        table.routeTableId = newResourceId(sandbox, "rtb");
        table.vpcId = vpc.vpcId;
        table.main = main;
        if (main) {
            table.mainAssociationId = newResourceId(sandbox, "rtbassoc");
        }
        Ec2State.Route local = new Ec2State.Route();
        local.destinationCidrBlock = vpc.cidrBlock;
        local.gatewayId = "local";
        local.origin = "CreateRouteTable";
        table.routes.add(local);
        state.routeTables.put(table.routeTableId, table);
        return table;
    }

    static String newRuleId(Ec2State state) {
        return "sgr-" + String.format("%017x", ++state.ruleCounter);
    }

    /** A fresh public IPv4 address (Elastic IPs, instances' public addresses) from a documentation-free pool. */
    static String publicAddress(Ec2State state) {
        int n = ++state.publicAddressCounter;
        return "44.192." + ((n >> 8) & 255) + "." + (n & 255);
    }

    static Ec2State.Vpc defaultVpc(Ec2State state) {
        return state.vpcs.values().stream().filter(vpc -> vpc.isDefault).findFirst().orElseThrow();
    }

    /** The route table a subnet uses: its explicit association, else its VPC's main table. */
    public static Ec2State.RouteTable routeTableOf(Ec2State state, Ec2State.Subnet subnet) {
        for (Ec2State.RouteTable table : state.routeTables.values()) {
            if (table.associations.stream().anyMatch(a -> subnet.subnetId.equals(a.subnetId))) {
                return table;
            }
        }
        return state.routeTables.values().stream().filter(t -> t.main && t.vpcId.equals(subnet.vpcId)).findFirst().orElse(null);
    }

    /** A route is a blackhole when its gateway is gone or detached, or its NAT gateway is not available. */
    static boolean routeActive(Ec2State state, Ec2State.Route route) {
        if (route.natGatewayId != null) {
            Ec2State.NatGateway nat = state.natGateways.get(route.natGatewayId);
            return nat != null && ("available".equals(nat.state) || "pending".equals(nat.state));
        }
        if (route.gatewayId != null && route.gatewayId.startsWith("igw-")) {
            Ec2State.InternetGateway gateway = state.internetGateways.get(route.gatewayId);
            return gateway != null && gateway.vpcId != null;
        }
        return true;
    }

    /**
     * Why a task in a subnet cannot pull an image, or null when it can: the subnet needs a default
     * route to an attached internet gateway or an available NAT gateway; without one, an image in ECR
     * is reachable only through the ecr.dkr and ecr.api interface endpoints and the S3 gateway endpoint.
     */
    public static String imagePullProblem(Sandbox sandbox, String subnetId, String image) {
        Ec2State state = state(sandbox);
        Ec2State.Subnet subnet = state.subnets.get(subnetId);
        if (subnet == null) {
            return null;
        }
        Ec2State.RouteTable table = routeTableOf(state, subnet);
        if (table != null) {
            for (Ec2State.Route route : table.routes) {
                boolean toInternet = route.gatewayId != null && route.gatewayId.startsWith("igw-") || route.natGatewayId != null;
                if ("0.0.0.0/0".equals(route.destinationCidrBlock) && toInternet && routeActive(state, route)
                        && (route.natGatewayId == null || "available".equals(state.natGateways.get(route.natGatewayId).state))) {
                    return null;
                }
            }
        }
        String registry = image.contains("/") && image.substring(0, image.indexOf('/')).contains(".")
                ? image.substring(0, image.indexOf('/')) : "registry-1.docker.io";
        boolean ecr = registry.contains(".dkr.ecr.");
        if (ecr) {
            String prefix = "com.amazonaws." + sandbox.region() + ".";
            boolean dkr = hasEndpoint(state, subnet.vpcId, prefix + "ecr.dkr", "Interface", null);
            boolean api = hasEndpoint(state, subnet.vpcId, prefix + "ecr.api", "Interface", null);
            boolean s3 = hasEndpoint(state, subnet.vpcId, prefix + "s3", "Gateway", table == null ? null : table.routeTableId);
            if (dkr && api && s3) {
                return null;
            }
        }
        String address = ecr ? "52.46.145.1" : "44.208.254.194";
        String reference = image.contains("/") && image.substring(0, image.indexOf('/')).contains(".") ? image
                : "docker.io/" + (image.contains("/") ? image : "library/" + image);
        String path = reference.substring(reference.indexOf('/') + 1);
        String tag = path.contains(":") ? path.substring(path.lastIndexOf(':') + 1) : "latest";
        String repository = path.contains(":") ? path.substring(0, path.lastIndexOf(':')) : path;
        return "CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref "
                + reference + (path.contains(":") ? "" : ":latest") + ": failed to do request: Head \"https://" + registry
                + "/v2/" + repository + "/manifests/" + tag + "\": dial tcp " + address + ":443: i/o timeout";
    }

    private static boolean hasEndpoint(Ec2State state, String vpcId, String serviceName, String type, String routeTableId) {
        return state.vpcEndpoints.values().stream().anyMatch(e -> e.vpcId.equals(vpcId) && e.serviceName.equals(serviceName)
                && e.vpcEndpointType.equals(type) && "available".equals(e.state)
                && (routeTableId == null || e.routeTableIds.contains(routeTableId)));
    }

    static Ec2State.SecurityGroup newGroup(Sandbox sandbox, Ec2State state, String name, String description, String vpcId) {
        Ec2State.SecurityGroup group = new Ec2State.SecurityGroup();
        group.groupId = newResourceId(sandbox, "sg");
        group.groupName = name;
        group.description = description;
        group.vpcId = vpcId;
        Ec2State.Rule allOut = new Ec2State.Rule();
        allOut.ruleId = newRuleId(state);
        allOut.ipProtocol = "-1";
        allOut.cidrIp = "0.0.0.0/0";
        group.egress.add(allOut);
        state.securityGroups.put(group.groupId, group);
        return group;
    }
}
