package org.ecslabs.app.lesson;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecslabs.app.content.ContentFile;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.markdown.FrontMatter;
import org.ecslabs.app.markdown.MarkdownFileException;
import org.ecslabs.app.markdown.MarkdownRenderer;

/**
 * Turns {@code content/<slug>.md} into a {@link Lesson}, accepting exactly the lesson format of
 * formats.md and refusing anything else with file:line:column.
 */
public final class LessonParser {
    static final Set<String> ALLOWED = new LinkedHashSet<>(List.of(
            "title", "order", "topic", "summary", "domains", "updated", "references", "video", "labs"));
    static final Set<String> REQUIRED = Set.of("title", "order", "topic", "summary", "domains", "updated", "references");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final MarkdownRenderer renderer;

    public LessonParser(MarkdownRenderer renderer) {
        this.renderer = renderer;
    }

    public Lesson parse(ContentFile file) {
        String name = file.name();
        String slug = file.baseName();
        if (!SLUG.matcher(slug).matches()) {
            throw new MarkdownFileException(name, 1, 1, "the file name '" + slug
                    + ".md' is not a valid slug: use lower-case letters, digits and hyphens");
        }
        FrontMatter front = FrontMatter.parse(name, file.text(), ALLOWED, REQUIRED);
        String title = nonBlank(front, "title");
        int order = order(front);
        String topic = nonBlank(front, "topic");
        String summary = nonBlank(front, "summary");
        List<ExamDomain> domains = domains(front);
        LocalDate updated = date(front, "updated");
        List<Link> references = links(front, "references");
        if (references.isEmpty()) {
            throw front.error("references", "'references' needs at least one entry with a title and a url");
        }
        Link video = video(front);
        List<String> labs = front.strings("labs");
        for (String lab : labs) {
            if (!SLUG.matcher(lab).matches()) {
                throw front.error("labs", "'" + lab + "' is not a lab id (lower-case letters, digits and hyphens)");
            }
        }
        return new Lesson(slug, title, order, topic, summary, domains, updated, references, video, labs,
                renderer.render(name, front.body(), front.bodyLine()), name);
    }

    private static String nonBlank(FrontMatter front, String key) {
        String value = front.string(key);
        if (value.isBlank()) {
            throw front.error(key, "field '" + key + "' must not be empty");
        }
        return value;
    }

    private static int order(FrontMatter front) {
        if (!(front.fields().get("order") instanceof Integer order)) {
            throw front.error("order", "field 'order' must be a whole number, found '" + front.fields().get("order") + "'");
        }
        return order;
    }

    private static List<ExamDomain> domains(FrontMatter front) {
        List<String> ids = front.strings("domains");
        if (ids.isEmpty()) {
            throw front.error("domains", "'domains' needs at least one exam domain (" + ExamDomain.ids() + ")");
        }
        List<ExamDomain> domains = new ArrayList<>();
        for (String id : ids) {
            ExamDomain domain = ExamDomain.byId(id).orElseThrow(() -> front.error("domains",
                    "unknown exam domain '" + id + "' (allowed: " + ExamDomain.ids() + ")"));
            if (!domains.contains(domain)) {
                domains.add(domain);
            }
        }
        return List.copyOf(domains);
    }

    /** SnakeYAML reads an unquoted 2026-11-21 as a timestamp; a quoted one stays text. Both are fine. */
    static LocalDate date(FrontMatter front, String key) {
        Object value = front.fields().get(key);
        if (value instanceof Date date) {
            LocalDate day = date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
            if (!date.toInstant().equals(day.atStartOfDay(ZoneOffset.UTC).toInstant())) {
                throw front.error(key, "field '" + key + "' must be a date YYYY-MM-DD without a time");
            }
            return day;
        }
        String text = String.valueOf(value).trim();
        try {
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("format", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw front.error(key, "field '" + key + "' must be a date YYYY-MM-DD, found '" + text + "'");
        }
    }

    static List<Link> links(FrontMatter front, String key) {
        List<Link> links = new ArrayList<>();
        for (Map<String, Object> entry : front.maps(key)) {
            links.add(link(front, key, entry));
        }
        return List.copyOf(links);
    }

    private static Link video(FrontMatter front) {
        Object value = front.fields().get("video");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw front.error("video", "'video' must be a mapping with a title and a url");
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        map.forEach((k, v) -> entry.put(String.valueOf(k), v));
        return link(front, "video", entry);
    }

    private static Link link(FrontMatter front, String key, Map<String, Object> entry) {
        for (String field : entry.keySet()) {
            if (!field.equals("title") && !field.equals("url")) {
                throw front.error(key, "unknown field '" + field + "' in '" + key + "' (allowed: title, url)");
            }
        }
        Object title = entry.get("title");
        Object url = entry.get("url");
        if (title == null || String.valueOf(title).isBlank()) {
            throw front.error(key, "each entry of '" + key + "' needs a title");
        }
        if (url == null || !String.valueOf(url).trim().matches("https?://\\S+")) {
            throw front.error(key, "each entry of '" + key + "' needs a url starting with https:// or http:// (found '" + url + "')");
        }
        return new Link(String.valueOf(title).trim(), String.valueOf(url).trim());
    }
}
