package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sandbox's EC2: VPCs, subnets, gateways, route tables, security groups, endpoints, launch
 * templates and instances, created with the default VPC on first use.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class Ec2State {
    public boolean initialized;
    /** Whether the default VPC has its internet gateway and main route table (sandboxes older than them get them on use). */
    public boolean routingInitialized;
    public Map<String, Vpc> vpcs = new LinkedHashMap<>();
    public Map<String, Subnet> subnets = new LinkedHashMap<>();
    public Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    public Map<String, InternetGateway> internetGateways = new LinkedHashMap<>();
    public Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    public Map<String, NatGateway> natGateways = new LinkedHashMap<>();
    public Map<String, Address> addresses = new LinkedHashMap<>();
    public Map<String, VpcEndpoint> vpcEndpoints = new LinkedHashMap<>();
    public Map<String, LaunchTemplate> launchTemplates = new LinkedHashMap<>();
    public Map<String, Instance> instances = new LinkedHashMap<>();
    /** Tags by resource id. */
    public Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    /** Next host number handed out per subnet, so private addresses never repeat. */
    public Map<String, Integer> nextHost = new LinkedHashMap<>();
    public int ruleCounter;
    public int publicAddressCounter;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Vpc {
        public String vpcId;
        public String cidrBlock;
        public boolean isDefault;
        public boolean enableDnsHostnames;
        public boolean enableDnsSupport = true;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Subnet {
        public String subnetId;
        public String vpcId;
        public String cidrBlock;
        public String availabilityZone;
        public String availabilityZoneId;
        public boolean defaultForAz;
        /** Null: as EC2's default (true in default subnets only). */
        public Boolean mapPublicIpOnLaunch;

        public boolean mapsPublicIp() {
            return mapPublicIpOnLaunch != null ? mapPublicIpOnLaunch : defaultForAz;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class SecurityGroup {
        public String groupId;
        public String groupName;
        public String description;
        public String vpcId;
        public List<Rule> ingress = new ArrayList<>();
        public List<Rule> egress = new ArrayList<>();
    }

    /** One rule: protocol, port range and a CIDR or a source group. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Rule {
        public String ruleId;
        public String ipProtocol;
        public Integer fromPort;
        public Integer toPort;
        public String cidrIp;
        public String sourceGroupId;
        public String description;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class InternetGateway {
        public String internetGatewayId;
        /** The VPC it is attached to, or null. */
        public String vpcId;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class RouteTable {
        public String routeTableId;
        public String vpcId;
        public boolean main;
        public String mainAssociationId;
        public List<Route> routes = new ArrayList<>();
        public List<Association> associations = new ArrayList<>();
    }

    /** A route: a destination CIDR (or prefix list) to a gateway, NAT gateway or the VPC itself (gatewayId "local"). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Route {
        public String destinationCidrBlock;
        public String destinationPrefixListId;
        public String gatewayId;
        public String natGatewayId;
        public String origin;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Association {
        public String associationId;
        public String subnetId;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class NatGateway {
        public String natGatewayId;
        public String subnetId;
        public String vpcId;
        public String connectivityType;
        public String allocationId;
        public String privateIp;
        public String publicIp;
        public String networkInterfaceId;
        /** pending, available, deleting, deleted (or failed). */
        public String state;
        public long createdAt;
        public Long deletedAt;
        /** Simulated epoch second of the next state change. */
        public Long nextAt;
    }

    /** An Elastic IP address. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Address {
        public String allocationId;
        public String publicIp;
        public String associationId;
        public String natGatewayId;
        public String instanceId;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class VpcEndpoint {
        public String vpcEndpointId;
        public String vpcEndpointType;
        public String vpcId;
        public String serviceName;
        public String state;
        public boolean privateDnsEnabled;
        public String policyDocument;
        public List<String> routeTableIds = new ArrayList<>();
        public List<String> subnetIds = new ArrayList<>();
        public List<String> groupIds = new ArrayList<>();
        public List<String> networkInterfaceIds = new ArrayList<>();
        public long createdAt;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class LaunchTemplate {
        public String launchTemplateId;
        public String launchTemplateName;
        public long createdAt;
        public long defaultVersion = 1;
        public List<LaunchTemplateVersion> versions = new ArrayList<>();

        public long latestVersion() {
            return versions.get(versions.size() - 1).versionNumber;
        }
    }

    /** One version: the request's LaunchTemplateData as sent (query names). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class LaunchTemplateVersion {
        public long versionNumber;
        public String versionDescription;
        public long createdAt;
        public JsonNode data;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Instance {
        public String instanceId;
        public String reservationId;
        public String imageId;
        public String instanceType;
        public String subnetId;
        public String vpcId;
        public String availabilityZone;
        public String privateIp;
        public String publicIp;
        public List<String> groupIds = new ArrayList<>();
        public String keyName;
        public String iamInstanceProfileArn;
        /** The user data as sent (base64). */
        public String userData;
        public String launchTemplateId;
        public String launchTemplateVersion;
        public int amiLaunchIndex;
        public String clientToken;
        /** pending, running, shutting-down, terminated. */
        public String state;
        public String stateReason;
        public String stateTransitionReason;
        public long launchTime;
        /** Simulated epoch second of the next state change. */
        public Long nextAt;
        public Long runningAt;
        public Long terminatedAt;
        /** The ECS cluster the ECS agent joins (ECS-optimized AMI, or ECS_CLUSTER in the user data), or null. */
        public String ecsCluster;
        /** The container instance the agent registered, once it has. */
        public String containerInstanceArn;
        /** The Auto Scaling group that launched it, or null. */
        public String autoScalingGroupName;
        public boolean protectedFromScaleIn;

        public boolean live() {
            return "pending".equals(state) || "running".equals(state);
        }
    }
}
