package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.protocol.AwsException;

/** Cluster operations: create, describe with counts and statistics, update, delete. */
final class Clusters {
    private static final String NAME_PATTERN = "[a-zA-Z0-9_-]{1,255}";

    private Clusters() {
    }

    static JsonNode create(Ecs ecs, ObjectNode input) {
        String name = Json.text(input, "clusterName", "default");
        if (!name.matches(NAME_PATTERN)) {
            throw AwsException.invalidParameter(
                    "Cluster name can have up to 255 characters. Valid characters are letters (uppercase and lowercase), numbers, hyphens, and underscores.");
        }
        EcsState.Cluster existing = ecs.state().clusters.get(name);
        if (existing != null && "ACTIVE".equals(existing.status)) {
            // CreateCluster is idempotent for an existing active cluster.
            return Json.object().set("cluster", json(ecs, existing, List.of("TAGS")));
        }
        EcsState.Cluster cluster = new EcsState.Cluster();
        cluster.clusterName = name;
        cluster.clusterArn = ecs.arn("cluster/" + name);
        cluster.status = "ACTIVE";
        cluster.settings = settings(input.get("settings"), null);
        cluster.configuration = Json.copy(input.get("configuration"));
        cluster.serviceConnectDefaults = Json.copy(input.get("serviceConnectDefaults"));
        List<String> providers = Json.strings(input, "capacityProviders");
        CapacityProviders.checkProvidersExist(ecs, providers);
        cluster.capacityProviders = new ArrayList<>(providers);
        JsonNode strategy = input.get("defaultCapacityProviderStrategy");
        cluster.defaultCapacityProviderStrategy = strategy == null ? Json.array() : strategy.deepCopy();
        CapacityProviders.checkStrategy(ecs, cluster, cluster.defaultCapacityProviderStrategy);
        ecs.state().tags.remove(cluster.clusterArn);
        ecs.putTags(cluster.clusterArn, input.get("tags"));
        ecs.state().clusters.put(name, cluster);
        return Json.object().set("cluster", json(ecs, cluster, List.of("TAGS")));
    }

    static JsonNode describe(Ecs ecs, ObjectNode input) {
        List<String> names = Json.strings(input, "clusters");
        if (names.isEmpty()) {
            names = List.of("default");
        }
        List<String> include = Json.strings(input, "include");
        ArrayNode clusters = Json.array();
        ArrayNode failures = Json.array();
        for (String reference : names) {
            EcsState.Cluster cluster = ecs.state().clusters.get(Json.lastSegment(reference));
            if (cluster == null) {
                failures.addObject().put("arn", ecs.arn("cluster/" + Json.lastSegment(reference))).put("reason", "MISSING");
            } else {
                clusters.add(json(ecs, cluster, include));
            }
        }
        ObjectNode out = Json.object();
        out.set("clusters", clusters);
        out.set("failures", failures);
        return out;
    }

    static JsonNode list(Ecs ecs, ObjectNode input) {
        List<String> arns = ecs.state().clusters.values().stream()
                .filter(cluster -> "ACTIVE".equals(cluster.status))
                .map(cluster -> cluster.clusterArn)
                .toList();
        return Pages.of(input, arns, "clusterArns", 100);
    }

    static JsonNode update(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        if (input.has("settings")) {
            cluster.settings = settings(input.get("settings"), cluster.settings);
        }
        if (input.has("configuration")) {
            cluster.configuration = Json.copy(input.get("configuration"));
        }
        if (input.has("serviceConnectDefaults")) {
            cluster.serviceConnectDefaults = Json.copy(input.get("serviceConnectDefaults"));
        }
        return Json.object().set("cluster", json(ecs, cluster, List.of()));
    }

    static JsonNode updateSettings(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        if (!input.has("settings")) {
            throw AwsException.invalidParameter("Settings can not be empty.");
        }
        cluster.settings = settings(input.get("settings"), cluster.settings);
        return Json.object().set("cluster", json(ecs, cluster, List.of()));
    }

    static JsonNode delete(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(Json.required(input, "cluster"));
        boolean services = ecs.state().services.values().stream()
                .anyMatch(s -> s.clusterArn.equals(cluster.clusterArn) && !"INACTIVE".equals(s.status));
        if (services) {
            throw new AwsException("ClusterContainsServicesException",
                    "The Cluster cannot be deleted while Services are active.");
        }
        boolean instances = ecs.state().containerInstances.values().stream()
                .anyMatch(i -> i.clusterArn.equals(cluster.clusterArn) && !"INACTIVE".equals(i.status));
        if (instances) {
            throw new AwsException("ClusterContainsContainerInstancesException",
                    "The Cluster cannot be deleted while Container Instances are active or draining.");
        }
        boolean tasks = ecs.state().tasks.values().stream()
                .anyMatch(t -> t.clusterArn.equals(cluster.clusterArn) && !t.stopped());
        if (tasks) {
            throw new AwsException("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
        }
        cluster.status = "INACTIVE";
        return Json.object().set("cluster", json(ecs, cluster, List.of()));
    }

    static JsonNode putCapacityProviders(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(Json.required(input, "cluster"));
        if (!input.has("capacityProviders")) {
            throw AwsException.invalidParameter("capacityProviders can not be null.");
        }
        if (!input.has("defaultCapacityProviderStrategy")) {
            throw AwsException.invalidParameter("defaultCapacityProviderStrategy can not be null.");
        }
        List<String> providers = Json.strings(input, "capacityProviders");
        CapacityProviders.checkProvidersExist(ecs, providers);
        for (String removed : cluster.capacityProviders) {
            if (!providers.contains(removed) && CapacityProviders.inUse(ecs, cluster, removed)) {
                throw AwsException.invalidParameter("The specified capacity provider " + removed
                        + " is in use and cannot be removed.");
            }
        }
        List<String> previous = cluster.capacityProviders;
        cluster.capacityProviders = new ArrayList<>(providers);
        try {
            CapacityProviders.checkStrategy(ecs, cluster, input.get("defaultCapacityProviderStrategy"));
        } catch (AwsException e) {
            cluster.capacityProviders = previous;
            throw e;
        }
        cluster.defaultCapacityProviderStrategy = input.get("defaultCapacityProviderStrategy").deepCopy();
        return Json.object().set("cluster", json(ecs, cluster, List.of()));
    }

    /** The cluster settings after a request: containerInsights is the only one, and it is always shown. */
    private static JsonNode settings(JsonNode requested, JsonNode current) {
        String insights = "disabled";
        if (current != null) {
            for (JsonNode setting : current) {
                if ("containerInsights".equals(Json.text(setting, "name"))) {
                    insights = Json.text(setting, "value");
                }
            }
        }
        if (requested != null && requested.isArray()) {
            for (JsonNode setting : requested) {
                String name = Json.text(setting, "name");
                String value = Json.text(setting, "value");
                if (!"containerInsights".equals(name)) {
                    throw AwsException.invalidParameter("Invalid cluster setting name: " + name
                            + ". Valid value is containerInsights.");
                }
                if (!List.of("enabled", "disabled", "enhanced").contains(value)) {
                    throw AwsException.invalidParameter("Invalid value for containerInsights. Valid values are enabled, disabled, enhanced.");
                }
                insights = value;
            }
        }
        ArrayNode settings = Json.array();
        settings.addObject().put("name", "containerInsights").put("value", insights);
        return settings;
    }

    static ObjectNode json(Ecs ecs, EcsState.Cluster cluster, List<String> include) {
        ObjectNode node = Json.view(cluster, "configuration", "serviceConnectDefaults");
        if (include.contains("CONFIGURATIONS") && cluster.configuration != null) {
            node.set("configuration", cluster.configuration);
        }
        if (cluster.serviceConnectDefaults != null) {
            node.set("serviceConnectDefaults", cluster.serviceConnectDefaults);
        }
        int running = 0;
        int pending = 0;
        int runningEc2 = 0;
        int runningFargate = 0;
        int pendingEc2 = 0;
        int pendingFargate = 0;
        for (EcsState.Task task : ecs.state().tasks.values()) {
            if (!task.clusterArn.equals(cluster.clusterArn)) {
                continue;
            }
            boolean fargate = "FARGATE".equals(task.launchType);
            if (task.running()) {
                running++;
                if (fargate) {
                    runningFargate++;
                } else {
                    runningEc2++;
                }
            } else if (task.pending()) {
                pending++;
                if (fargate) {
                    pendingFargate++;
                } else {
                    pendingEc2++;
                }
            }
        }
        int activeServices = 0;
        int activeFargateServices = 0;
        int drainingServices = 0;
        for (EcsState.Service service : ecs.state().services.values()) {
            if (service.clusterArn.equals(cluster.clusterArn)) {
                if ("ACTIVE".equals(service.status)) {
                    activeServices++;
                    if ("FARGATE".equals(service.launchType) || service.launchType == null) {
                        activeFargateServices++;
                    }
                } else if ("DRAINING".equals(service.status)) {
                    drainingServices++;
                }
            }
        }
        long instances = ecs.state().containerInstances.values().stream()
                .filter(i -> i.clusterArn.equals(cluster.clusterArn) && !"INACTIVE".equals(i.status))
                .count();
        node.put("registeredContainerInstancesCount", instances);
        node.put("runningTasksCount", running);
        node.put("pendingTasksCount", pending);
        node.put("activeServicesCount", activeServices);
        ArrayNode statistics = node.putArray("statistics");
        if (include.contains("STATISTICS")) {
            statistic(statistics, "runningEC2TasksCount", runningEc2);
            statistic(statistics, "runningFargateTasksCount", runningFargate);
            statistic(statistics, "pendingEC2TasksCount", pendingEc2);
            statistic(statistics, "pendingFargateTasksCount", pendingFargate);
            statistic(statistics, "activeEC2ServiceCount", activeServices - activeFargateServices);
            statistic(statistics, "activeFargateServiceCount", activeFargateServices);
            statistic(statistics, "drainingEC2ServiceCount", 0);
            statistic(statistics, "drainingFargateServiceCount", drainingServices);
        }
        if (include.contains("TAGS")) {
            node.set("tags", ecs.tagsJson(cluster.clusterArn));
        }
        if (include.contains("ATTACHMENTS")) {
            node.putArray("attachments");
        }
        return node;
    }

    private static void statistic(ArrayNode statistics, String name, int value) {
        statistics.addObject().put("name", name).put("value", String.valueOf(value));
    }
}
