package org.ecslabs.app.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.parser.ParseError;
import io.burt.jmespath.parser.ParseException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.app.cli.Operation;
import org.ecslabs.app.cli.OperationException;
import org.ecslabs.app.markdown.MarkdownFileException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the YAML of one {@code check} block and proves it can run: the operation exists, the input
 * builds a request, the expression compiles. Errors point at the line and column in the lab file.
 */
final class CheckParser {

    private static final Set<String> FIELDS = Set.of("id", "title", "call", "input", "expect", "fail");
    private static final List<String> REQUIRED = List.of("id", "title", "call", "expect", "fail");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckParser() {
    }

    /** {@code firstLine} is the file line of the block's first YAML line. */
    static Check parse(String file, String yamlText, int firstLine) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Node> values = new LinkedHashMap<>();
        Map<String, Object> loaded;
        try {
            Node root = yaml.compose(new StringReader(yamlText));
            if (!(root instanceof MappingNode mapping)) {
                throw new MarkdownFileException(file, firstLine, 1, "a check is a list of 'field: value' lines (id, title, call, input, expect, fail)");
            }
            for (NodeTuple tuple : mapping.getValue()) {
                Node key = tuple.getKeyNode();
                String name = key instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(key);
                if (!FIELDS.contains(name)) {
                    throw at(file, firstLine, key.getStartMark(), "unknown check field '" + name
                            + "' (allowed: id, title, call, input, expect, fail)");
                }
                if (values.put(name, tuple.getValueNode()) != null) {
                    throw at(file, firstLine, key.getStartMark(), "check field '" + name + "' is given twice");
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) yaml.load(yamlText);
            loaded = map;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw at(file, firstLine, mark, "the check is not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new MarkdownFileException(file, firstLine, 1, "the check is not valid YAML: " + e.getMessage());
        }
        for (String name : REQUIRED) {
            if (loaded.get(name) == null || String.valueOf(loaded.get(name)).isBlank()) {
                throw new MarkdownFileException(file, firstLine, 1, "the check has no '" + name + "'");
            }
        }
        String id = text(file, firstLine, values, loaded, "id");
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw at(file, firstLine, values.get("id").getStartMark(), "check id '" + id + "' must be lower-case words joined by hyphens");
        }
        String call = text(file, firstLine, values, loaded, "call");
        Mark callMark = values.get("call").getStartMark();
        int colon = call.indexOf(':');
        if (colon <= 0 || colon == call.length() - 1) {
            throw at(file, firstLine, callMark, "call must be 'service:Operation', e.g. ecs:DescribeServices; found '" + call + "'");
        }
        Operation operation;
        try {
            operation = Operation.find(call.substring(0, colon).trim(), call.substring(colon + 1).trim());
        } catch (OperationException e) {
            throw at(file, firstLine, callMark, e.getMessage());
        }
        ObjectNode input = JSON.createObjectNode();
        if (loaded.get("input") != null) {
            if (!(loaded.get("input") instanceof Map<?, ?>)) {
                throw at(file, firstLine, values.get("input").getStartMark(), "input must be a mapping of the API's member names, e.g. {cluster: lab-cluster}");
            }
            input = JSON.valueToTree(loaded.get("input"));
            try {
                operation.request(input);
            } catch (OperationException e) {
                throw at(file, firstLine, values.get("input").getStartMark(), e.getMessage());
            }
        }
        String expect = text(file, firstLine, values, loaded, "expect");
        try {
            CheckEngine.compile(expect);
        } catch (ParseException e) {
            Mark mark = values.get("expect").getStartMark();
            ParseError first = e.iterator().hasNext() ? e.iterator().next() : null;
            boolean quoted = values.get("expect") instanceof ScalarNode scalar && scalar.getScalarStyle().getChar() != null;
            int column = mark.getColumn() + 1 + (first == null ? 0 : first.position() + (quoted ? 1 : 0));
            throw new MarkdownFileException(file, firstLine + mark.getLine(), column,
                    "expect is not a valid JMESPath expression: " + (first == null ? e.getMessage() : first.message()));
        } catch (JmesPathException e) {
            throw at(file, firstLine, values.get("expect").getStartMark(), "expect is not a valid JMESPath expression: " + e.getMessage());
        }
        return new Check(id, text(file, firstLine, values, loaded, "title"), operation.service(), operation.name(), input,
                expect, text(file, firstLine, values, loaded, "fail"), firstLine - 1);
    }

    private static String text(String file, int firstLine, Map<String, Node> nodes, Map<String, Object> loaded, String name) {
        Object value = loaded.get(name);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw at(file, firstLine, nodes.get(name).getStartMark(), "check field '" + name + "' must be text");
        }
        return String.valueOf(value).strip();
    }

    private static MarkdownFileException at(String file, int firstLine, Mark mark, String problem) {
        if (mark == null) {
            return new MarkdownFileException(file, firstLine, 1, problem);
        }
        return new MarkdownFileException(file, firstLine + mark.getLine(), mark.getColumn() + 1, problem);
    }
}
