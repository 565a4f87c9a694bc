package org.ecslabs.simulator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ecslabs.simulator.ecs.EcsService;
import org.ecslabs.simulator.ecs.EcsState;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * {@link EcsServices} on the ECS service's own state. Reads go to {@link EcsState}; a change of
 * desiredCount goes through ECS's UpdateService, so its scheduler starts or stops tasks and
 * writes the service events, exactly as when a student calls UpdateService.
 */
final class EcsBridge implements EcsServices {
    private final EcsService ecs = new EcsService();

    @Override
    public List<ServiceRef> services(Sandbox sandbox) {
        List<ServiceRef> services = new ArrayList<>();
        for (EcsState.Service service : sandbox.state(EcsState.class).services.values()) {
            if ("ACTIVE".equals(service.status)) {
                services.add(new ServiceRef(lastSegment(service.clusterArn), service.serviceName));
            }
        }
        return services;
    }

    @Override
    public Optional<ServiceRef> find(Sandbox sandbox, String cluster, String service) {
        ServiceRef ref = new ServiceRef(lastSegment(cluster), lastSegment(service));
        return Optional.ofNullable(service(sandbox, ref)).map(found -> ref);
    }

    private static EcsState.Service service(Sandbox sandbox, ServiceRef ref) {
        EcsState.Service service = sandbox.state(EcsState.class).services
                .get(sandbox.arn("ecs", "service/" + ref.cluster() + "/" + ref.service()));
        return service != null && "ACTIVE".equals(service.status) ? service : null;
    }

    @Override
    public int runningCount(Sandbox sandbox, ServiceRef ref) {
        EcsState.Service service = service(sandbox, ref);
        if (service == null) {
            return 0;
        }
        int running = 0;
        for (EcsState.Task task : sandbox.state(EcsState.class).tasks.values()) {
            if (service.serviceArn.equals(task.serviceArn) && "RUNNING".equals(task.lastStatus)) {
                running++;
            }
        }
        return running;
    }

    @Override
    public int desiredCount(Sandbox sandbox, ServiceRef ref) {
        EcsState.Service service = service(sandbox, ref);
        return service == null ? 0 : service.desiredCount;
    }

    @Override
    public void setDesiredCount(Sandbox sandbox, ServiceRef ref, int desiredCount) {
        ecs.call(sandbox, "UpdateService", JsonNodeFactory.instance.objectNode()
                .put("cluster", ref.cluster())
                .put("service", ref.service())
                .put("desiredCount", desiredCount));
    }

    @Override
    public List<String> targetGroupArns(Sandbox sandbox, ServiceRef ref) {
        EcsState.Service service = service(sandbox, ref);
        List<String> arns = new ArrayList<>();
        if (service != null && service.loadBalancers != null) {
            for (JsonNode loadBalancer : service.loadBalancers) {
                if (loadBalancer.hasNonNull("targetGroupArn")) {
                    arns.add(loadBalancer.get("targetGroupArn").asText());
                }
            }
        }
        return arns;
    }

    private static String lastSegment(String nameOrArn) {
        int slash = nameOrArn.lastIndexOf('/');
        return slash >= 0 ? nameOrArn.substring(slash + 1) : nameOrArn;
    }
}
