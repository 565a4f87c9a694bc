package org.ecslabs.simulator.codedeploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources.TaggedResource;

/**
 * Tags on applications ({@code arn:aws:codedeploy:<region>:<account>:application:<name>}) and
 * deployment groups ({@code ...:deploymentgroup:<application>/<group>}), kept by ARN.
 */
final class CodeDeployTags {
    private CodeDeployTags() {
    }

    static String applicationArn(Sandbox sandbox, String application) {
        return sandbox.arn("codedeploy", "application:" + application);
    }

    static String groupArn(Sandbox sandbox, String application, String group) {
        return sandbox.arn("codedeploy", "deploymentgroup:" + application + "/" + group);
    }

    /** Stores a create request's tags ([{Key, Value}]). */
    static void put(CodeDeployState state, String arn, JsonNode tags) {
        for (JsonNode tag : tags == null ? List.<JsonNode>of() : tags) {
            state.tags.computeIfAbsent(arn, key -> new LinkedHashMap<>()).put(tag.path("Key").asText(), tag.path("Value").asText(""));
        }
    }

    /** Drops the tags of an application and of its deployment groups. */
    static void removeApplication(Sandbox sandbox, CodeDeployState state, String application) {
        state.tags.remove(applicationArn(sandbox, application));
        state.tags.keySet().removeIf(arn -> arn.startsWith(groupArn(sandbox, application, "")));
    }

    static JsonNode tagResource(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        String arn = existing(sandbox, state, input);
        put(state, arn, input.path("Tags"));
        return CodeDeployService.MAPPER.createObjectNode();
    }

    static JsonNode untagResource(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        String arn = existing(sandbox, state, input);
        Map<String, String> tags = state.tags.get(arn);
        if (tags != null) {
            input.path("TagKeys").forEach(key -> tags.remove(key.asText()));
        }
        return CodeDeployService.MAPPER.createObjectNode();
    }

    static JsonNode list(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        String arn = existing(sandbox, state, input);
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        ArrayNode tags = output.putArray("Tags");
        state.tags.getOrDefault(arn, Map.of()).forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        return output;
    }

    static List<TaggedResource> tagged(Sandbox sandbox, CodeDeployState state) {
        List<TaggedResource> tagged = new ArrayList<>();
        state.applications.keySet().forEach(name -> {
            String arn = applicationArn(sandbox, name);
            TaggedResource.addIfTagged(tagged, arn, state.tags.get(arn));
        });
        state.deploymentGroups.values().forEach(group -> {
            String arn = groupArn(sandbox, group.applicationName, group.name);
            TaggedResource.addIfTagged(tagged, arn, state.tags.get(arn));
        });
        return tagged;
    }

    /** Whether an ARN names an application or deployment group of this sandbox. */
    static boolean exists(Sandbox sandbox, CodeDeployState state, String arn) {
        String applications = sandbox.arn("codedeploy", "application:");
        String groups = sandbox.arn("codedeploy", "deploymentgroup:");
        if (arn.startsWith(applications)) {
            return state.applications.containsKey(arn.substring(applications.length()));
        }
        return arn.startsWith(groups) && state.deploymentGroups.containsKey(arn.substring(groups.length()));
    }

    private static String existing(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        String arn = CodeDeployService.text(input, "ResourceArn");
        if (arn == null || arn.isEmpty()) {
            throw CodeDeployErrors.of("ResourceArnRequiredException", "The ARN of a resource is required, but was not found.");
        }
        if (!arn.matches("arn:aws:codedeploy:[^:]*:\\d{12}:(application|deploymentgroup):.+")) {
            throw CodeDeployErrors.of("InvalidArnException", "The specified ARN is not in a valid format: " + arn);
        }
        if (!exists(sandbox, state, arn)) {
            if (arn.contains(":application:")) {
                throw CodeDeployErrors.applicationDoesNotExist(arn.substring(arn.indexOf(":application:") + 13));
            }
            String name = arn.substring(arn.indexOf(":deploymentgroup:") + 17);
            throw CodeDeployErrors.deploymentGroupDoesNotExist("", name.substring(name.indexOf('/') + 1));
        }
        return arn;
    }
}
