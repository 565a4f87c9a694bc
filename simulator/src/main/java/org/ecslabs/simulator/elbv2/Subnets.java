package org.ecslabs.simulator.elbv2;

import org.ecslabs.simulator.engine.Sandbox;

/**
 * Where ELBv2 learns about subnets, VPCs and security groups. Until the EC2 model is
 * wired in, any subnet id is accepted and placed in a zone derived from its id.
 */
final class Subnets {
    record Subnet(String subnetId, String vpcId, String zoneName) {
    }

    private Subnets() {
    }

    static Subnet find(Sandbox sandbox, String subnetId) {
        if (subnetId == null || !subnetId.startsWith("subnet-")) {
            throw Elbv2Errors.subnetNotFound(subnetId);
        }
        char zone = (char) ('a' + Math.floorMod(subnetId.hashCode(), 6));
        return new Subnet(subnetId, defaultVpcId(sandbox), sandbox.region() + zone);
    }

    static String defaultVpcId(Sandbox sandbox) {
        return "vpc-" + hex(sandbox.accountId() + sandbox.region(), 17);
    }

    static String defaultSecurityGroup(Sandbox sandbox, String vpcId) {
        return "sg-" + hex(vpcId, 17);
    }

    static boolean vpcExists(Sandbox sandbox, String vpcId) {
        return vpcId != null && vpcId.startsWith("vpc-");
    }

    private static String hex(String seed, int length) {
        StringBuilder out = new StringBuilder();
        long value = seed.hashCode();
        while (out.length() < length) {
            value = value * 6364136223846793005L + 1442695040888963407L;
            out.append(Long.toHexString(value >>> 60));
        }
        return out.toString();
    }
}
