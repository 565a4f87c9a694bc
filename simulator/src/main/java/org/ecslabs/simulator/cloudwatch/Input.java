package org.ecslabs.simulator.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.cloudwatch.CloudWatchState.Dimension;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * Reads CloudWatch request members whichever protocol delivered them: query requests carry every
 * scalar as text, JSON and CBOR carry numbers and booleans as such.
 */
final class Input {
    private Input() {
    }

    static String text(JsonNode input, String member) {
        JsonNode node = input.get(member);
        return node == null || node.isNull() ? null : node.asText();
    }

    static String required(JsonNode input, String member) {
        String value = text(input, member);
        if (value == null || value.isEmpty()) {
            throw new AwsException("MissingParameter", "The parameter " + member + " is required.");
        }
        return value;
    }

    static Integer integer(JsonNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asInt();
        }
        try {
            return Integer.parseInt(node.asText().trim());
        } catch (NumberFormatException e) {
            throw new AwsException("InvalidParameterValue",
                    "The value " + node.asText() + " for parameter " + member + " is not a valid integer.");
        }
    }

    static Double number(JsonNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(node.asText().trim());
        } catch (NumberFormatException e) {
            throw new AwsException("InvalidParameterValue",
                    "The value " + node.asText() + " for parameter " + member + " is not a valid number.");
        }
    }

    static Boolean bool(JsonNode input, String member) {
        JsonNode node = input.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isBoolean() ? node.asBoolean() : Boolean.parseBoolean(node.asText().trim());
    }

    static Long timestamp(JsonNode input, String member) {
        JsonNode node = input.get(member);
        return node == null || node.isNull() ? null : Timestamps.parse(node, member);
    }

    /** A list member; query requests with one element may fold it to a scalar or object. */
    static List<JsonNode> list(JsonNode input, String member) {
        JsonNode node = input.get(member);
        List<JsonNode> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (node.isObject() && node.has("member")) {
            return list(node, "member");
        } else {
            items.add(node);
        }
        return items;
    }

    static List<String> strings(JsonNode input, String member) {
        return list(input, member).stream().map(JsonNode::asText).toList();
    }

    static List<Dimension> dimensions(JsonNode input, String member) {
        List<Dimension> dimensions = new ArrayList<>();
        for (JsonNode item : list(input, member)) {
            String name = text(item, "Name");
            String value = text(item, "Value");
            if (name == null || value == null) {
                throw new AwsException("InvalidParameterValue", "A dimension needs both Name and Value.");
            }
            dimensions.add(new Dimension(name, value));
        }
        return dimensions;
    }

    static ObjectNode object(JsonNode node) {
        return node instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    }
}
