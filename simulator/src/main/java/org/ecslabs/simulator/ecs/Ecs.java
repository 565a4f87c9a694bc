package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** What every ECS operation works with: the sandbox, its ECS state, and the lookups AWS does by name or ARN. */
record Ecs(Sandbox sandbox, EcsState state) {

    static Ecs of(Sandbox sandbox) {
        return new Ecs(sandbox, sandbox.state(EcsState.class));
    }

    double now() {
        return Json.seconds(sandbox.now());
    }

    String arn(String resource) {
        return sandbox.arn("ecs", resource);
    }

    String newId() {
        return sandbox.newId();
    }

    /** The cluster a request names (name or ARN), "default" when it names none. */
    EcsState.Cluster cluster(String nameOrArn) {
        String name = nameOrArn == null || nameOrArn.isBlank() ? "default" : Json.lastSegment(nameOrArn);
        EcsState.Cluster cluster = state.clusters.get(name);
        if (cluster == null || !"ACTIVE".equals(cluster.status) && !"PROVISIONING".equals(cluster.status)) {
            throw new AwsException("ClusterNotFoundException", "Cluster not found.");
        }
        return cluster;
    }

    EcsState.Cluster cluster(JsonNode input) {
        return cluster(Json.text(input, "cluster"));
    }

    /** A task definition by family (latest ACTIVE revision), family:revision or ARN; null when unknown. */
    EcsState.TaskDef findTaskDefinition(String reference) {
        if (reference == null) {
            return null;
        }
        String key = reference.contains("task-definition/") ? reference.substring(reference.indexOf("task-definition/") + 16)
                : reference;
        if (key.contains(":")) {
            EcsState.TaskDef def = state.taskDefinitions.get(key);
            return def == null || "DELETE_IN_PROGRESS".equals(def.status) ? null : def;
        }
        EcsState.TaskDef latest = null;
        for (EcsState.TaskDef def : state.taskDefinitions.values()) {
            if (def.family.equals(key) && "ACTIVE".equals(def.status) && (latest == null || def.revision > latest.revision)) {
                latest = def;
            }
        }
        return latest;
    }

    /** A task definition a task or service is to run: ACTIVE (or INACTIVE when named by revision, as AWS allows). */
    EcsState.TaskDef taskDefinitionToRun(String reference) {
        if (reference == null || reference.isBlank()) {
            throw AwsException.invalidParameter("Task Definition can not be blank.");
        }
        EcsState.TaskDef def = findTaskDefinition(reference);
        if (def == null) {
            throw AwsException.clientException("TaskDefinition not found.");
        }
        return def;
    }

    EcsState.Service service(EcsState.Cluster cluster, String nameOrArn) {
        if (nameOrArn == null) {
            throw AwsException.invalidParameter("Service can not be blank.");
        }
        EcsState.Service service = state.services.get(serviceArn(cluster, nameOrArn));
        if (service == null) {
            throw new AwsException("ServiceNotFoundException", "Service not found.");
        }
        return service;
    }

    String serviceArn(EcsState.Cluster cluster, String nameOrArn) {
        return arn("service/" + cluster.clusterName + "/" + Json.lastSegment(nameOrArn));
    }

    String taskArn(EcsState.Cluster cluster, String idOrArn) {
        return arn("task/" + cluster.clusterName + "/" + Json.lastSegment(idOrArn));
    }

    String containerInstanceArn(EcsState.Cluster cluster, String idOrArn) {
        return arn("container-instance/" + cluster.clusterName + "/" + Json.lastSegment(idOrArn));
    }

    ArrayNode tagsJson(String arn) {
        ArrayNode tags = Json.array();
        state.tags.getOrDefault(arn, Map.of()).forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        return tags;
    }

    /** Stores the tags of a request ([{key, value}]), checking them as ECS does. */
    void putTags(String arn, JsonNode tags) {
        if (tags == null || !tags.isArray() || tags.isEmpty()) {
            return;
        }
        Map<String, String> current = state.tags.computeIfAbsent(arn, a -> new LinkedHashMap<>());
        for (JsonNode tag : tags) {
            String key = Json.text(tag, "key");
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw AwsException.invalidParameter("Tag keys must be between 1 and 128 characters.");
            }
            if (key.toLowerCase().startsWith("aws:")) {
                throw AwsException.invalidParameter("Tag keys beginning with aws: are reserved for AWS use.");
            }
            current.put(key, Json.text(tag, "value", ""));
        }
        if (current.size() > 50) {
            throw AwsException.invalidParameter("The number of tags on a resource may not exceed 50.");
        }
    }
}
