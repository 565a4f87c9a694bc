package org.ecslabs.simulator.codedeploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ServiceLoader;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * CodeDeploy drives ECS the way the real one does: through ECS's own API (DescribeServices,
 * CreateTaskSet, UpdateServicePrimaryTaskSet, DeleteTaskSet), called in-process on the same
 * sandbox and under the same lock.
 */
final class EcsGateway {
    static final String ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";

    record Service(String arn, String deploymentController, JsonNode node) {
    }

    private EcsGateway() {
    }

    /** Found once: services are stateless, their state lives in the sandbox. */
    private static final class Holder {
        static final AwsService ECS = ServiceLoader.load(AwsService.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(service -> ECS_TARGET_PREFIX.equals(service.targetPrefix()))
                .findFirst().orElse(null);
    }

    static JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        if (Holder.ECS == null) {
            throw new AwsException("InvalidECSServiceException", "The ECS service is not available in this simulator");
        }
        return Holder.ECS.call(sandbox, operation, input);
    }

    /** The service, or null when it does not exist or is not ACTIVE. */
    static Service service(Sandbox sandbox, String cluster, String service) {
        if (Holder.ECS == null) {
            return null;
        }
        ObjectNode input = CodeDeployService.MAPPER.createObjectNode();
        input.put("cluster", cluster);
        input.putArray("services").add(service);
        JsonNode found;
        try {
            found = call(sandbox, "DescribeServices", input).path("services").path(0);
        } catch (AwsException e) {
            return null;
        }
        if (found.isMissingNode() || !"ACTIVE".equals(found.path("status").asText())) {
            return null;
        }
        return new Service(found.path("serviceArn").asText(),
                found.path("deploymentController").path("type").asText("ECS"), found);
    }
}
