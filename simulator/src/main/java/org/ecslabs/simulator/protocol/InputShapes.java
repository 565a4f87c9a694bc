package org.ecslabs.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The input shapes of the operations the simulator answers, taken from the AWS API models
 * ({@code input-shapes.json}, written by {@code simulator/tools/input-shapes.py}), and the check
 * that a request's members have the types the model gives them, before any service reads them.
 * AWS refuses a value of the wrong type in the same way, whatever the operation: the JSON
 * protocols with a SerializationException, the query protocols with a validation error.
 * Operations without a model (the control API, services not in the file) are not checked.
 * Thread-safe: immutable after loading.
 */
public final class InputShapes {
    private static final InputShapes BUNDLED = load();

    private final JsonNode operations;
    private final JsonNode shapes;

    private InputShapes(JsonNode model) {
        this.operations = model.path("operations");
        this.shapes = model.path("shapes");
    }

    public static InputShapes bundled() {
        return BUNDLED;
    }

    private static InputShapes load() {
        try (InputStream in = InputShapes.class.getResourceAsStream("input-shapes.json")) {
            if (in == null) {
                throw new IllegalStateException("input-shapes.json is missing from the simulator's jar");
            }
            return new InputShapes(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JSON or CBOR input: every member must have its model's JSON type. Null members are removed,
     * as AWS reads them as absent.
     *
     * @param service the X-Amz-Target prefix
     */
    public void checkJson(String service, String operation, ObjectNode input) {
        String shape = operations.path(service).path(operation).asText(null);
        if (shape != null) {
            walk(input, shape, "", false);
        }
    }

    /**
     * A query-protocol input folded into a tree: a member the model calls a structure or list must
     * not be a single value, a scalar must not have sub-parameters, numbers and booleans must read
     * as such.
     *
     * @param service the signing name
     * @param code    the error code the service uses for a bad parameter
     */
    public void checkQuery(String service, String operation, ObjectNode input, String code) {
        String shape = operations.path(service).path(operation).asText(null);
        if (shape != null) {
            try {
                walk(input, shape, "", true);
            } catch (AwsException e) {
                throw new AwsException(code, e.getMessage());
            }
        }
    }

    private void walk(JsonNode value, String shapeName, String path, boolean query) {
        JsonNode shape = shapes.path(shapeName);
        if (shape.has("structure")) {
            ObjectNode object = object(value, "a structure", path);
            JsonNode members = shape.get("structure");
            List<String> nulls = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode member = members.get(field.getKey());
                if (field.getValue().isNull()) {
                    nulls.add(field.getKey());
                } else if (member != null) {
                    walk(field.getValue(), member.asText(), join(path, field.getKey()), query);
                }
            }
            object.remove(nulls);
        } else if (shape.has("list")) {
            if (query && value.isTextual() && value.asText().isEmpty()) {
                // The query protocol sends an empty list as the bare member name ("Conditions=").
                return;
            }
            if (!value.isArray()) {
                throw mismatch(value, "a list", path);
            }
            int index = query ? 1 : 0;
            for (JsonNode item : (ArrayNode) value) {
                if (!item.isNull()) {
                    walk(item, shape.get("list").asText(), path + "[" + index + "]", query);
                }
                index++;
            }
        } else if (shape.has("map")) {
            ObjectNode object = object(value, "a map", path);
            Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                if (!entry.getValue().isNull()) {
                    walk(entry.getValue(), shape.get("map").asText(), join(path, entry.getKey()), query);
                }
            }
        } else {
            scalar(value, shapeName, path, query);
        }
    }

    private static void scalar(JsonNode value, String type, String path, boolean query) {
        if (query) {
            if (!value.isTextual()) {
                throw mismatch(value, "a single value", path);
            }
            String text = value.asText();
            boolean fits = switch (type) {
                case "integer", "long" -> text.trim().matches("-?[0-9]{1,19}");
                case "double", "float" -> text.trim().matches("-?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?");
                case "boolean" -> "true".equalsIgnoreCase(text.trim()) || "false".equalsIgnoreCase(text.trim());
                default -> true;
            };
            if (!fits) {
                throw new AwsException("ValidationError", "Value '" + abbreviate(text) + "' at '" + path
                        + "' failed to satisfy constraint: Member must be of type " + type + ".");
            }
            return;
        }
        boolean fits = switch (type) {
            case "integer", "long", "double", "float" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "timestamp" -> value.isNumber() || value.isTextual();
            default -> value.isTextual();
        };
        if (!fits) {
            throw mismatch(value, "a " + type, path);
        }
    }

    private static ObjectNode object(JsonNode value, String wanted, String path) {
        if (value instanceof ObjectNode object) {
            return object;
        }
        throw mismatch(value, wanted, path);
    }

    private static AwsException mismatch(JsonNode value, String wanted, String path) {
        String found = value.isObject() ? "a structure" : value.isArray() ? "a list" : value.isTextual() ? "a string"
                : value.isBoolean() ? "a boolean" : value.isNumber() ? "a number" : "a " + value.getNodeType();
        return new AwsException("SerializationException", "Unexpected value type at '" + path + "': found " + found
                + " where the model wants " + wanted + ".");
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
