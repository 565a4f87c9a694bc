package org.ecslabs.simulator.load;

import java.util.TreeMap;

/** The demand set with SetServiceLoad, per service ({@code cluster/service}). */
public class LoadState {
    public TreeMap<String, ServiceLoad> services = new TreeMap<>();

    /**
     * Demand is kept in task units (utilization percent times tasks), so that the same work
     * spread over more tasks shows a lower average, as it would on real hardware.
     */
    public static class ServiceLoad {
        public Double cpuDemand;
        public Double memoryDemand;
        public Double requestsPerSecond;
    }
}
