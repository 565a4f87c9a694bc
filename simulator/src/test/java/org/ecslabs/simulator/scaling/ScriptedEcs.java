package org.ecslabs.simulator.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.load.EcsServices;
import org.ecslabs.simulator.load.ServiceRef;

/**
 * ECS reduced to what scaling reads and writes: per service a desired and a running count; a
 * task takes {@code startSeconds} simulated seconds to reach RUNNING and stops at once.
 */
final class ScriptedEcs implements EcsServices {
    private final Map<ServiceRef, int[]> counts = new LinkedHashMap<>();
    private final Map<ServiceRef, List<String>> targetGroups = new LinkedHashMap<>();
    private final int startSeconds;
    private final Map<ServiceRef, Integer> pendingFor = new LinkedHashMap<>();
    final List<String> updates = new ArrayList<>();

    ScriptedEcs(int startSeconds) {
        this.startSeconds = startSeconds;
    }

    void service(String cluster, String service, int running, String... targetGroupArns) {
        ServiceRef ref = new ServiceRef(cluster, service);
        counts.put(ref, new int[] {running, running});
        targetGroups.put(ref, List.of(targetGroupArns));
    }

    void tick() {
        counts.forEach((ref, count) -> {
            if (count[1] > count[0]) {
                count[1] = count[0];
            } else if (count[1] < count[0]) {
                int waited = pendingFor.merge(ref, 1, Integer::sum);
                if (waited >= startSeconds) {
                    count[1] = count[0];
                    pendingFor.remove(ref);
                }
            }
        });
    }

    @Override
    public List<ServiceRef> services(Sandbox sandbox) {
        return List.copyOf(counts.keySet());
    }

    @Override
    public Optional<ServiceRef> find(Sandbox sandbox, String cluster, String service) {
        String clusterName = cluster.substring(cluster.lastIndexOf('/') + 1);
        String serviceName = service.substring(service.lastIndexOf('/') + 1);
        ServiceRef ref = new ServiceRef(clusterName, serviceName);
        return counts.containsKey(ref) ? Optional.of(ref) : Optional.empty();
    }

    @Override
    public int runningCount(Sandbox sandbox, ServiceRef service) {
        return counts.get(service)[1];
    }

    @Override
    public int desiredCount(Sandbox sandbox, ServiceRef service) {
        return counts.get(service)[0];
    }

    @Override
    public void setDesiredCount(Sandbox sandbox, ServiceRef service, int desiredCount) {
        counts.get(service)[0] = desiredCount;
        updates.add(service.service() + "=" + desiredCount);
    }

    @Override
    public List<String> targetGroupArns(Sandbox sandbox, ServiceRef service) {
        return targetGroups.get(service);
    }
}
