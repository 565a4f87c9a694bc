package org.ecslabs.simulator.load;

import java.util.List;
import java.util.Optional;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * What metrics and auto scaling need from ECS: which services exist, how many tasks run, and a
 * way to change desiredCount through ECS's own update path (so its scheduler and events follow).
 */
public interface EcsServices {
    /** Every active service of the sandbox, in a stable order. */
    List<ServiceRef> services(Sandbox sandbox);

    /** The service named by cluster and service, each a name or an ARN; empty when there is none. */
    Optional<ServiceRef> find(Sandbox sandbox, String cluster, String service);

    int runningCount(Sandbox sandbox, ServiceRef service);

    int desiredCount(Sandbox sandbox, ServiceRef service);

    /** Changes the service's desiredCount as UpdateService would. */
    void setDesiredCount(Sandbox sandbox, ServiceRef service, int desiredCount);

    /** The ARNs of the target groups the service registers its tasks with. */
    List<String> targetGroupArns(Sandbox sandbox, ServiceRef service);

    /** The implementation on the ECS service's own state, for the services the engine loads. */
    static EcsServices fromEcsState() {
        return new EcsBridge();
    }

    /** The cluster and service names of a resource id {@code service/<cluster>/<service>}, if it has that form. */
    static Optional<ServiceRef> parseResourceId(String resourceId) {
        if (resourceId == null || !resourceId.startsWith("service/")) {
            return Optional.empty();
        }
        String[] parts = resourceId.split("/", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceRef(parts[1], parts[2]));
    }
}
