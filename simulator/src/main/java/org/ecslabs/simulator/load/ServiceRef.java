package org.ecslabs.simulator.load;

/** An ECS service by its cluster name and service name (never ARNs: those are resolved first). */
public record ServiceRef(String cluster, String service) {
    /** The Application Auto Scaling resource id of this service: {@code service/<cluster>/<service>}. */
    public String resourceId() {
        return "service/" + cluster + "/" + service;
    }

    String key() {
        return cluster + "/" + service;
    }
}
