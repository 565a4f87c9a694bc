package org.ecslabs.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between Jackson trees in the API's own member names and SDK objects, through the
 * SDK's own model ({@link SdkPojo#sdkFields()}), so that one generic path serves every operation
 * of every service. Member names are the service model's (what the AWS CLI shows), not Java's.
 */
final class SdkTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkTrees() {
    }

    /** Fills {@code builder} from {@code input} and builds it; {@code path} names the spot in errors. */
    static Object toPojo(SdkPojo builder, JsonNode input, String path) {
        if (input != null && !input.isNull()) {
            if (!input.isObject()) {
                throw invalid(path, "expected a structure of members, found " + describe(input));
            }
            Map<String, SdkField<?>> fields = new LinkedHashMap<>();
            builder.sdkFields().forEach(field -> fields.put(field.memberName(), field));
            Iterator<Map.Entry<String, JsonNode>> members = input.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                SdkField<?> field = fields.get(member.getKey());
                if (field == null) {
                    throw invalid(path, "unknown member '" + member.getKey() + "' (known: "
                            + String.join(", ", fields.keySet()) + ")");
                }
                if (member.getValue().isNull()) {
                    continue;
                }
                field.set(builder, toValue(field, member.getValue(), path + "." + member.getKey()));
            }
        }
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static Object toValue(SdkField<?> field, JsonNode node, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return toPojo(field.constructor().get(), node, path);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> items = new ArrayList<>();
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    items.add(toValue(member, node.get(i), path + "[" + i + "]"));
                }
            } else {
                // A single value where a list is expected is a list of one, as the AWS CLI reads it.
                items.add(toValue(member, node, path + "[0]"));
            }
            return items;
        }
        if (type == MarshallingType.MAP) {
            if (!node.isObject()) {
                throw invalid(path, "expected a map, found " + describe(node));
            }
            SdkField<?> value = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(entry ->
                    map.put(entry.getKey(), toValue(value, entry.getValue(), path + "." + entry.getKey())));
            return map;
        }
        return toScalar(type, node, path);
    }

    private static Object toScalar(MarshallingType<?> type, JsonNode node, String path) {
        if (node.isContainerNode()) {
            throw invalid(path, "expected a single value, found " + describe(node));
        }
        String text = node.asText();
        try {
            if (type == MarshallingType.STRING) {
                return text;
            }
            if (type == MarshallingType.BOOLEAN) {
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(text);
                }
                throw invalid(path, "expected true or false, found " + describe(node));
            }
            if (type == MarshallingType.INTEGER) {
                return new BigDecimal(text).intValueExact();
            }
            if (type == MarshallingType.LONG) {
                return new BigDecimal(text).longValueExact();
            }
            if (type == MarshallingType.SHORT) {
                return new BigDecimal(text).shortValueExact();
            }
            if (type == MarshallingType.BYTE) {
                return new BigDecimal(text).byteValueExact();
            }
            if (type == MarshallingType.DOUBLE) {
                return Double.parseDouble(text);
            }
            if (type == MarshallingType.FLOAT) {
                return Float.parseFloat(text);
            }
            if (type == MarshallingType.BIG_DECIMAL) {
                return new BigDecimal(text);
            }
            if (type == MarshallingType.INSTANT) {
                return toInstant(node, path);
            }
            if (type == MarshallingType.SDK_BYTES) {
                return SdkBytes.fromUtf8String(text);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(path, "expected a number, found " + describe(node));
        }
        throw invalid(path, "values of this member cannot be given here");
    }

    private static Instant toInstant(JsonNode node, String path) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.decimalValue().movePointRight(3).longValue());
        }
        String text = node.asText().trim();
        try {
            if (text.matches("\\d+(\\.\\d+)?")) {
                return Instant.ofEpochMilli(new BigDecimal(text).movePointRight(3).longValue());
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(path, "expected a timestamp (epoch seconds or ISO 8601), found " + describe(node));
        }
    }

    /** The response (or any SDK structure) as a tree in the API's member names; absent members are left out. */
    static ObjectNode toTree(SdkPojo pojo) {
        ObjectNode tree = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            JsonNode value = toNode(field.getValueOrDefault(pojo));
            if (value != null) {
                tree.set(field.memberName(), value);
            }
        }
        return tree;
    }

    private static JsonNode toNode(Object value) {
        // The SDK's auto-construct collections stand for "not in the response", as the CLI leaves them out.
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return toTree(pojo);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> {
                JsonNode node = toNode(item);
                array.add(node == null ? NODES.nullNode() : node);
            });
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> {
                JsonNode node = toNode(item);
                object.set(String.valueOf(key), node == null ? NODES.nullNode() : node);
            });
            return object;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        }
        return NODES.textNode(String.valueOf(value));
    }

    private static OperationException invalid(String path, String problem) {
        return new OperationException(OperationException.Kind.INVALID_INPUT, path + ": " + problem);
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
