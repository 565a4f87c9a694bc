package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.ecslabs.simulator.protocol.AwsException;

/** Small helpers for reading requests and writing responses in the API's own member names. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** A state object as the API shows it: its fields without the simulator's own bookkeeping. */
    static ObjectNode view(Object state, String... internal) {
        ObjectNode node = MAPPER.valueToTree(state);
        node.remove(List.of(internal));
        return node;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String text(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null ? fallback : value;
    }

    static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw AwsException.invalidParameter(field + " can not be blank.");
        }
        return value;
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asInt();
        }
        try {
            return Integer.valueOf(value.asText().trim());
        } catch (NumberFormatException e) {
            throw AwsException.clientException("Invalid value for " + field + ": " + value.asText());
        }
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && (value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(value.asText()));
    }

    static List<JsonNode> list(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        List<JsonNode> items = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(items::add);
        }
        return items;
    }

    static List<String> strings(JsonNode node, String field) {
        return list(node, field).stream().map(JsonNode::asText).toList();
    }

    static ArrayNode stringArray(Collection<String> values) {
        ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    static JsonNode copy(JsonNode node) {
        return node == null || node.isNull() ? null : node.deepCopy();
    }

    /** Epoch seconds with millisecond precision, as the JSON protocols carry timestamps. */
    static double seconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    /** A UUID-shaped id made from a 32-hex-digit id. */
    static String uuid(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }

    /** A run of decimal digits made from a 32-hex-digit id (deployment and revision ids are numeric). */
    static String digits(String hex, int count) {
        String decimal = new BigInteger(hex, 16).toString();
        while (decimal.length() < count) {
            decimal = "0" + decimal;
        }
        return decimal.substring(decimal.length() - count);
    }

    /** The last segment of a name-or-ARN: "web" for arn:...:service/cluster/web. */
    static String lastSegment(String nameOrArn) {
        int slash = nameOrArn.lastIndexOf('/');
        return slash >= 0 ? nameOrArn.substring(slash + 1) : nameOrArn;
    }
}
