package org.ecslabs.simulator.elbv2;

import org.ecslabs.simulator.ec2.Ec2Network;
import org.ecslabs.simulator.ec2.Ec2State;
import org.ecslabs.simulator.engine.Sandbox;

/** Where ELBv2 learns about subnets, VPCs and security groups: the sandbox's EC2 networking. */
final class Subnets {
    record Subnet(String subnetId, String vpcId, String zoneName) {
    }

    private Subnets() {
    }

    static Subnet find(Sandbox sandbox, String subnetId) {
        Ec2State.Subnet subnet = subnetId == null ? null : Ec2Network.subnet(sandbox, subnetId).orElse(null);
        if (subnet == null) {
            throw Elbv2Errors.subnetNotFound(subnetId);
        }
        return new Subnet(subnet.subnetId, subnet.vpcId, subnet.availabilityZone);
    }

    static String defaultVpcId(Sandbox sandbox) {
        return Ec2Network.state(sandbox).vpcs.values().stream().filter(vpc -> vpc.isDefault)
                .map(vpc -> vpc.vpcId).findFirst().orElse(null);
    }

    static String defaultSecurityGroup(Sandbox sandbox, String vpcId) {
        return Ec2Network.defaultSecurityGroup(sandbox, vpcId).groupId;
    }

    static boolean vpcExists(Sandbox sandbox, String vpcId) {
        return vpcId != null && Ec2Network.state(sandbox).vpcs.containsKey(vpcId);
    }
}
