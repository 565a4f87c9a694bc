package org.ecslabs.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The query protocol's flat parameters ({@code Filter.1.Value.1=a}) and their tree form
 * ({@code {"Filter":[{"Value":["a"]}]}}), the shape the services work on.
 */
public final class QueryParameters {
    private static final Set<String> PROTOCOL_PARAMETERS = Set.of("Action", "Version");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private QueryParameters() {
    }

    /** The parameters of a query request: the URL query string plus a form-encoded body. */
    public static Map<String, String> of(WireRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parseInto(request.rawQuery(), parameters);
        String contentType = request.header("Content-Type");
        if (request.body().length > 0 && (contentType == null || contentType.contains("x-www-form-urlencoded"))) {
            parseInto(request.bodyText(), parameters);
        }
        return parameters;
    }

    static void parseInto(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            into.put(name, value);
            if (into.size() > RequestLimits.MAX_PARAMETERS) {
                throw malformed("The request has more than " + RequestLimits.MAX_PARAMETERS + " parameters.");
            }
            if (depth(name) > RequestLimits.MAX_PARAMETER_DEPTH) {
                throw malformed("The parameter name " + abbreviate(name) + " is nested deeper than "
                        + RequestLimits.MAX_PARAMETER_DEPTH + " levels.");
            }
        }
    }

    /** Form decoding that answers a bad % escape with the query protocol's error instead of failing. */
    public static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("The query string contains a syntax error: a % escape must be followed by two hex digits"
                    + " (in " + abbreviate(text) + ").");
        }
    }

    private static int depth(String name) {
        int segments = 1;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                segments++;
            }
        }
        return segments;
    }

    private static AwsException malformed(String message) {
        return new AwsException("MalformedQueryString", message);
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    /**
     * Folds flat parameters into a tree: a numbered segment makes a list ({@code Filter.1.Name},
     * EC2's {@code VpcId.1}), {@code .member.N} makes a list, {@code .entry.N.key/.value} makes
     * a map ({@code Attributes.entry.1.key=a&Attributes.entry.1.value=b} gives {@code {"a":"b"}}).
     * Action and Version are left out; every leaf is a string.
     */
    public static ObjectNode fold(Map<String, String> parameters) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (PROTOCOL_PARAMETERS.contains(parameter.getKey())) {
                continue;
            }
            String[] path = parameter.getKey().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < path.length - 1; i++) {
                node = child(node, path[i]);
            }
            node.put(path[path.length - 1], parameter.getValue());
        }
        return (ObjectNode) toJson(root);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> node, String segment) {
        Object existing = node.get(segment);
        if (existing instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        node.put(segment, created);
        return created;
    }

    @SuppressWarnings("unchecked")
    private static JsonNode toJson(Object value) {
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        Map<String, Object> map = (Map<String, Object>) value;
        if (map.size() == 1 && (map.containsKey("member") || map.containsKey("item"))
                && map.values().iterator().next() instanceof Map<?, ?> members
                && allIndexes((Map<String, Object>) members)) {
            return list((Map<String, Object>) members);
        }
        if (map.size() == 1 && map.get("entry") instanceof Map<?, ?> entries && allIndexes((Map<String, Object>) entries)) {
            ObjectNode object = NODES.objectNode();
            for (Object entry : ordered((Map<String, Object>) entries)) {
                if (entry instanceof Map<?, ?> pair && pair.get("key") instanceof String key) {
                    Object entryValue = pair.get("value");
                    object.set(key, entryValue == null ? NODES.nullNode() : toJson(entryValue));
                }
            }
            return object;
        }
        if (!map.isEmpty() && allIndexes(map)) {
            return list(map);
        }
        ObjectNode object = NODES.objectNode();
        map.forEach((name, child) -> object.set(name, toJson(child)));
        return object;
    }

    private static ArrayNode list(Map<String, Object> indexed) {
        ArrayNode array = NODES.arrayNode();
        for (Object item : ordered(indexed)) {
            array.add(toJson(item));
        }
        return array;
    }

    /** Numbered items in numeric order, so that item 10 follows item 9. */
    private static List<Object> ordered(Map<String, Object> indexed) {
        TreeMap<Integer, Object> sorted = new TreeMap<>();
        indexed.forEach((index, item) -> sorted.put(Integer.parseInt(index), item));
        return List.copyOf(sorted.values());
    }

    private static boolean allIndexes(Map<String, Object> map) {
        return !map.isEmpty() && map.keySet().stream().allMatch(QueryParameters::isIndex);
    }

    private static boolean isIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 6) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
