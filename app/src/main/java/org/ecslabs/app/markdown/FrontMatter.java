package org.ecslabs.app.markdown;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A Markdown file split into its YAML front matter and its body.
 * Errors carry the file's own line numbers (the front matter starts on line 2).
 *
 * @param file      the file's name as shown in errors
 * @param fields    the front matter's top-level fields, in file order
 * @param lines     for each field, the 1-based line of the file it starts on
 * @param body      everything after the closing {@code ---}
 * @param bodyLine  the 1-based line of the file the body starts on
 */
public record FrontMatter(String file, Map<String, Object> fields, Map<String, Integer> lines, String body, int bodyLine) {

    /**
     * Splits and parses {@code text}. Fields outside {@code allowed} are refused with their line,
     * as are missing {@code required} ones, so that a typo never passes silently.
     */
    public static FrontMatter parse(String file, String text, Set<String> allowed, Set<String> required) {
        String normalized = text.replace("\r\n", "\n");
        if (normalized.startsWith("\uFEFF")) {
            normalized = normalized.substring(1);
        }
        if (!normalized.startsWith("---\n")) {
            throw new MarkdownFileException(file, 1, 1, "expected front matter: the file must start with a line '---'");
        }
        int close = findClosingFence(normalized);
        if (close < 0) {
            throw new MarkdownFileException(file, 1, 1, "front matter is not closed: add a line '---' after it");
        }
        String yamlText = normalized.substring(4, close);
        int bodyStart = normalized.indexOf('\n', close + 1);
        String body = bodyStart < 0 ? "" : normalized.substring(bodyStart + 1);
        int bodyLine = countLines(normalized, bodyStart < 0 ? normalized.length() : bodyStart + 1) + 1;

        Map<String, Integer> lines = new LinkedHashMap<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try {
            Node root = yaml.compose(new java.io.StringReader(yamlText));
            if (root == null) {
                throw new MarkdownFileException(file, 2, 1, "front matter is empty");
            }
            if (!(root instanceof MappingNode mapping)) {
                throw new MarkdownFileException(file, 2, 1, "front matter must be a list of 'field: value' lines");
            }
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                int line = keyNode.getStartMark().getLine() + 2;
                int column = keyNode.getStartMark().getColumn() + 1;
                String key = keyNode instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(keyNode);
                if (!allowed.contains(key)) {
                    throw new MarkdownFileException(file, line, column,
                            "unknown field '" + key + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
                if (lines.containsKey(key)) {
                    throw new MarkdownFileException(file, line, column, "field '" + key + "' is given twice");
                }
                lines.put(key, line);
            }
            Object loaded = yaml.load(yamlText);
            if (loaded instanceof Map<?, ?> map) {
                map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 2 : mark.getLine() + 2;
            int column = mark == null ? 1 : mark.getColumn() + 1;
            throw new MarkdownFileException(file, line, column, "front matter is not valid YAML: " + e.getProblem());
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new MarkdownFileException(file, 2, 1, "front matter is not valid YAML: " + e.getMessage());
        }
        for (String key : required) {
            if (!fields.containsKey(key) || fields.get(key) == null) {
                throw new MarkdownFileException(file, 1, 1, "missing required field '" + key + "'");
            }
        }
        return new FrontMatter(file, fields, lines, body, bodyLine);
    }

    /** A required text field. */
    public String string(String key) {
        Object value = fields.get(key);
        if (value == null) {
            throw error(key, "missing required field '" + key + "'");
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw error(key, "field '" + key + "' must be a single value");
        }
        return String.valueOf(value).trim();
    }

    /** An optional text field, {@code fallback} when absent. */
    public String string(String key, String fallback) {
        return fields.get(key) == null ? fallback : string(key);
    }

    /** An optional whole-number field. */
    public int integer(String key, int fallback) {
        Object value = fields.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw error(key, "field '" + key + "' must be a whole number, found '" + value + "'");
        }
    }

    /** An optional list of text values; a single value counts as a list of one. */
    public List<String> strings(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> {
                if (item instanceof Map<?, ?>) {
                    throw error(key, "field '" + key + "' must be a list of plain values");
                }
                return String.valueOf(item).trim();
            }).toList();
        }
        return List.of(string(key));
    }

    /** An optional list of mappings (for example references with title and url). */
    public List<Map<String, Object>> maps(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw error(key, "field '" + key + "' must be a list");
        }
        return list.stream().map(item -> {
            if (!(item instanceof Map<?, ?> map)) {
                throw error(key, "each entry of '" + key + "' must be a mapping such as '- title: ... url: ...'");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }).toList();
    }

    /** An error about one field, pointing at the line it is on. */
    public MarkdownFileException error(String key, String problem) {
        return new MarkdownFileException(file, lines.getOrDefault(key, 1), 1, problem);
    }

    private static int findClosingFence(String text) {
        int from = 4;
        while (from <= text.length()) {
            int end = text.indexOf('\n', from);
            String line = end < 0 ? text.substring(from) : text.substring(from, end);
            if (line.stripTrailing().equals("---")) {
                return from;
            }
            if (end < 0) {
                return -1;
            }
            from = end + 1;
        }
        return -1;
    }

    private static int countLines(String text, int endExclusive) {
        int count = 0;
        for (int i = 0; i < endExclusive && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
