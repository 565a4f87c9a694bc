package org.ecslabs.simulator.servicediscovery;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Cloud Map namespaces, services, instances and operations of one account in one region. */
public class CloudMapState {
    public Map<String, Namespace> namespaces = new LinkedHashMap<>();
    public Map<String, Service> services = new LinkedHashMap<>();
    public Map<String, Operation> operations = new LinkedHashMap<>();
    /** Bumped whenever any instance set changes: DiscoverInstances reports it as InstancesRevision. */
    public long revision;

    public static class Namespace {
        public String id;
        public String name;
        /** DNS_PRIVATE, DNS_PUBLIC or HTTP. */
        public String type;
        public String description;
        public String vpc;
        public String hostedZoneId;
        public String creatorRequestId;
        public long createdMillis;
        /** False until its CREATE_NAMESPACE operation has succeeded. */
        public boolean ready;
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    public static class Service {
        public String id;
        public String name;
        public String namespaceId;
        public String description;
        /** HTTP, DNS_HTTP or DNS. */
        public String type;
        public String routingPolicy;
        public Map<String, Long> dnsRecords = new LinkedHashMap<>();
        public Integer customHealthFailureThreshold;
        public boolean customHealth;
        public String creatorRequestId;
        public long createdMillis;
        public Map<String, Instance> instances = new LinkedHashMap<>();
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    public static class Instance {
        public String id;
        public String creatorRequestId;
        public Map<String, String> attributes = new LinkedHashMap<>();
        public String health = "HEALTHY";
    }

    public static class Operation {
        public String id;
        public String type;
        public String status;
        public long createdMillis;
        public long updatedMillis;
        public Map<String, String> targets = new LinkedHashMap<>();
    }
}
