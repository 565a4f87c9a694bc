package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One sandbox's EC2 networking: VPCs, subnets and security groups, created with the default VPC on first use. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class Ec2State {
    public boolean initialized;
    public Map<String, Vpc> vpcs = new LinkedHashMap<>();
    public Map<String, Subnet> subnets = new LinkedHashMap<>();
    public Map<String, SecurityGroup> securityGroups = new LinkedHashMap<>();
    /** Next host number handed out per subnet, so private addresses never repeat. */
    public Map<String, Integer> nextHost = new LinkedHashMap<>();
    public int ruleCounter;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Vpc {
        public String vpcId;
        public String cidrBlock;
        public boolean isDefault;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Subnet {
        public String subnetId;
        public String vpcId;
        public String cidrBlock;
        public String availabilityZone;
        public String availabilityZoneId;
        public boolean defaultForAz;
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
    }
}
