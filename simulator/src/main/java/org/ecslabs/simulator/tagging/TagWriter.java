package org.ecslabs.simulator.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;

/**
 * TagResources and UntagResources: each ARN goes to the service that owns it; one that no
 * service can tag is reported in FailedResourcesMap, as AWS reports per-resource failures.
 */
final class TagWriter {
    private TagWriter() {
    }

    static JsonNode call(Sandbox sandbox, String operation, ObjectNode input, List<TaggedResources> sources) {
        boolean tagging = operation.equals("TagResources");
        List<String> arns = new ArrayList<>();
        input.path("ResourceARNList").forEach(arn -> arns.add(arn.asText()));
        if (arns.isEmpty() || arns.size() > 20) {
            throw TaggingService.invalid("ResourceARNList must contain between 1 and 20 ARNs.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        if (tagging) {
            input.path("Tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText("")));
            if (tags.isEmpty() || tags.size() > 50) {
                throw TaggingService.invalid("Tags must contain between 1 and 50 tags.");
            }
            if (tags.keySet().stream().anyMatch(key -> key.startsWith("aws:"))) {
                throw TaggingService.invalid("Tag keys starting with aws: are reserved for AWS use.");
            }
        } else {
            input.path("TagKeys").forEach(key -> keys.add(key.asText()));
            if (keys.isEmpty() || keys.size() > 50) {
                throw TaggingService.invalid("TagKeys must contain between 1 and 50 keys.");
            }
        }
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ObjectNode failed = output.putObject("FailedResourcesMap");
        for (String arn : arns) {
            boolean done = false;
            for (TaggedResources source : sources) {
                done = tagging ? source.tagResource(sandbox, arn, tags) : source.untagResource(sandbox, arn, keys);
                if (done) {
                    break;
                }
            }
            if (!done) {
                failed.putObject(arn).put("StatusCode", 400).put("ErrorCode", "InvalidParameterException")
                        .put("ErrorMessage", "The resource " + arn + " does not exist or cannot be tagged through this API.");
            }
        }
        return output;
    }
}
