package org.ecslabs.app.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ecslabs.app.cli.Command;
import org.ecslabs.app.cli.Shell;
import org.ecslabs.app.markdown.MarkdownFileException;

/** A line-by-line reader of the body: sections, fences, admonitions. */
final class LabBodyParser {

    private static final Set<String> SETUP_TITLES = Set.of("setup");
    private static final Set<String> CLEANUP_TITLES = Set.of("clean-up", "cleanup", "clean up");

    private final String file;
    private final List<String> lines;
    private final int firstLine;
    private final Set<String> checkIds = new HashSet<>();
    private String introduction = "";
    private Lab.Section setupSection;
    private Lab.Section cleanupSection;
    private final List<Step> steps = new ArrayList<>();

    /** The body's parts. */
    record Body(String introduction, Optional<Lab.Section> setup, Optional<Lab.Section> cleanup, List<Step> steps) {
    }

    LabBodyParser(String file, String text, int firstLine) {
        this.file = file;
        this.lines = List.of(text.split("\n", -1));
        this.firstLine = firstLine;
    }

    Body parse() {
        int index = 0;
        StringBuilder introduction = new StringBuilder();
        while (index < lines.size() && !isHeading(lines.get(index))) {
            index = copyLineOrFence(index, introduction);
        }
        this.introduction = introduction.toString().strip();
        while (index < lines.size()) {
            index = section(index);
        }
        int last = lines.size() - 1;
        while (last > 0 && lines.get(last).isBlank()) {
            last--;
        }
        if (steps.isEmpty()) {
            throw error(lineOf(last), 1, "a lab needs at least one step: a '## ' section");
        }
        if (steps.stream().allMatch(step -> step.checks().isEmpty())) {
            throw error(lineOf(last), 1, "a lab needs at least one ```check block");
        }
        return new Body(this.introduction, Optional.ofNullable(setupSection), Optional.ofNullable(cleanupSection),
                List.copyOf(steps));
    }

    /** Reads the section whose heading is at {@code start}; returns the index after it. */
    private int section(int start) {
        String title = lines.get(start).substring(3).strip();
        int headingLine = lineOf(start);
        if (title.isEmpty()) {
            throw error(headingLine, 4, "a step needs a title after '## '");
        }
        String kind = title.toLowerCase();
        boolean setup = SETUP_TITLES.contains(kind);
        boolean cleanup = CLEANUP_TITLES.contains(kind);
        StringBuilder prose = new StringBuilder();
        List<Command> proseCommands = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        String solution = null;
        List<Command> solutionCommands = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        int index = start + 1;
        while (index < lines.size() && !isHeading(lines.get(index))) {
            String line = lines.get(index);
            if (line.startsWith("```check") || line.startsWith("~~~check")) {
                if (setup || cleanup) {
                    throw error(lineOf(index), 1, "checks belong in steps, not in '## " + title + "'");
                }
                int end = fenceEnd(index);
                String yaml = String.join("\n", lines.subList(index + 1, end));
                Check check = CheckParser.parse(file, yaml, lineOf(index + 1));
                if (!checkIds.add(check.id())) {
                    throw error(lineOf(index + 1), 1, "check id '" + check.id() + "' is used twice in this lab");
                }
                checks.add(check);
                index = end + 1;
            } else if (line.startsWith("!!! hint") || line.startsWith("!!! solution")) {
                boolean isHint = line.startsWith("!!! hint");
                if (setup || cleanup) {
                    throw error(lineOf(index), 1, (isHint ? "hints" : "solutions") + " belong in steps, not in '## " + title + "'");
                }
                int end = admonitionEnd(index);
                String content = dedent(lines.subList(index + 1, end));
                if (content.isBlank()) {
                    throw error(lineOf(index), 1, "this admonition is empty: indent its content by 4 spaces");
                }
                if (isHint) {
                    hints.add(content);
                } else {
                    if (solution != null) {
                        throw error(lineOf(index), 1, "a step has one '!!! solution'; this is the second");
                    }
                    solution = content;
                    solutionCommands.addAll(commandsIn(content, lineOf(index + 1)));
                }
                index = end;
            } else {
                int next = copyLineOrFence(index, prose);
                if (isShellFence(line)) {
                    proseCommands.addAll(commandsIn(String.join("\n", lines.subList(index, next)), lineOf(index)));
                }
                index = next;
            }
        }
        String markdown = prose.toString().strip();
        if (setup || cleanup) {
            Lab.Section section = new Lab.Section(title, markdown, proseCommands);
            if (setup) {
                setupSection = section;
            } else {
                cleanupSection = section;
            }
        } else {
            if (!checks.isEmpty() && solution == null) {
                throw error(headingLine, 1, "step '" + title + "' has checks but no '!!! solution' with the commands that pass them");
            }
            steps.add(new Step(steps.size() + 1, title, markdown, hints, Optional.ofNullable(solution),
                    solutionCommands, checks, headingLine));
        }
        return index;
    }

    /** The shell commands in the shell fences of some Markdown whose first line is file line {@code line}. */
    private List<Command> commandsIn(String markdown, int line) {
        List<Command> commands = new ArrayList<>();
        String[] inner = markdown.split("\n", -1);
        for (int i = 0; i < inner.length; i++) {
            if (isShellFence(inner[i])) {
                String marker = inner[i].strip().substring(0, 3);
                int end = i + 1;
                while (end < inner.length && !inner[end].strip().equals(marker)) {
                    end++;
                }
                if (end >= inner.length) {
                    throw error(line + i, 1, "this code block is never closed: add a line " + marker);
                }
                String script = String.join("\n", Arrays.asList(inner).subList(i + 1, end));
                try {
                    commands.addAll(Shell.commands(script, line + i + 1));
                } catch (Shell.SyntaxError e) {
                    throw error(e.line, 1, e.getMessage());
                }
                i = end;
            }
        }
        return commands;
    }

    /** Appends the line at {@code index}, or the whole fenced block starting there; returns the next index. */
    private int copyLineOrFence(int index, StringBuilder out) {
        String line = lines.get(index);
        int next = isFence(line) ? fenceEnd(index) + 1 : index + 1;
        for (int i = index; i < next; i++) {
            out.append(lines.get(i)).append('\n');
        }
        return next;
    }

    private int fenceEnd(int start) {
        String marker = lines.get(start).strip().substring(0, 3);
        for (int i = start + 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw error(lineOf(start), 1, "this code block is never closed: add a line " + marker);
    }

    /** An admonition's content is every following blank or 4-space-indented line. */
    private int admonitionEnd(int start) {
        int end = start + 1;
        int lastContent = start;
        while (end < lines.size() && (lines.get(end).isBlank() || lines.get(end).startsWith("    "))) {
            if (!lines.get(end).isBlank()) {
                lastContent = end;
            }
            end++;
        }
        return lastContent + 1;
    }

    private static String dedent(List<String> block) {
        StringBuilder out = new StringBuilder();
        for (String line : block) {
            out.append(line.length() >= 4 ? line.substring(4) : line.strip()).append('\n');
        }
        return out.toString().strip();
    }

    private static boolean isHeading(String line) {
        return line.startsWith("## ") || line.equals("##");
    }

    private static boolean isFence(String line) {
        String stripped = line.strip();
        return stripped.startsWith("```") || stripped.startsWith("~~~");
    }

    private static boolean isShellFence(String line) {
        String stripped = line.strip();
        if (!isFence(stripped)) {
            return false;
        }
        String language = stripped.substring(3).strip();
        return language.equals("bash") || language.equals("sh") || language.equals("shell");
    }

    private int lineOf(int index) {
        return firstLine + index;
    }

    private MarkdownFileException error(int line, int column, String problem) {
        return new MarkdownFileException(file, line, column, problem);
    }
}
