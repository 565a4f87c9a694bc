package org.ecslabs.simulator.ec2;

import org.ecslabs.simulator.protocol.AwsException;

/** An IPv4 CIDR block: the network address and the prefix length. */
record Cidr(long base, int prefix) {
    static Cidr parse(String text, String errorCode) {
        String[] parts = text == null ? new String[0] : text.split("/");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            String[] octets = parts[0].split("\\.");
            if (octets.length != 4) {
                throw new NumberFormatException();
            }
            long address = 0;
            for (String octet : octets) {
                int value = Integer.parseInt(octet);
                if (value < 0 || value > 255) {
                    throw new NumberFormatException();
                }
                address = (address << 8) | value;
            }
            int prefix = Integer.parseInt(parts[1]);
            if (prefix < 0 || prefix > 32) {
                throw new NumberFormatException();
            }
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            return new Cidr(address & mask, prefix);
        } catch (NumberFormatException e) {
            throw new AwsException(errorCode, "The CIDR '" + text + "' is invalid.");
        }
    }

    long size() {
        return 1L << (32 - prefix);
    }

    boolean contains(Cidr other) {
        return other.prefix >= prefix && other.base >= base && other.base + other.size() <= base + size();
    }

    boolean overlaps(Cidr other) {
        return base < other.base + other.size() && other.base < base + size();
    }

    boolean containsAddress(String address) {
        Cidr host = parse(address + "/32", "InvalidParameterValue");
        return contains(host);
    }

    @Override
    public String toString() {
        return ((base >> 24) & 255) + "." + ((base >> 16) & 255) + "." + ((base >> 8) & 255) + "." + (base & 255) + "/" + prefix;
    }
}
