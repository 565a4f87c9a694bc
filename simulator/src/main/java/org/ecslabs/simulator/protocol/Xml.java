package org.ecslabs.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Writes XML by hand: the responses are small and regular, and escaping is all it takes. */
final class Xml {
    private final StringBuilder out = new StringBuilder(256);

    Xml() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml open(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"");
        escape(namespace);
        out.append("\">");
        return this;
    }

    Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    Xml element(String name, String text) {
        open(name);
        escape(text);
        return close(name);
    }

    /**
     * Writes a tree as elements: object fields become elements, array elements become
     * {@code listItem} elements (member or item), scalars become text.
     */
    Xml content(JsonNode node, String listItem) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return this;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNull()) {
                    continue;
                }
                open(field.getKey());
                content(field.getValue(), listItem);
                close(field.getKey());
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                open(listItem);
                content(item, listItem);
                close(listItem);
            }
        } else {
            escape(node.asText());
        }
        return this;
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                default -> {
                    // Control characters other than tab and newline are not allowed in XML 1.0.
                    if (c < 0x20 && c != '\t' && c != '\n') {
                        out.append("&#xFFFD;");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
