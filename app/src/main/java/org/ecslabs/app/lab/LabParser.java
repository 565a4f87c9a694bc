package org.ecslabs.app.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Date;
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
        LabBodyParser.Body body = new LabBodyParser(file, front.body(), front.bodyLine()).parse();
        return new Lab(id, front.string("title"), front.string("summary"), level, minutes, domains, prerequisites,
                date(front, "updated"), references, Optional.ofNullable(video), front.strings("resources"), cost,
                requires, body.introduction(), body.setup(), body.cleanup(), body.steps());
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
}
