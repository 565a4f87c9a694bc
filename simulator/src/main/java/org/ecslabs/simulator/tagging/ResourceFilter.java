package org.ecslabs.simulator.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.TaggedResources.TaggedResource;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * GetResources' filters: every tag filter must match (one of its values, or any value when it
 * names none), and the resource type, read from the ARN as {@code service:resource-type}, must
 * match one of the type filters ({@code ecs} or {@code ecs:cluster}) when there are any.
 */
record ResourceFilter(List<TagFilter> tagFilters, List<String> typeFilters) {

    record TagFilter(String key, List<String> values) {
        boolean matches(Map<String, String> tags) {
            return tags.containsKey(key) && (values.isEmpty() || values.contains(tags.get(key)));
        }
    }

    static ResourceFilter of(JsonNode input) {
        List<TagFilter> tagFilters = new ArrayList<>();
        JsonNode filters = input.path("TagFilters");
        if (filters.size() > 50) {
            throw new AwsException("InvalidParameterException", "TagFilters can contain at most 50 keys.");
        }
        for (JsonNode filter : filters) {
            String key = filter.path("Key").asText("");
            if (key.isEmpty()) {
                throw new AwsException("InvalidParameterException", "A TagFilter must contain a Key.");
            }
            List<String> values = new ArrayList<>();
            filter.path("Values").forEach(value -> values.add(value.asText()));
            if (values.size() > 20) {
                throw new AwsException("InvalidParameterException",
                        "The TagFilter for key " + key + " can contain at most 20 values.");
            }
            tagFilters.add(new TagFilter(key, values));
        }
        List<String> typeFilters = new ArrayList<>();
        for (JsonNode type : input.path("ResourceTypeFilters")) {
            String text = type.asText("");
            if (!text.matches("[a-z0-9-]+(:[A-Za-z0-9-]+)?")) {
                throw new AwsException("InvalidParameterException", "Unsupported resource type filter: " + text
                        + ". A resource type filter is a service (ecs) or service:resource-type (ecs:cluster).");
            }
            typeFilters.add(text);
        }
        return new ResourceFilter(tagFilters, typeFilters);
    }

    boolean matches(TaggedResource resource) {
        return tagFilters.stream().allMatch(filter -> filter.matches(resource.tags()))
                && (typeFilters.isEmpty() || typeFilters.stream().anyMatch(type -> typeMatches(type, resource.arn())));
    }

    /** {@code ecs} matches every ECS ARN, {@code ecs:cluster} only {@code arn:aws:ecs:...:cluster/...}. */
    static boolean typeMatches(String filter, String arn) {
        String type = resourceType(arn);
        return filter.contains(":") ? filter.equals(type) : type.startsWith(filter + ":");
    }

    /** {@code arn:aws:ecs:us-east-1:000000000000:cluster/lab} gives {@code ecs:cluster}. */
    static String resourceType(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return "";
        }
        String resource = parts[5];
        int end = resource.length();
        for (char separator : new char[] {'/', ':'}) {
            int at = resource.indexOf(separator);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return parts[2] + ":" + resource.substring(0, end);
    }
}
