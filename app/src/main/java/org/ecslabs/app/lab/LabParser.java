package org.ecslabs.app.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.markdown.FrontMatter;
import org.ecslabs.app.markdown.MarkdownFileException;

/**
 * Reads a lab file: front matter, then {@code ##} sections. {@code ## Setup} and {@code ## Clean-up}
 * hold commands; every other section is a step with prose, {@code !!! hint} and {@code !!! solution}
 * admonitions and {@code check} blocks. Anything wrong is a {@link MarkdownFileException} with
 * file:line:column, so that a broken lab never reaches a learner.
 */
public final class LabParser {

    static final Set<String> LEVELS = Set.of("beginner", "intermediate", "advanced");
    static final Set<String> DOMAINS = Set.of("secure", "resilient", "performant", "cost");
    private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("id", "title", "summary", "level", "minutes",
            "domains", "prerequisites", "updated", "references", "video", "resources", "cost", "requires"));
    private static final Set<String> REQUIRED = Set.of("id", "title", "summary", "level", "minutes", "domains",
            "updated", "references");
    private static final String NAME = "[a-z0-9]+(-[a-z0-9]+)*";
    private static final Set<String> SETUP_TITLES = Set.of("setup");
    private static final Set<String> CLEANUP_TITLES = Set.of("clean-up", "cleanup", "clean up");

    private LabParser() {
    }

    /** Every {@code *.md} lab in {@code folder}, sorted by id; ids must be unique. */
    public static List<Lab> loadAll(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            // README.md documents the format for authors; it is not a lab.
            List<Lab> labs = files.filter(file -> file.getFileName().toString().endsWith(".md"))
                    .filter(file -> !file.getFileName().toString().equals("README.md"))
                    .sorted()
                    .map(LabParser::load)
                    .sorted(Comparator.comparing(Lab::id))
                    .toList();
            return labs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the labs folder " + folder, e);
        }
    }

    public static Lab load(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses a lab; {@code file} is its name (e.g. {@code first-fargate-task.md}), used in errors and for the id. */
    public static Lab parse(String file, String text) {
        FrontMatter front = FrontMatter.parse(file, text, FIELDS, REQUIRED);
        String id = front.string("id");
        if (!id.matches(NAME)) {
            throw front.error("id", "id '" + id + "' must be lower-case words joined by hyphens");
        }
        if (file.endsWith(".md") && !file.equals(id + ".md")) {
            throw front.error("id", "id '" + id + "' must match the file name " + file);
        }
        String level = front.string("level");
        if (!LEVELS.contains(level)) {
            throw front.error("level", "level must be one of beginner, intermediate, advanced; found '" + level + "'");
        }
        int minutes = front.integer("minutes", 0);
        if (minutes <= 0) {
            throw front.error("minutes", "minutes must be a positive whole number");
        }
        List<String> domains = front.strings("domains");
        if (domains.isEmpty()) {
            throw front.error("domains", "domains must list at least one exam domain");
        }
        for (String domain : domains) {
            if (!DOMAINS.contains(domain)) {
                throw front.error("domains", "unknown exam domain '" + domain + "' (known: secure, resilient, performant, cost)");
            }
        }
        List<String> prerequisites = front.strings("prerequisites");
        for (String prerequisite : prerequisites) {
            if (!prerequisite.matches(NAME)) {
                throw front.error("prerequisites", "prerequisite '" + prerequisite + "' must be a lesson slug or a lab id");
            }
        }
        List<String> requires = front.strings("requires");
        for (String service : requires) {
            if (!AwsClients.serviceNames().contains(service) || service.equals("ecs") || service.equals("ec2")) {
                throw front.error("requires", "requires lists AWS CLI service names beyond ecs and ec2, such as elbv2 or "
                        + "application-autoscaling; found '" + service + "'");
            }
        }
        Lab.Link video = front.fields().get("video") == null ? null : link(front, "video", front.fields().get("video"));
        List<Lab.Link> references = front.maps("references").stream().map(map -> link(front, "references", map)).toList();
        if (references.isEmpty()) {
            throw front.error("references", "references must list at least one source (title and url)");
        }
        Optional<String> cost = Optional.ofNullable(front.string("cost", null));
        Body body = new BodyParser(file, front.body(), front.bodyLine()).parse();
        return new Lab(id, front.string("title"), front.string("summary"), level, minutes, domains, prerequisites,
                date(front, "updated"), references, Optional.ofNullable(video), front.strings("resources"), cost,
                requires, body.introduction, Optional.ofNullable(body.setup), Optional.ofNullable(body.cleanup),
                body.steps);
    }

    private static LocalDate date(FrontMatter front, String key) {
        Object value = front.fields().get(key);
        if (value instanceof Date date) {
            // SnakeYAML reads an unquoted YYYY-MM-DD as a timestamp at midnight UTC.
            return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        try {
            return LocalDate.parse(front.string(key));
        } catch (DateTimeParseException e) {
            throw front.error(key, key + " must be a date YYYY-MM-DD, found '" + value + "'");
        }
    }

    private static Lab.Link link(FrontMatter front, String key, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw front.error(key, key + " must have a title and a url");
        }
        for (Object field : map.keySet()) {
            if (!field.equals("title") && !field.equals("url")) {
                throw front.error(key, "unknown field '" + field + "' in " + key + " (allowed: title, url)");
            }
        }
        Object title = map.get("title");
        Object url = map.get("url");
        if (title == null || url == null || String.valueOf(title).isBlank()) {
            throw front.error(key, key + " must have a title and a url");
        }
        String address = String.valueOf(url).trim();
        if (!address.startsWith("https://") && !address.startsWith("http://")) {
            throw front.error(key, "the url of '" + title + "' must start with https://");
        }
        return new Lab.Link(String.valueOf(title).trim(), address);
    }

    /** The body's parts, built section by section. */
    private static final class Body {
        private String introduction = "";
        private Lab.Section setup;
        private Lab.Section cleanup;
        private final List<Step> steps = new ArrayList<>();
    }

    /** A line-by-line reader of the body: sections, fences, admonitions. */
    private static final class BodyParser {
        private final String file;
        private final List<String> lines;
        private final int firstLine;
        private final Set<String> checkIds = new HashSet<>();
        private final Body body = new Body();

        BodyParser(String file, String text, int firstLine) {
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
            body.introduction = introduction.toString().strip();
            while (index < lines.size()) {
                index = section(index);
            }
            int last = lines.size() - 1;
            while (last > 0 && lines.get(last).isBlank()) {
                last--;
            }
            if (body.steps.isEmpty()) {
                throw error(lineOf(last), 1, "a lab needs at least one step: a '## ' section");
            }
            if (body.steps.stream().allMatch(step -> step.checks().isEmpty())) {
                throw error(lineOf(last), 1, "a lab needs at least one ```check block");
            }
            return body;
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
                    body.setup = section;
                } else {
                    body.cleanup = section;
                }
            } else {
                if (!checks.isEmpty() && solution == null) {
                    throw error(headingLine, 1, "step '" + title + "' has checks but no '!!! solution' with the commands that pass them");
                }
                body.steps.add(new Step(body.steps.size() + 1, title, markdown, hints, Optional.ofNullable(solution),
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
}
