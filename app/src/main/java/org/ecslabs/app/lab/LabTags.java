package org.ecslabs.app.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.ecslabs.app.cli.Operation;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;

/**
 * The tag that marks what a learner made for a lab, {@code ecslabs:lab = <lab id>}. Every create call
 * run in a lab's context (the console opened from the lab's page, the lab's setup run from the page)
 * carries it, in the shape the service takes (ECS {@code tags: [{key, value}]}, ELBv2
 * {@code Tags: [{Key, Value}]}, CloudWatch Logs {@code tags: {k: v}}, ...), so that the lab's
 * clean-up finds what it made with {@code tag:GetResources}, on the simulator and on a real account.
 */
public final class LabTags {

    /** The tag key; its value is the lab's id. */
    public static final String KEY = "ecslabs:lab";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LabTags() {
    }

    /**
     * {@code input} with the lab's tag added when {@code operation} creates a taggable resource, else
     * {@code input} unchanged. Tags the learner gave are kept; a lab tag they gave themselves wins.
     *
     * @param lab the lab id, or null outside a lab (nothing is added)
     */
    public static JsonNode tag(Operation operation, JsonNode input, String lab) {
        if (lab == null || !creates(operation.name())) {
            return input;
        }
        Optional<SdkField<?>> tags = operation.inputFields().stream()
                .filter(field -> field.memberName().equalsIgnoreCase("tags"))
                .findFirst();
        if (tags.isEmpty() || (input != null && input.path("Overwrite").asBoolean(false))) {
            // SSM refuses Tags together with Overwrite: an overwritten parameter keeps the tags it has.
            return input;
        }
        ObjectNode copy = input != null && input.isObject() ? ((ObjectNode) input).deepCopy() : NODES.objectNode();
        SdkField<?> field = tags.get();
        String name = field.memberName();
        if (field.marshallingType() == MarshallingType.MAP) {
            ObjectNode map = copy.path(name).isObject() ? (ObjectNode) copy.get(name) : copy.putObject(name);
            if (!map.has(KEY)) {
                map.put(KEY, lab);
            }
            return copy;
        }
        if (field.marshallingType() != MarshallingType.LIST) {
            return input;
        }
        SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
        if (member.marshallingType() != MarshallingType.SDK_POJO) {
            return input;
        }
        Optional<String> keyName = memberNamed(member, "key");
        Optional<String> valueName = memberNamed(member, "value");
        if (keyName.isEmpty() || valueName.isEmpty()) {
            return input;
        }
        ArrayNode list = copy.path(name).isArray() ? (ArrayNode) copy.get(name) : copy.putArray(name);
        for (JsonNode item : list) {
            if (KEY.equals(item.path(keyName.get()).asText(null))) {
                return copy;
            }
        }
        list.addObject().put(keyName.get(), KEY).put(valueName.get(), lab);
        return copy;
    }

    /** Operations that make something: tags given to anything else (TagResource itself) are the learner's. */
    private static boolean creates(String operation) {
        return operation.startsWith("Create") || operation.startsWith("Register") || operation.startsWith("Run")
                || operation.startsWith("Start") || operation.startsWith("Put");
    }

    private static Optional<String> memberNamed(SdkField<?> structure, String name) {
        return structure.constructor().get().sdkFields().stream()
                .map(SdkField::memberName)
                .filter(member -> member.equalsIgnoreCase(name))
                .findFirst();
    }
}
