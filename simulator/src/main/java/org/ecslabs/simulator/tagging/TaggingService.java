package org.ecslabs.simulator.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.engine.TaggedResources.TaggedResource;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * The Resource Groups Tagging API: GetResources, GetTagKeys and GetTagValues over the tagged
 * resources of every simulated service that implements {@link TaggedResources}, in the caller's
 * account and region. IAM roles are not among them, as on AWS. Holds no state of its own: it reads
 * the other services' state, and its pagination tokens carry the offset of the next page.
 */
public class TaggingService implements AwsService {
    private static final int DEFAULT_RESOURCES_PER_PAGE = 100;
    private static final int TAG_PAGE = 500;

    /** Found on first use: loading them from the constructor would load this service again. */
    private List<TaggedResources> sources;

    /** Nothing to keep: the tags live with the resources. */
    public static final class NoState {
    }

    @Override
    public String signingName() {
        return "tagging";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return "ResourceGroupsTaggingAPI_20170126";
    }

    @Override
    public Class<?> stateType() {
        return NoState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        return switch (operation) {
            case "GetResources" -> getResources(sandbox, input);
            case "GetTagKeys" -> getTagKeys(sandbox, input);
            case "GetTagValues" -> getTagValues(sandbox, input);
            case "TagResources", "UntagResources" -> TagWriter.call(sandbox, operation, input, sources());
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    private JsonNode getResources(Sandbox sandbox, ObjectNode input) {
        boolean byArn = input.has("ResourceARNList");
        if (byArn && (input.has("TagFilters") || input.has("ResourceTypeFilters"))) {
            throw invalid("You can't specify both ResourceARNList and TagFilters or ResourceTypeFilters in the same request.");
        }
        if (byArn && (input.has("ResourcesPerPage") || input.has("TagsPerPage") || input.has("PaginationToken"))) {
            throw invalid("You can't specify both ResourceARNList and pagination parameters in the same request.");
        }
        int perPage = DEFAULT_RESOURCES_PER_PAGE;
        if (input.has("ResourcesPerPage")) {
            perPage = input.path("ResourcesPerPage").asInt();
            if (perPage < 1 || perPage > 100) {
                throw invalid("ResourcesPerPage must be between 1 and 100.");
            }
        }
        if (input.has("TagsPerPage")) {
            int tagsPerPage = input.path("TagsPerPage").asInt();
            if (tagsPerPage < 100 || tagsPerPage > 500) {
                throw invalid("TagsPerPage must be between 100 and 500.");
            }
        }
        List<TaggedResource> matching;
        if (byArn) {
            JsonNode arns = input.path("ResourceARNList");
            if (arns.isEmpty() || arns.size() > 100) {
                throw invalid("ResourceARNList must contain between 1 and 100 ARNs.");
            }
            List<String> wanted = new ArrayList<>();
            arns.forEach(arn -> wanted.add(arn.asText()));
            matching = all(sandbox).stream().filter(r -> wanted.contains(r.arn())).toList();
        } else {
            ResourceFilter filter = ResourceFilter.of(input);
            matching = all(sandbox).stream().filter(filter::matches).toList();
        }
        int from = offset(input);
        int to = Math.min(matching.size(), from + perPage);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("PaginationToken", to < matching.size() ? token(to) : "");
        ArrayNode list = output.putArray("ResourceTagMappingList");
        for (TaggedResource resource : matching.subList(Math.min(from, matching.size()), to)) {
            ObjectNode mapping = list.addObject().put("ResourceARN", resource.arn());
            ArrayNode tags = mapping.putArray("Tags");
            resource.tags().forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        }
        return output;
    }

    private JsonNode getTagKeys(Sandbox sandbox, ObjectNode input) {
        TreeSet<String> keys = new TreeSet<>();
        all(sandbox).forEach(resource -> keys.addAll(resource.tags().keySet()));
        return page(new ArrayList<>(keys), offset(input), "TagKeys");
    }

    private JsonNode getTagValues(Sandbox sandbox, ObjectNode input) {
        String key = input.path("Key").asText("");
        if (key.isEmpty()) {
            throw invalid("Key is a required parameter.");
        }
        TreeSet<String> values = new TreeSet<>();
        all(sandbox).forEach(resource -> {
            if (resource.tags().containsKey(key)) {
                values.add(resource.tags().get(key));
            }
        });
        return page(new ArrayList<>(values), offset(input), "TagValues");
    }

    private static JsonNode page(List<String> items, int from, String member) {
        int to = Math.min(items.size(), from + TAG_PAGE);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("PaginationToken", to < items.size() ? token(to) : "");
        ArrayNode list = output.putArray(member);
        items.subList(Math.min(from, items.size()), to).forEach(list::add);
        return output;
    }

    private List<TaggedResource> all(Sandbox sandbox) {
        List<TaggedResource> resources = new ArrayList<>();
        for (TaggedResources source : sources()) {
            resources.addAll(source.taggedResources(sandbox));
        }
        return resources;
    }

    private synchronized List<TaggedResources> sources() {
        if (sources == null) {
            List<TaggedResources> found = new ArrayList<>();
            for (AwsService service : ServiceLoader.load(AwsService.class, AwsService.class.getClassLoader())) {
                if (service instanceof TaggedResources tagged) {
                    found.add(tagged);
                }
            }
            sources = List.copyOf(found);
        }
        return sources;
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(JsonNode input) {
        String token = input.path("PaginationToken").asText("");
        if (token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below (NumberFormatException is one too)
        }
        throw invalid("The specified pagination token is not valid.");
    }

    static AwsException invalid(String message) {
        return new AwsException("InvalidParameterException", message);
    }
}
