package org.ecslabs.simulator.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.protocol.AwsException;

/** Reading awsJson1_1 request members, with AWS's validation messages. */
final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static String text(JsonNode input, String member) {
        JsonNode node = input.get(member);
        return node == null || node.isNull() ? null : node.asText();
    }

    static String required(JsonNode input, String member) {
        String value = text(input, member);
        if (value == null || value.isEmpty()) {
            throw validation("1 validation error detected: Value null at '" + lowerFirst(member)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static Integer integer(JsonNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() && !node.isTextual()) {
            throw validation("Value for " + member + " must be an integer.");
        }
        return node.asInt();
    }

    static Double number(JsonNode input, String member) {
        JsonNode node = input.get(member);
        return node == null || node.isNull() ? null : node.asDouble();
    }

    static boolean bool(JsonNode input, String member) {
        JsonNode node = input.get(member);
        return node != null && node.asBoolean();
    }

    static Long timestamp(JsonNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        return org.ecslabs.simulator.cloudwatch.Timestamps.parse(node, member);
    }

    static List<String> strings(JsonNode input, String member) {
        List<String> values = new ArrayList<>();
        JsonNode node = input.get(member);
        if (node != null && node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
        }
        return values;
    }

    static AwsException validation(String message) {
        return new AwsException("ValidationException", message);
    }

    private static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
