package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.ecslabs.simulator.protocol.AwsException;

/** Reading EC2's folded query input (Filter.N, TagSpecification.N, ...) and writing its common output pieces. */
final class Ec2Input {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Ec2Input() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode ok() {
        return object().put("return", true);
    }

    /** Whether a resource passes every {@code Filter.N} of the request; unknown filter names are refused. */
    static boolean matches(JsonNode input, Map<String, Supplier<List<String>>> fields) {
        for (JsonNode filter : list(input.get("Filter"))) {
            String name = text(filter, "Name");
            Supplier<List<String>> field = fields.get(name);
            if (field == null && name != null && name.startsWith("tag:")) {
                continue;
            }
            if (field == null) {
                throw new AwsException("InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
            List<String> wanted = strings(filter.get("Value"));
            List<String> actual = field.get();
            if (wanted.stream().noneMatch(value -> actual.stream().anyMatch(a -> a != null && glob(value, a)))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a resource's tags pass the request's {@code tag:<key>} and {@code tag-key} filters. */
    static boolean tagsMatch(JsonNode input, Map<String, String> tags) {
        for (JsonNode filter : list(input.get("Filter"))) {
            String name = text(filter, "Name");
            List<String> wanted = strings(filter.get("Value"));
            if (name != null && name.startsWith("tag:")) {
                String value = tags.get(name.substring(4));
                if (value == null || wanted.stream().noneMatch(w -> glob(w, value))) {
                    return false;
                }
            } else if ("tag-key".equals(name) && wanted.stream().noneMatch(tags::containsKey)) {
                return false;
            }
        }
        return true;
    }

    /** EC2 filter values accept * and ? wildcards. */
    static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return value.matches(regex.toString());
    }

    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (node.isObject() && node.fieldNames().hasNext() && isIndexed(node)) {
            // An unfolded {"1": .., "2": ..} form, in case a caller sends one.
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        return items;
    }

    private static boolean isIndexed(JsonNode node) {
        return node.fieldNames().next().chars().allMatch(Character::isDigit);
    }

    static List<String> strings(JsonNode node) {
        return list(node).stream().map(JsonNode::asText).toList();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isEmpty()) {
            String wire = Character.toLowerCase(field.charAt(0)) + field.substring(1);
            throw new AwsException("MissingParameter", "The request must contain the parameter " + wire);
        }
        return value;
    }

    static Integer integer(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new AwsException("InvalidParameterValue", "Invalid value '" + value + "' for " + field);
        }
    }

    static Boolean bool(JsonNode node, String field) {
        String value = text(node, field);
        return value == null ? null : Boolean.valueOf(value);
    }

    /** The {@code Value} of an attribute given as {@code EnableDnsHostnames.Value=true}, or null. */
    static Boolean attributeValue(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isObject() ? bool(value, "Value") : Boolean.valueOf(value.asText());
    }

    /** EC2's timestamps: ISO-8601 in UTC with milliseconds. */
    static String iso(long epochSeconds) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(epochSeconds)).replace("Z", ".000Z");
    }

    static ArrayNode stringItems(List<String> values) {
        ArrayNode items = MAPPER.createArrayNode();
        values.forEach(items::add);
        return items;
    }
}
