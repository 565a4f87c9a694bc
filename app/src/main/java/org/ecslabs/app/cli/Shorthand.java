package org.ecslabs.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The AWS CLI's shorthand syntax, as far as labs use it: {@code Key=value,Key2=value2},
 * nested {@code {...}} structures, {@code [a,b]} lists, and {@code Name=x,Values=a,b} where the
 * bare {@code b} continues the previous key's list. Values stay text; the SDK model types them later.
 */
final class Shorthand {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private int at;

    private Shorthand(String text) {
        this.text = text;
    }

    /** Parses {@code Key=value,...} into a structure. */
    static ObjectNode structure(String text) {
        Shorthand parser = new Shorthand(text);
        ObjectNode result = parser.pairs('\0');
        if (parser.at < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.at) + "'");
        }
        return result;
    }

    /** Parses a comma-separated list of values ({@code a,b,c}). */
    static ArrayNode list(String text) {
        Shorthand parser = new Shorthand(text);
        ArrayNode result = parser.items('\0');
        if (parser.at < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.at) + "'");
        }
        return result;
    }

    private ObjectNode pairs(char close) {
        ObjectNode object = NODES.objectNode();
        String lastKey = null;
        while (at < text.length() && text.charAt(at) != close) {
            int start = at;
            String key = scalar(true);
            if (at < text.length() && text.charAt(at) == '=') {
                at++;
                lastKey = key.strip();
                if (lastKey.isEmpty()) {
                    throw error("a key is missing before '='");
                }
                object.set(lastKey, value());
            } else if (lastKey != null) {
                // A bare value after Key=a continues Key's list: Values=a,b,c.
                JsonNode previous = object.get(lastKey);
                ArrayNode list = previous.isArray() ? (ArrayNode) previous : NODES.arrayNode().add(previous);
                list.add(key);
                object.set(lastKey, list);
            } else {
                at = start;
                throw error("expected Key=value");
            }
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
            }
        }
        return object;
    }

    private ArrayNode items(char close) {
        ArrayNode list = NODES.arrayNode();
        while (at < text.length() && text.charAt(at) != close) {
            list.add(value());
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
            }
        }
        return list;
    }

    private JsonNode value() {
        if (at < text.length() && text.charAt(at) == '{') {
            at++;
            ObjectNode object = pairs('}');
            expect('}');
            return object;
        }
        if (at < text.length() && text.charAt(at) == '[') {
            at++;
            ArrayNode list = items(']');
            expect(']');
            return list;
        }
        return NODES.textNode(scalar(false));
    }

    /** Text up to the next separator; quotes protect separators. A key also stops at '='. */
    private String scalar(boolean key) {
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == ',' || c == ']' || c == '}' || (key && c == '=')) {
                break;
            }
            if (c == '"' || c == '\'') {
                int end = text.indexOf(c, at + 1);
                if (end < 0) {
                    throw error("a quote is never closed");
                }
                out.append(text, at + 1, end);
                at = end + 1;
                continue;
            }
            out.append(c);
            at++;
        }
        return out.toString();
    }

    private void expect(char c) {
        if (at >= text.length() || text.charAt(at) != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("shorthand '" + text + "': " + problem + " at character " + (at + 1));
    }
}
