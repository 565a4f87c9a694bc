package org.ecslabs.simulator.taskenv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.servicediscovery.CloudMapRegistry;

/**
 * Registers a service's running task in Cloud Map, as ECS does for serviceRegistries and for
 * Service Connect, with the attributes ECS sets.
 */
final class Discovery {
    private Discovery() {
    }

    static void register(Sandbox sandbox, TaskView task, TaskEnvState.RunningTask running) {
        if (task.service() == null || task.privateIp() == null) {
            return;
        }
        for (JsonNode registry : task.service().path("serviceRegistries")) {
            String arn = registry.path("registryArn").asText();
            Integer port = registry.has("port") ? Integer.valueOf(registry.path("port").asInt())
                    : registry.has("containerPort") ? Integer.valueOf(registry.path("containerPort").asInt()) : null;
            add(sandbox, task, running, arn, port);
        }
        JsonNode connect = task.service().path("serviceConnectConfiguration");
        if (connect.path("enabled").asBoolean(false) && connect.hasNonNull("namespace")) {
            for (JsonNode service : connect.path("services")) {
                String portName = service.path("portName").asText();
                String name = service.path("discoveryName").asText(portName);
                String arn = CloudMapRegistry.serviceFor(sandbox, connect.path("namespace").asText(), name);
                if (arn != null) {
                    add(sandbox, task, running, arn, containerPort(task, portName));
                }
            }
        }
    }

    static void deregister(Sandbox sandbox, TaskEnvState.RunningTask running) {
        for (TaskEnvState.Registration registration : running.registrations) {
            CloudMapRegistry.deregister(sandbox, registration.registryArn, registration.instanceId);
        }
        running.registrations.clear();
    }

    private static void add(Sandbox sandbox, TaskView task, TaskEnvState.RunningTask running, String arn, Integer port) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("AWS_INSTANCE_IPV4", task.privateIp());
        if (port != null) {
            attributes.put("AWS_INSTANCE_PORT", String.valueOf(port));
        }
        attributes.put("AWS_INIT_HEALTH_STATUS", "HEALTHY");
        if (task.availabilityZone() != null) {
            attributes.put("AVAILABILITY_ZONE", task.availabilityZone());
        }
        attributes.put("ECS_CLUSTER_NAME", task.clusterName());
        if (task.serviceName() != null) {
            attributes.put("ECS_SERVICE_NAME", task.serviceName());
        }
        attributes.put("ECS_TASK_DEFINITION_FAMILY", task.taskDefinition().path("family").asText());
        attributes.put("REGION", sandbox.region());
        if (CloudMapRegistry.register(sandbox, arn, task.taskId(), attributes)) {
            TaskEnvState.Registration registration = new TaskEnvState.Registration();
            registration.registryArn = arn;
            registration.instanceId = task.taskId();
            running.registrations.add(registration);
        }
    }

    private static Integer containerPort(TaskView task, String portName) {
        for (JsonNode container : task.taskDefinition().path("containerDefinitions")) {
            for (JsonNode mapping : container.path("portMappings")) {
                if (portName.equals(mapping.path("name").asText())) {
                    return mapping.path("containerPort").asInt();
                }
            }
        }
        return null;
    }
}
