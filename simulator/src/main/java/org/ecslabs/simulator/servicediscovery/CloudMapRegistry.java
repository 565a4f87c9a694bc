package org.ecslabs.simulator.servicediscovery;

import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;

/** How ECS registers and deregisters a service's tasks, with the same effects as the API. */
public final class CloudMapRegistry {
    private CloudMapRegistry() {
    }

    /** Whether a registry ARN (arn:aws:servicediscovery:...:service/srv-...) names a service of this sandbox. */
    public static boolean exists(Sandbox sandbox, String registryArn) {
        String id = registryArn.substring(registryArn.lastIndexOf('/') + 1);
        return sandbox.state(CloudMapState.class).services.containsKey(id);
    }

    /** Registers (or re-registers) an instance; false if the Cloud Map service does not exist. */
    public static boolean register(Sandbox sandbox, String registryArn, String instanceId, Map<String, String> attributes) {
        CloudMapState state = sandbox.state(CloudMapState.class);
        CloudMapState.Service service = state.services.get(registryArn.substring(registryArn.lastIndexOf('/') + 1));
        if (service == null) {
            return false;
        }
        CloudMapState.Instance instance = new CloudMapState.Instance();
        instance.id = instanceId;
        instance.attributes.putAll(attributes);
        service.instances.put(instanceId, instance);
        state.revision++;
        CloudMapService.submit(sandbox, state, "REGISTER_INSTANCE", Map.of("SERVICE", service.id, "INSTANCE", instanceId));
        return true;
    }

    public static void deregister(Sandbox sandbox, String registryArn, String instanceId) {
        CloudMapState state = sandbox.state(CloudMapState.class);
        CloudMapState.Service service = state.services.get(registryArn.substring(registryArn.lastIndexOf('/') + 1));
        if (service != null && service.instances.remove(instanceId) != null) {
            state.revision++;
            CloudMapService.submit(sandbox, state, "DEREGISTER_INSTANCE", Map.of("SERVICE", service.id, "INSTANCE", instanceId));
        }
    }

    /**
     * The Cloud Map service Service Connect uses for a discovery name in a namespace (given by
     * name, id or ARN), created as ECS creates it when missing; null if the namespace does not exist.
     */
    public static String serviceFor(Sandbox sandbox, String namespace, String discoveryName) {
        CloudMapState state = sandbox.state(CloudMapState.class);
        String wanted = namespace.startsWith("arn:") ? namespace.substring(namespace.lastIndexOf('/') + 1) : namespace;
        CloudMapState.Namespace found = state.namespaces.values().stream()
                .filter(n -> n.ready && (n.id.equals(wanted) || n.name.equals(wanted)))
                .findFirst().orElse(null);
        if (found == null) {
            return null;
        }
        CloudMapState.Service service = state.services.values().stream()
                .filter(s -> s.namespaceId.equals(found.id) && s.name.equals(discoveryName))
                .findFirst().orElse(null);
        if (service == null) {
            service = new CloudMapState.Service();
            String hex = sandbox.newId();
            service.id = "srv-" + hex.substring(0, 16);
            service.name = discoveryName;
            service.namespaceId = found.id;
            service.type = "HTTP";
            service.description = "Managed by Amazon ECS";
            service.createdMillis = sandbox.now().toEpochMilli();
            state.services.put(service.id, service);
        }
        return sandbox.arn("servicediscovery", "service/" + service.id);
    }
}
