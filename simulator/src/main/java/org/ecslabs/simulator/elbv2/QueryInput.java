package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * Reading the folded query-protocol input (every scalar arrives as text) and writing
 * the output tree, whose timestamps the query protocol carries as ISO-8601.
 */
final class QueryInput {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private QueryInput() {
    }

    static String text(JsonNode input, String name) {
        JsonNode value = input == null ? null : input.get(name);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    static String required(JsonNode input, String name) {
        String value = text(input, name);
        if (value == null || value.isEmpty()) {
            throw Elbv2Errors.validation("1 validation error detected: Value null at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static Integer integer(JsonNode input, String name) {
        String value = text(input, name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw Elbv2Errors.validation("'" + value + "' is not a valid value for " + name);
        }
    }

    static Boolean bool(JsonNode input, String name) {
        String value = text(input, name);
        return value == null ? null : Boolean.valueOf(value.trim());
    }

    /** A list member: absent gives an empty list; the wire layer already dropped the {@code member} level. */
    static List<JsonNode> list(JsonNode input, String name) {
        JsonNode value = input == null ? null : input.get(name);
        List<JsonNode> items = new ArrayList<>();
        // An empty list goes on the wire as "Name=" (no members): that is no item, not one empty item.
        if (value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()) {
            return items;
        }
        if (value.isArray()) {
            value.forEach(items::add);
        } else if (value.isObject() && value.has("member")) {
            return list(value, "member");
        } else {
            items.add(value);
        }
        return items;
    }

    static List<String> strings(JsonNode input, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : list(input, name)) {
            values.add(item.asText());
        }
        return values;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static String iso(long epochSeconds) {
        return ISO.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** A short id as in ELBv2 ARNs (16 hex digits). */
    static String shortId(Sandbox sandbox) {
        return sandbox.newId().substring(0, 16);
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
