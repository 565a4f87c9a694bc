package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * Capacity providers: FARGATE and FARGATE_SPOT exist in every account; Auto Scaling group providers
 * are stored with their managed scaling settings. Also the strategy rules and the base-then-weight split.
 */
final class CapacityProviders {
    static final List<String> FARGATE_PROVIDERS = List.of("FARGATE", "FARGATE_SPOT");

    private CapacityProviders() {
    }

    static JsonNode create(Ecs ecs, ObjectNode input) {
        String name = Json.required(input, "name");
        String lower = name.toLowerCase();
        if (lower.startsWith("aws") || lower.startsWith("ecs") || lower.startsWith("fargate")) {
            throw AwsException.invalidParameter(
                    "The capacity provider name cannot start with 'aws', 'ecs', or 'fargate'. Specify a different name and try again.");
        }
        EcsState.CapacityProvider existing = ecs.state().capacityProviders.get(name);
        if (existing != null && "ACTIVE".equals(existing.status)) {
            throw AwsException.clientException("The specified capacity provider already exists. To change the configuration "
                    + "of an existing capacity provider, update the capacity provider.");
        }
        JsonNode asg = input.get("autoScalingGroupProvider");
        if (asg == null || Json.text(asg, "autoScalingGroupArn") == null) {
            throw AwsException.invalidParameter("autoScalingGroupProvider.autoScalingGroupArn can not be blank.");
        }
        EcsState.CapacityProvider provider = new EcsState.CapacityProvider();
        provider.name = name;
        provider.capacityProviderArn = ecs.arn("capacity-provider/" + name);
        provider.status = "ACTIVE";
        provider.type = "EC2_AUTOSCALING";
        provider.autoScalingGroupProvider = withDefaults(asg.deepCopy(), null);
        ecs.state().capacityProviders.put(name, provider);
        ecs.state().tags.remove(provider.capacityProviderArn);
        ecs.putTags(provider.capacityProviderArn, input.get("tags"));
        return Json.object().set("capacityProvider", json(ecs, provider, true));
    }

    static JsonNode update(Ecs ecs, ObjectNode input) {
        EcsState.CapacityProvider provider = find(ecs, Json.required(input, "name"));
        JsonNode asg = input.get("autoScalingGroupProvider");
        if (asg != null) {
            provider.autoScalingGroupProvider = withDefaults((ObjectNode) asg.deepCopy(), provider.autoScalingGroupProvider);
        }
        provider.updateStatus = "UPDATE_COMPLETE";
        return Json.object().set("capacityProvider", json(ecs, provider, false));
    }

    static JsonNode delete(Ecs ecs, ObjectNode input) {
        EcsState.CapacityProvider provider = find(ecs, Json.required(input, "capacityProvider"));
        for (EcsState.Cluster cluster : ecs.state().clusters.values()) {
            if ("ACTIVE".equals(cluster.status) && cluster.capacityProviders.contains(provider.name)) {
                throw new AwsException("ResourceInUseException", "The specified capacity provider is in use by cluster "
                        + cluster.clusterName + ". Remove the capacity provider from the cluster and try again.");
            }
        }
        provider.status = "INACTIVE";
        provider.updateStatus = "DELETE_COMPLETE";
        return Json.object().set("capacityProvider", json(ecs, provider, false));
    }

    static JsonNode describe(Ecs ecs, ObjectNode input) {
        List<String> names = Json.strings(input, "capacityProviders");
        boolean tags = Json.strings(input, "include").contains("TAGS");
        ArrayNode providers = Json.array();
        ArrayNode failures = Json.array();
        if (names.isEmpty()) {
            for (String fargate : FARGATE_PROVIDERS) {
                providers.add(fargateJson(ecs, fargate));
            }
            ecs.state().capacityProviders.values().stream()
                    .filter(p -> "ACTIVE".equals(p.status))
                    .forEach(p -> providers.add(json(ecs, p, tags)));
        }
        for (String reference : names) {
            String name = Json.lastSegment(reference);
            EcsState.CapacityProvider provider = ecs.state().capacityProviders.get(name);
            if (FARGATE_PROVIDERS.contains(name)) {
                providers.add(fargateJson(ecs, name));
            } else if (provider != null) {
                providers.add(json(ecs, provider, tags));
            } else {
                failures.addObject().put("arn", ecs.arn("capacity-provider/" + name)).put("reason", "MISSING");
            }
        }
        ObjectNode out = Json.object();
        out.set("capacityProviders", providers);
        out.set("failures", failures);
        return out;
    }

    private static EcsState.CapacityProvider find(Ecs ecs, String reference) {
        EcsState.CapacityProvider provider = ecs.state().capacityProviders.get(Json.lastSegment(reference));
        if (provider == null || !"ACTIVE".equals(provider.status)) {
            throw AwsException.invalidParameter("The specified capacity provider does not exist. Specify a valid name or ARN and try again.");
        }
        return provider;
    }

    private static ObjectNode withDefaults(ObjectNode asg, JsonNode previous) {
        if (previous != null) {
            ObjectNode merged = previous.deepCopy();
            asg.fields().forEachRemaining(field -> {
                if (field.getKey().equals("managedScaling") && merged.has("managedScaling")) {
                    ((ObjectNode) merged.get("managedScaling")).setAll((ObjectNode) field.getValue());
                } else {
                    merged.set(field.getKey(), field.getValue());
                }
            });
            asg = merged;
        }
        ObjectNode scaling = asg.has("managedScaling") ? (ObjectNode) asg.get("managedScaling") : asg.putObject("managedScaling");
        putIfAbsent(scaling, "status", "DISABLED");
        if (!scaling.has("targetCapacity")) {
            scaling.put("targetCapacity", 100);
        }
        if (!scaling.has("minimumScalingStepSize")) {
            scaling.put("minimumScalingStepSize", 1);
        }
        if (!scaling.has("maximumScalingStepSize")) {
            scaling.put("maximumScalingStepSize", 10000);
        }
        if (!scaling.has("instanceWarmupPeriod")) {
            scaling.put("instanceWarmupPeriod", 300);
        }
        int target = scaling.get("targetCapacity").asInt();
        if (target < 1 || target > 100) {
            throw AwsException.invalidParameter("The managed scaling target capacity must be between 1 and 100.");
        }
        putIfAbsent(asg, "managedTerminationProtection", "DISABLED");
        putIfAbsent(asg, "managedDraining", "ENABLED");
        if ("ENABLED".equals(Json.text(asg, "managedTerminationProtection"))
                && !"ENABLED".equals(Json.text(scaling, "status"))) {
            throw AwsException.invalidParameter(
                    "The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, the capacity provider must have managed scaling enabled.");
        }
        return asg;
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (!node.has(field)) {
            node.put(field, value);
        }
    }

    private static ObjectNode json(Ecs ecs, EcsState.CapacityProvider provider, boolean tags) {
        ObjectNode node = Json.view(provider);
        if (tags) {
            node.set("tags", ecs.tagsJson(provider.capacityProviderArn));
        }
        return node;
    }

    private static ObjectNode fargateJson(Ecs ecs, String name) {
        ObjectNode node = Json.object();
        node.put("capacityProviderArn", ecs.arn("capacity-provider/" + name));
        node.put("name", name);
        node.put("status", "ACTIVE");
        node.put("type", name);
        node.putArray("tags");
        return node;
    }

    static boolean exists(Ecs ecs, String name) {
        EcsState.CapacityProvider provider = ecs.state().capacityProviders.get(name);
        return FARGATE_PROVIDERS.contains(name) || provider != null && "ACTIVE".equals(provider.status);
    }

    static void checkProvidersExist(Ecs ecs, List<String> names) {
        for (String name : names) {
            if (!exists(ecs, Json.lastSegment(name))) {
                throw AwsException.invalidParameter("The specified capacity provider '" + name
                        + "' does not exist. Specify a valid name or ARN and try again.");
            }
        }
    }

    static boolean inUse(Ecs ecs, EcsState.Cluster cluster, String provider) {
        return ecs.state().tasks.values().stream()
                .anyMatch(t -> t.clusterArn.equals(cluster.clusterArn) && !t.stopped() && provider.equals(t.capacityProviderName));
    }

    /** The rules ECS applies to a capacity provider strategy used with a cluster. */
    static void checkStrategy(Ecs ecs, EcsState.Cluster cluster, JsonNode strategy) {
        if (strategy == null || strategy.isEmpty()) {
            return;
        }
        int withBase = 0;
        int fargate = 0;
        int totalWeight = 0;
        for (JsonNode item : strategy) {
            String name = Json.text(item, "capacityProvider");
            if (name == null) {
                throw AwsException.invalidParameter("capacityProvider can not be blank.");
            }
            Integer weight = Json.integer(item, "weight");
            Integer base = Json.integer(item, "base");
            if (weight != null && (weight < 0 || weight > 1000)) {
                throw AwsException.invalidParameter("The capacity provider strategy weight must be between 0 and 1000.");
            }
            if (base != null && (base < 0 || base > 100000)) {
                throw AwsException.invalidParameter("The capacity provider strategy base must be between 0 and 100000.");
            }
            if (base != null && base > 0) {
                withBase++;
            }
            totalWeight += weight == null ? 0 : weight;
            if (FARGATE_PROVIDERS.contains(name)) {
                fargate++;
            }
            if (!cluster.capacityProviders.contains(name)) {
                throw AwsException.invalidParameter("The specified capacity provider strategy cannot contain a capacity "
                        + "provider that is not associated with the cluster. Associate the capacity provider with the "
                        + "cluster or specify a valid capacity provider and try again.");
            }
        }
        if (withBase > 1) {
            throw AwsException.invalidParameter(
                    "You can only specify a base value for one capacity provider in a capacity provider strategy.");
        }
        if (fargate > 0 && fargate < strategy.size()) {
            throw AwsException.invalidParameter("The specified capacity provider strategy cannot contain a mix of capacity "
                    + "providers using Auto Scaling groups and Fargate providers. Specify one or the other and try again.");
        }
        if (totalWeight == 0) {
            throw AwsException.invalidParameter(
                    "The capacity provider strategy must contain at least one capacity provider with a weight greater than 0.");
        }
    }

    /**
     * The provider for the next task, given how many tasks each provider already has: bases are filled
     * first, in strategy order; after that the task goes to the provider whose share of the tasks
     * beyond the bases is furthest below its weight's share (ties to the earlier provider).
     */
    static String pick(JsonNode strategy, Map<String, Integer> counts) {
        List<JsonNode> items = new ArrayList<>();
        strategy.forEach(items::add);
        for (JsonNode item : items) {
            String name = Json.text(item, "capacityProvider");
            Integer base = Json.integer(item, "base");
            if (base != null && counts.getOrDefault(name, 0) < base) {
                return name;
            }
        }
        int totalWeight = 0;
        int beyondBase = 0;
        for (JsonNode item : items) {
            Integer weight = Json.integer(item, "weight");
            totalWeight += weight == null ? 0 : weight;
            beyondBase += beyond(item, counts);
        }
        String best = null;
        double bestDeficit = Double.NEGATIVE_INFINITY;
        for (JsonNode item : items) {
            Integer weight = Json.integer(item, "weight");
            if (weight == null || weight == 0) {
                continue;
            }
            double deficit = (double) weight * (beyondBase + 1) / totalWeight - beyond(item, counts);
            if (deficit > bestDeficit + 1e-9) {
                bestDeficit = deficit;
                best = Json.text(item, "capacityProvider");
            }
        }
        return best;
    }

    private static int beyond(JsonNode item, Map<String, Integer> counts) {
        Integer base = Json.integer(item, "base");
        return Math.max(0, counts.getOrDefault(Json.text(item, "capacityProvider"), 0) - (base == null ? 0 : base));
    }
}
