package org.ecslabs.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AWS CLI's {@code --output table}, simplified: a titled box per structure, scalar members as
 * key/value rows, a list of structures as one row per item under a header of its members, and
 * nested structures as boxes inside boxes. Meant for reading, like the CLI's; scripts use text or json.
 */
final class TableOutput {

    /** One box: a title, optional column headers, rows of cells, and the boxes nested inside it. */
    private record Section(String title, List<String> headers, List<List<String>> rows, List<Section> children) {

        int[] columnWidths() {
            int columns = headers.isEmpty() ? rows.stream().mapToInt(List::size).max().orElse(0) : headers.size();
            int[] widths = new int[columns];
            for (int column = 0; column < columns; column++) {
                int widest = column < headers.size() ? headers.get(column).length() : 0;
                for (List<String> row : rows) {
                    if (column < row.size()) {
                        widest = Math.max(widest, row.get(column).length());
                    }
                }
                widths[column] = widest + 4;
            }
            return widths;
        }

        /** The inner width (between the outer borders) this box needs. */
        int width() {
            int[] widths = columnWidths();
            int table = widths.length == 0 ? 0 : widths.length - 1;
            for (int width : widths) {
                table += width;
            }
            int needed = Math.max(title.length() + 4, table);
            for (Section child : children) {
                needed = Math.max(needed, child.width() + 2);
            }
            return needed;
        }
    }

    private TableOutput() {
    }

    static String render(String title, JsonNode value) {
        Section root = section(title, value);
        int inner = root.width();
        List<String> lines = new ArrayList<>();
        lines.add("-".repeat(inner + 2));
        draw(root, inner, lines);
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    private static void draw(Section section, int inner, List<String> lines) {
        lines.add("|" + center(section.title(), inner) + "|");
        int[] widths = stretch(section.columnWidths(), inner);
        String rule = rule(widths, inner);
        lines.add(rule);
        if (!section.headers().isEmpty()) {
            lines.add(row(section.headers(), widths, inner, true));
            lines.add(rule);
        }
        for (List<String> cells : section.rows()) {
            lines.add(row(cells, widths, inner, false));
        }
        if (!section.rows().isEmpty() && !section.children().isEmpty()) {
            lines.add(rule);
        }
        for (Section child : section.children()) {
            List<String> nested = new ArrayList<>();
            draw(child, inner - 2, nested);
            nested.forEach(line -> lines.add("|" + line + "|"));
        }
    }

    private static Section section(String title, JsonNode value) {
        List<String> headers = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<Section> children = new ArrayList<>();
        if (value == null || value.isNull() || value.isMissingNode()) {
            rows.add(List.of("None"));
        } else if (value.isValueNode()) {
            rows.add(List.of(CommandRunner.scalar(value)));
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> member : iterable(value)) {
                if (member.getValue().isValueNode()) {
                    rows.add(List.of(member.getKey(), CommandRunner.scalar(member.getValue())));
                } else if (!member.getValue().isEmpty()) {
                    children.add(section(member.getKey(), member.getValue()));
                }
            }
        } else {
            Set<String> columns = new LinkedHashSet<>();
            value.forEach(item -> {
                if (item.isObject()) {
                    iterable(item).forEach(member -> {
                        if (member.getValue().isValueNode()) {
                            columns.add(member.getKey());
                        }
                    });
                }
            });
            headers.addAll(columns);
            for (JsonNode item : value) {
                if (item.isObject()) {
                    if (!columns.isEmpty()) {
                        rows.add(columns.stream().map(column -> item.has(column) ? CommandRunner.scalar(item.get(column)) : "").toList());
                    }
                    for (Map.Entry<String, JsonNode> member : iterable(item)) {
                        if (!member.getValue().isValueNode() && !member.getValue().isEmpty()) {
                            children.add(section(member.getKey(), member.getValue()));
                        }
                    }
                } else if (item.isArray()) {
                    List<String> cells = new ArrayList<>();
                    item.forEach(cell -> cells.add(cell.isValueNode() ? CommandRunner.scalar(cell) : cell.toString()));
                    rows.add(cells);
                } else {
                    rows.add(List.of(CommandRunner.scalar(item)));
                }
            }
        }
        return new Section(title, headers, rows, children);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    /** Gives the columns the box's whole inner width, the extra going to the last column. */
    private static int[] stretch(int[] widths, int inner) {
        if (widths.length == 0) {
            return widths;
        }
        int used = widths.length - 1;
        for (int width : widths) {
            used += width;
        }
        int[] stretched = widths.clone();
        stretched[stretched.length - 1] += inner - used;
        return stretched;
    }

    private static String rule(int[] widths, int inner) {
        if (widths.length == 0) {
            return "+" + "-".repeat(inner) + "+";
        }
        StringBuilder line = new StringBuilder("+");
        for (int width : widths) {
            line.append("-".repeat(width)).append('+');
        }
        return line.toString();
    }

    private static String row(List<String> cells, int[] widths, int inner, boolean centered) {
        StringBuilder line = new StringBuilder("|");
        for (int column = 0; column < widths.length; column++) {
            String cell = column < cells.size() ? cells.get(column) : "";
            line.append(centered ? center(cell, widths[column]) : pad("  " + cell, widths[column])).append('|');
        }
        return line.length() == 1 ? "|" + " ".repeat(inner) + "|" : line.toString();
    }

    private static String center(String text, int width) {
        int left = Math.max(0, (width - text.length()) / 2);
        return pad(" ".repeat(left) + text, width);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
